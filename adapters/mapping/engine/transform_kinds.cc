#include "adapters/mapping/engine/transform_kinds.h"

#include <array>
#include <utility>

namespace omnihub::mapping::engine {

std::optional<ValueKind> TransformOutputKind(std::string_view name) {
  static constexpr std::array<std::pair<std::string_view, ValueKind>, 23> kKinds = {{
      {"trim", ValueKind::kText},
      {"upper", ValueKind::kText},
      {"lower", ValueKind::kText},
      {"title", ValueKind::kText},
      {"collapse-spaces", ValueKind::kText},
      {"substring", ValueKind::kText},
      {"pad", ValueKind::kText},
      {"concat", ValueKind::kText},
      {"split", ValueKind::kText},
      {"replace", ValueKind::kText},
      {"text", ValueKind::kText},
      {"code-table", ValueKind::kText},
      {"phone", ValueKind::kText},
      {"email", ValueKind::kText},
      {"loyalty-card", ValueKind::kText},
      {"utc-offset", ValueKind::kText},
      {"integer", ValueKind::kInteger},
      {"decimal", ValueKind::kDecimal},
      {"implied-decimal", ValueKind::kDecimal},
      {"money", ValueKind::kMoney},
      {"date", ValueKind::kDate},
      {"timestamp", ValueKind::kTimestamp},
      {"bool", ValueKind::kBool},
  }};
  for (const auto& [n, kind] : kKinds) {
    if (n == name) return kind;
  }
  return std::nullopt;
}

}  // namespace omnihub::mapping::engine
