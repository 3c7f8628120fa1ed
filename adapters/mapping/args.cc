#include "adapters/mapping/args.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/text_util.h"

namespace omnihub::mapping {

size_t EditDistance(absl::string_view a, absl::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string DidYouMean(absl::string_view word, const std::vector<std::string>& candidates) {
  const std::string lowered = absl::AsciiStrToLower(word);
  size_t best = SIZE_MAX;
  const std::string* best_name = nullptr;
  for (const std::string& c : candidates) {
    const size_t d = EditDistance(lowered, c);
    if (d < best) {
      best = d;
      best_name = &c;
    }
  }
  // Close enough to be a typo: at most 2 edits, and fewer than half the word.
  if (best_name == nullptr || best > 2 || best * 2 >= std::max<size_t>(word.size(), 2)) return "";
  return absl::StrCat(" — did you mean '", *best_name, "'?");
}

ArgReader::ArgReader(const TransformSpec& spec, std::vector<std::string> allowed)
    : spec_(spec), allowed_(std::move(allowed)) {}

absl::Status ArgReader::Error(absl::string_view message) const {
  return absl::InvalidArgumentError(absl::StrCat(spec_.name, ": ", message));
}

absl::Status ArgReader::CheckNoUnknown() const {
  for (const auto& [key, value] : spec_.args) {
    if (std::find(allowed_.begin(), allowed_.end(), key) != allowed_.end()) continue;
    if (allowed_.empty()) return Error(absl::StrCat("takes no arguments, got '", key, "'"));
    return Error(absl::StrCat("unknown argument '", key, "'", DidYouMean(key, allowed_),
                              " (arguments: ", absl::StrJoin(allowed_, ", "), ")"));
  }
  if (!spec_.table.empty() && spec_.name != "code-table") {
    return Error("only code-table takes table entries");
  }
  return absl::OkStatus();
}

std::optional<std::string> ArgReader::Get(absl::string_view key) const {
  auto it = spec_.args.find(std::string(key));
  if (it == spec_.args.end()) return std::nullopt;
  return it->second;
}

absl::StatusOr<std::string> ArgReader::Required(absl::string_view key) const {
  std::optional<std::string> v = Get(key);
  if (!v.has_value()) return Error(absl::StrCat("the argument '", key, "' is required"));
  return *v;
}

absl::StatusOr<int64_t> ArgReader::Int(absl::string_view key, int64_t min, int64_t max,
                                       int64_t fallback) const {
  std::optional<std::string> v = Get(key);
  if (!v.has_value()) return fallback;
  int64_t n = 0;
  if (!absl::SimpleAtoi(*v, &n) || n < min || n > max) {
    return Error(absl::StrCat("'", key, "' must be a whole number from ", min, " to ", max,
                              ", got ", Quote(*v)));
  }
  return n;
}

absl::StatusOr<bool> ArgReader::Flag(absl::string_view key, bool fallback) const {
  std::optional<std::string> v = Get(key);
  if (!v.has_value()) return fallback;
  const std::string lowered = absl::AsciiStrToLower(*v);
  if (lowered == "yes" || lowered == "true" || lowered == "1") return true;
  if (lowered == "no" || lowered == "false" || lowered == "0") return false;
  return Error(absl::StrCat("'", key, "' must be yes or no, got ", Quote(*v)));
}

absl::StatusOr<std::string> ArgReader::OneOf(absl::string_view key,
                                             const std::vector<std::string>& choices,
                                             absl::string_view fallback) const {
  std::optional<std::string> v = Get(key);
  if (!v.has_value()) return std::string(fallback);
  if (std::find(choices.begin(), choices.end(), *v) != choices.end()) return *v;
  return Error(absl::StrCat("'", key, "' must be one of ", absl::StrJoin(choices, ", "), "; got ",
                            Quote(*v), DidYouMean(*v, choices)));
}

}  // namespace omnihub::mapping
