// Building blocks of the transform implementations: the registry entry, the factory signature and
// the text-transform base class. Internal to the mapping library.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/mapping/args.h"
#include "adapters/mapping/text_util.h"
#include "adapters/mapping/transform.h"

namespace omnihub::mapping {

using TransformFactory = absl::StatusOr<std::unique_ptr<Transform>> (*)(const ArgReader& args,
                                                                        const TransformSpec& spec);

// One known transform: its name, the arguments it accepts, and how to build it.
struct TransformDef {
  std::string name;
  std::vector<std::string> args;
  TransformFactory factory;
};

// The registry, one group per file.
void AddTextTransforms(std::vector<TransformDef>& defs);
void AddNumberTransforms(std::vector<TransformDef>& defs);
void AddDateTransforms(std::vector<TransformDef>& defs);
void AddLookupTransforms(std::vector<TransformDef>& defs);
void AddIdentifierTransforms(std::vector<TransformDef>& defs);

// Text in, value out; null passes through; non-text and non-UTF-8 input fail before ApplyText.
class TextTransform : public Transform {
 public:
  // omnihub::mapping::Transform
  absl::StatusOr<Value> Apply(const Value& in) const final {
    if (in.is_null()) return in;
    absl::StatusOr<absl::string_view> text = RequireText(in);
    if (!text.ok()) return text.status();
    return ApplyText(*text);
  }

 protected:
  virtual absl::StatusOr<Value> ApplyText(absl::string_view text) const = 0;
};

// A transform's text or money result built where its caller keeps it (one or two moves less
// than through Value::Text: transforms run for every field of every record).
template <typename T, typename A>
absl::StatusOr<Value> ResultOf(A&& v) {
  return absl::StatusOr<Value>(absl::in_place, std::in_place_type<T>, std::forward<A>(v));
}

template <typename T, typename... A>
absl::StatusOr<std::unique_ptr<Transform>> Make(A&&... a) {
  return std::unique_ptr<Transform>(new T(std::forward<A>(a)...));
}

}  // namespace omnihub::mapping
