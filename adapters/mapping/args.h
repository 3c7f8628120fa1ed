// ArgReader: reads and validates the named string arguments of one TransformSpec at compile time,
// with messages for the architect ("pad: 'width' must be a whole number from 1 to 65536, got
// 'ten'"). Internal to the mapping library.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/mapping/transform.h"

namespace omnihub::mapping {

// Levenshtein distance between two ASCII strings (case-sensitive).
size_t EditDistance(absl::string_view a, absl::string_view b);

// " — did you mean 'upper'?" for the closest of `candidates` within a small distance, else "".
std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates);

// Not thread-safe; lives for one compilation.
class ArgReader {
 public:
  ArgReader(const TransformSpec& spec, std::vector<std::string> allowed);

  // INVALID_ARGUMENT for the first argument not in `allowed`, with a suggestion.
  absl::Status CheckNoUnknown() const;

  std::optional<std::string> Get(absl::string_view key) const;
  absl::StatusOr<std::string> Required(absl::string_view key) const;
  // A whole number in [min, max]; `fallback` when absent.
  absl::StatusOr<int64_t> Int(absl::string_view key, int64_t min, int64_t max,
                              int64_t fallback) const;
  // "yes/no/true/false/1/0"; `fallback` when absent.
  absl::StatusOr<bool> Flag(absl::string_view key, bool fallback) const;
  // One of `choices`; `fallback` when absent.
  absl::StatusOr<std::string> OneOf(absl::string_view key, const std::vector<std::string>& choices,
                                    absl::string_view fallback) const;

  // "<transform>: <message>".
  absl::Status Error(absl::string_view message) const;

 private:
  const TransformSpec& spec_;
  std::vector<std::string> allowed_;
};

}  // namespace omnihub::mapping
