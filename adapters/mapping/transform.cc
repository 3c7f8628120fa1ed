// The registry of known transforms and CompileTransform.
#include "adapters/mapping/transform.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/transform_impl.h"

namespace omnihub::mapping {
namespace {

const std::vector<TransformDef>& Registry() {
  static const std::vector<TransformDef>* const kDefs = [] {
    auto* defs = new std::vector<TransformDef>();
    AddTextTransforms(*defs);
    AddNumberTransforms(*defs);
    AddDateTransforms(*defs);
    AddLookupTransforms(*defs);
    AddIdentifierTransforms(*defs);
    std::sort(defs->begin(), defs->end(),
              [](const TransformDef& a, const TransformDef& b) { return a.name < b.name; });
    return defs;
  }();
  return *kDefs;
}

}  // namespace

absl::StatusOr<Value> Transform::ApplyMany(std::span<const Value> inputs) const {
  if (inputs.size() != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("takes one value, got ", inputs.size(), " (use concat to combine values)"));
  }
  return Apply(inputs[0]);
}

std::vector<std::string> KnownTransformNames() {
  std::vector<std::string> names;
  for (const TransformDef& d : Registry()) names.push_back(d.name);
  return names;
}

absl::StatusOr<std::unique_ptr<Transform>> CompileTransform(const TransformSpec& spec) {
  for (const TransformDef& def : Registry()) {
    if (def.name != spec.name) continue;
    ArgReader args(spec, def.args);
    if (absl::Status s = args.CheckNoUnknown(); !s.ok()) return s;
    return def.factory(args, spec);
  }
  if (spec.name.empty()) return absl::InvalidArgumentError("a transform needs a name");
  return absl::InvalidArgumentError(absl::StrCat("unknown transform ", Quote(spec.name),
                                                 DidYouMean(spec.name, KnownTransformNames())));
}

}  // namespace omnihub::mapping
