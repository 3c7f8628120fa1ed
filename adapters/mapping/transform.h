// Transform: one value transformation an architect names in a mapping file ("trim", "date",
// "code-table"...), compiled once from a TransformSpec and then applied to every record.
//
// Conventions every transform follows:
//  - null in, null out (only `default` and `concat` look at nulls);
//  - text input must be well-formed UTF-8, otherwise the transform fails (no silent replacement);
//  - a transform given a kind it does not handle fails, naming both kinds ("expects text, got
//    decimal"): use `text` to turn any value into text first;
//  - errors are INVALID_ARGUMENT and written for the architect who wrote the mapping; values quoted
//    in them are cut to 40 characters and escaped.
// The full list of names and arguments is in README.md next to this file.
#pragma once

#include <map>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping {

// A transformation as written in a mapping file, before validation.
struct TransformSpec {
  std::string name;  // "date", "code-table", ...
  std::map<std::string, std::string> args =
      {};  // e.g. {"format", "YYDDD"}, {"tz", "Europe/London"}
  // Entries of a `code-table` (source code -> canonical value), in file order; every other
  // transform refuses a non-empty table.
  std::vector<std::pair<std::string, std::string>> table = {};
};

// A compiled transformation.
//
// Pure: the result depends only on the input. Immutable after construction and thread-safe: one
// instance serves every record on every thread.
class Transform {
 public:
  virtual ~Transform() = default;

  // The transformed value, or INVALID_ARGUMENT saying what is wrong with `in`.
  virtual absl::StatusOr<Value> Apply(const Value& in) const = 0;

  // Several inputs at once: how the engine hands a transform more than one source field. Only
  // combining transforms (`concat`) accept more than one; the default forwards a single input to
  // Apply and refuses any other count.
  virtual absl::StatusOr<Value> ApplyMany(std::span<const Value> inputs) const;

  // True when ApplyMany accepts more than one input.
  virtual bool combines() const { return false; }
};

// Validates `spec` and builds its transform. Errors are INVALID_ARGUMENT in the architect's terms:
//   unknown transform 'uper' — did you mean 'upper'?
//   date: format 'YYDDX': unknown token 'X'
//   date: unknown argument 'fromat' — did you mean 'format'?
absl::StatusOr<std::unique_ptr<Transform>> CompileTransform(const TransformSpec& spec);

// Every transform name CompileTransform accepts, sorted.
std::vector<std::string> KnownTransformNames();

}  // namespace omnihub::mapping
