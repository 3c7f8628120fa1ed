// TransformChain: the transforms of one field mapping, applied in order
// (e.g. trim -> upper -> code-table).
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/transform.h"

namespace omnihub::mapping {

// Applies its steps in order; the first failure stops the chain and is reported with the step's
// position and name: "step 2 'date': '20230230' is not a valid date ...".
//
// Several inputs (e.g. first and last name) go to the first step through ApplyMany, which must be a
// combining transform (`concat`); every later step receives one value.
//
// Immutable after Compile and thread-safe. An empty chain returns its input unchanged.
class TransformChain {
 public:
  TransformChain() = default;

  // Compiles every step; the error names the failing step: "step 2: unknown transform 'uper' — did
  // you mean 'upper'?".
  static absl::StatusOr<TransformChain> Compile(const std::vector<TransformSpec>& specs);

  absl::StatusOr<Value> Apply(const Value& in) const;
  // The same for a value the caller drops: an empty chain gives it back without a copy.
  absl::StatusOr<Value> Apply(Value&& in) const;
  absl::StatusOr<Value> ApplyMany(std::span<const Value> inputs) const;

  size_t size() const { return steps_.size(); }

 private:
  struct Step {
    std::string name;
    std::unique_ptr<const Transform> transform;
  };
  // `value`, the first step's result, through the other steps; a failure named by its step.
  void RunAfterFirst(absl::StatusOr<Value>& value) const;
  absl::StatusOr<Value> ApplySteps(const Value& in) const;

  std::vector<Step> steps_;
};

}  // namespace omnihub::mapping
