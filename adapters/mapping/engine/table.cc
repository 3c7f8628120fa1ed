#include "adapters/mapping/engine/table.h"

#include "absl/strings/match.h"

namespace omnihub::mapping::engine {

std::optional<size_t> Table::ColumnIndex(std::string_view name) const {
  const absl::string_view wanted(name.data(), name.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    if (absl::EqualsIgnoreCase(columns[i], wanted)) return i;
  }
  return std::nullopt;
}

}  // namespace omnihub::mapping::engine
