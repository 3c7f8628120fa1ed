// The Value kind each transform produces, when it is fixed by the transform's name: lets the
// compiler catch "money into a text field" before any record is mapped.
#pragma once

#include <optional>
#include <string_view>

#include "adapters/mapping/value.h"

namespace omnihub::mapping::engine {

// nullopt when the output depends on the input (`default`) or the name is unknown.
std::optional<ValueKind> TransformOutputKind(std::string_view transform_name);

}  // namespace omnihub::mapping::engine
