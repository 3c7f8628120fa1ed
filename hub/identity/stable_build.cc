#include "hub/identity/stable_build.h"

namespace omnihub::hub {

absl::StatusOr<BuildKeepingIdsReport> BuildKeepingIds(
    IssuedIdRegistry& registry, const std::vector<IdentityIndex::SystemAccounts>& systems,
    const std::vector<std::string>& system_order, const IdentifierNormalizer& normalizer,
    const IdentityRules& rules, const std::vector<std::string>& known_systems) {
  constexpr int kMaxBuilds = 3;
  BuildKeepingIdsReport report;
  for (;;) {
    auto rows = registry.ReadAll();
    if (!rows.ok()) return rows.status();
    CheckedIssuedIds checked = CheckIssuedIds(*rows, known_systems);
    std::vector<IssuedId> to_record;
    report.index =
        IdentityIndex::Build(systems, system_order, normalizer, rules, checked.ids, &to_record);
    report.issued_before = checked.ids.size();
    report.rejected = std::move(checked.rejected);
    ++report.builds;
    auto recorded = registry.Record(to_record);
    if (!recorded.ok()) return recorded.status();
    report.recorded += *recorded;
    if (*recorded == to_record.size() || report.builds == kMaxBuilds) return report;
  }
}

}  // namespace omnihub::hub
