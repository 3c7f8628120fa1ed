#include "hub/identity/stable_build.h"

#include "absl/container/flat_hash_set.h"

namespace omnihub::hub {
namespace {

// The issued ids no customer of `index` answers to (BuildKeepingIdsReport::unresolved).
void CountUnresolved(const IssuedIds& issued, const IdentityIndex& index,
                     BuildKeepingIdsReport& report) {
  constexpr size_t kExamples = 10;
  absl::flat_hash_set<std::string> seen;
  for (const auto& [account_key, rows] : issued) {
    for (const auto& row : rows) {
      if (!seen.insert(row.customer_id).second || index.FindById(row.customer_id) != nullptr) {
        continue;
      }
      ++report.unresolved;
      if (report.unresolved_examples.size() < kExamples) {
        report.unresolved_examples.push_back(row.customer_id + " (" + account_key + ")");
      }
    }
  }
}

}  // namespace

absl::StatusOr<BuildKeepingIdsReport> BuildKeepingIds(
    IssuedIdRegistry& registry, const std::vector<IdentityIndex::SystemAccounts>& systems,
    const std::vector<std::string>& system_order, const IdentifierNormalizer& normalizer,
    const IdentityRules& rules, const std::vector<std::string>& known_systems,
    const absl::flat_hash_set<std::string>& unlinked_keys) {
  constexpr int kMaxBuilds = 3;
  BuildKeepingIdsReport report;
  for (;;) {
    auto rows = registry.ReadAll();
    if (!rows.ok()) return rows.status();
    CheckedIssuedIds checked = CheckIssuedIds(*rows, known_systems);
    std::vector<IssuedId> to_record, to_reissue;
    report.index = IdentityIndex::Build(systems, system_order, normalizer, rules, checked.ids,
                                        &to_record, &to_reissue, &unlinked_keys);
    report.issued_before = rows->size() - checked.rejected.size();
    report.rejected = std::move(checked.rejected);
    ++report.builds;
    auto recorded = registry.Record(to_record);
    if (!recorded.ok()) return recorded.status();
    report.recorded += *recorded;
    if (*recorded < to_record.size() && report.builds < kMaxBuilds) continue;
    // Only this build's: hubs building over the same data reissue the same ids (deterministic),
    // so these never call for another build.
    auto reissued = registry.RecordReissued(to_reissue);
    if (!reissued.ok()) return reissued.status();
    report.reissued = *reissued;
    CountUnresolved(checked.ids, *report.index, report);
    return report;
  }
}

}  // namespace omnihub::hub
