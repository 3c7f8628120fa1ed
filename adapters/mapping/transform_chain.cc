#include "adapters/mapping/transform_chain.h"

#include <utility>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace omnihub::mapping {
namespace {

absl::Status StepError(size_t index, absl::string_view name, const absl::Status& status) {
  return absl::Status(status.code(),
                      absl::StrCat("step ", index + 1, " '", name, "': ", status.message()));
}

}  // namespace

absl::StatusOr<TransformChain> TransformChain::Compile(const std::vector<TransformSpec>& specs) {
  TransformChain chain;
  chain.steps_.reserve(specs.size());
  for (size_t i = 0; i < specs.size(); ++i) {
    absl::StatusOr<std::unique_ptr<Transform>> t = CompileTransform(specs[i]);
    if (!t.ok()) {
      return absl::Status(t.status().code(),
                          absl::StrCat("step ", i + 1, ": ", t.status().message()));
    }
    if (i > 0 && (*t)->combines()) {
      return absl::InvalidArgumentError(
          absl::StrCat("step ", i + 1, ": '", specs[i].name,
                       "' combines several inputs, so it can only be the first step of a chain"));
    }
    chain.steps_.push_back(Step{specs[i].name, std::move(*t)});
  }
  return chain;
}

// Callers keep one result object and return only it, so that the compiler builds it in their
// caller (no move of the value: a chain runs for every field of every record).
void TransformChain::RunAfterFirst(absl::StatusOr<Value>& value) const {
  size_t i = 0;
  while (value.ok() && ++i < steps_.size()) value = steps_[i].transform->Apply(*value);
  if (!value.ok()) value = StepError(i, steps_[i].name, value.status());
}

absl::StatusOr<Value> TransformChain::Apply(const Value& in) const {
  if (steps_.empty()) return in;
  return ApplySteps(in);
}

absl::StatusOr<Value> TransformChain::ApplySteps(const Value& in) const {
  // The first step reads the caller's value directly: no copy of the input.
  absl::StatusOr<Value> value = steps_[0].transform->Apply(in);
  RunAfterFirst(value);
  return value;
}

absl::StatusOr<Value> TransformChain::Apply(Value&& in) const {
  if (steps_.empty()) return std::move(in);
  return Apply(static_cast<const Value&>(in));
}

absl::StatusOr<Value> TransformChain::ApplyMany(std::span<const Value> inputs) const {
  if (inputs.size() == 1) return Apply(inputs[0]);
  if (steps_.empty()) {
    return absl::InvalidArgumentError(
        absl::StrCat("this mapping has ", inputs.size(),
                     " source values but no transform to combine them (e.g. concat)"));
  }
  absl::StatusOr<Value> value = steps_[0].transform->ApplyMany(inputs);
  RunAfterFirst(value);
  return value;
}

}  // namespace omnihub::mapping
