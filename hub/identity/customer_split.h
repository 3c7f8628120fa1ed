// CustomerSplit: a golden customer whose accounts no strong identifier holds together any more (a
// system withdrew the identifier, or deleted the account that held them: AccountUpdate) becomes
// the customers a rebuild of the same data would make, with the golden ids a restart would give.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/source_data.h"
#include "hub/identity/golden_ids.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Stateless.
class CustomerSplit {
 public:
  // The ids issued to the accounts `account_keys` (those that have one, trusted as CheckIssuedIds
  // trusts them), as a restart reads them from IssuedIdRegistry; the error when they cannot be
  // read.
  using IssuedLookup =
      std::function<absl::StatusOr<IssuedIds>(const std::vector<std::string>& account_keys)>;

  struct Result {
    // One line per customer split off: "split web:12345 from C-...: no shared strong identifier
    // left (now C-...)"; and why the ids were chosen without the issued ids, if they were.
    std::vector<std::string> lines;
    // The ids of the customers split off.
    std::vector<std::string> new_ids;
    // Their accounts with the ids they got, for those the registry may not hold yet
    // (ChooseGoldenIds' to_record): record them (IssuedIdRegistry::Record).
    std::vector<IssuedId> to_record;
    // Accounts holding issued ids but not the one their part got, e.g. a part that got a new id
    // (ChooseGoldenIds' to_reissue): record them (IssuedIdRegistry::RecordReissued), so the id
    // outlives restarts and, should the part rejoin the others, keeps resolving to them.
    std::vector<IssuedId> to_reissue;
  };

  // Splits the customer at `position` of `index` (a private copy) when its accounts fall into
  // several parts, each part the accounts a strong identifier (IdentityIndex::rules) declared by
  // two of them (GoldenCustomer::declared_by) connects -- what a rebuild groups. Nothing changes
  // when they are all connected.
  //   - Ids: ChooseGoldenIds over the parts, each anchored as Build anchors a customer, with the
  //     ids `issued` reads for their accounts and ids of other customers excluded: the ids a
  //     restart gives. Without `issued`, or when it fails (said in a line), the part holding the
  //     customer's anchor account keeps its id.
  //   - The part that keeps the customer's id stays at `position` (with the agents' notes and any
  //     id that no part took); the others are new customers. A weak identifier declared in
  //     several parts is held by each.
  //   - A new customer's name and postcode are those of `announced` (the account just read from
  //     its system) when it holds it, otherwise the customer's: the index keeps one per customer.
  static Result Apply(IdentityIndex& index, uint32_t position,
                      const IdentifierNormalizer& normalizer, const IssuedLookup& issued,
                      const omnihub::sdk::AccountIdentity* announced = nullptr,
                      const std::string& announced_key = "");

  // ChooseGoldenIds for customers regrouped at run time (the parts of a split, the customers of a
  // merge), as a restart chooses: `components` are their account keys, anchor first; the ids
  // issued to `account_keys` (all of them) are read through `issued`; `in_use` names the ids
  // other customers have. Without `issued`, or when it fails (said in `lines`, with `fallback`:
  // what the caller does then), only `anchor` (the anchor account and its customer's id) counts
  // as issued, so that customer keeps its id.
  static ChosenIds ChooseIdsAsARestart(const std::vector<std::vector<std::string>>& components,
                                       const std::vector<std::string>& account_keys,
                                       const IssuedLookup& issued, const IssuedId& anchor,
                                       const std::function<bool(const std::string& id)>& in_use,
                                       const std::string& fallback,
                                       std::vector<std::string>& lines);
};

}  // namespace omnihub::hub
