// CustomerMerge: golden customers that an account's strong identifiers now connect (AccountUpdate:
// a new account, or one that declares an identifier another customer holds) become the one
// customer a rebuild of the same data would make, with the golden id a restart would give; the
// ids merged away keep resolving to it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "adapters/sdk/identifier_normalizer.h"
#include "hub/identity/customer_split.h"
#include "hub/identity/golden_ids.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Stateless.
class CustomerMerge {
 public:
  // Why a customer joins: the strong identifier (its index key) an account of the customer the
  // merge starts from (`account`, "web:12345") shares with `holder` ("erp:C1000001").
  struct Evidence {
    uint32_t position;
    std::string key;
    std::string account;
    std::string holder;
  };

  struct Result {
    // Where the merged customer is now.
    uint32_t position = 0;
    // One line per customer merged away: "merged C-... into C-...: shares
    // email:jane@example.com (ecommerce:W1, erp:C1)"; and why the id was chosen without the issued
    // ids, if it was.
    std::vector<std::string> lines;
    // The ids of the customers merged away (they resolve to the merged customer).
    std::vector<std::string> merged_ids;
    // Its accounts with the id they got, for those the registry may not hold yet
    // (ChooseGoldenIds' to_record): record them (IssuedIdRegistry::Record); and the accounts
    // holding other ids, to record as reissued (ChooseGoldenIds' to_reissue: every account then
    // holds the merged customer's id, which keeps it one at a restart after an agent's unlink).
    std::vector<IssuedId> to_record;
    std::vector<IssuedId> to_reissue;
  };

  // Merges the customers `joining` (each with its evidence) into the customer at `position` of
  // `index` (a private copy). The caller has checked the merge is one IdentityIndex::Build makes
  // (no two of the customers have accounts in one system).
  //   - Id: ChooseGoldenIds over all their accounts as one customer, anchored as Build anchors a
  //     customer, with the ids `issued` reads for the accounts: the id a restart gives. Without
  //     `issued`, or when it fails (said in a line), the customer holding the anchor account keeps
  //     its id (what a plain rebuild gives). Every other id of the customers (their own and those
  //     merged into them before) resolves to the merged customer from now on (merged_ids).
  //   - The merged customer stays where the customer whose id it keeps was (failing that, at
  //     `position`), with every account, identifier (and which accounts declare it) and agent's
  //     note of the customers; its name and postcode are that customer's, or the first the others
  //     have when it has none. The customers merged away are left empty (no key finds them).
  static Result Apply(IdentityIndex& index, uint32_t position, const std::vector<Evidence>& joining,
                      const IdentifierNormalizer& normalizer,
                      const CustomerSplit::IssuedLookup& issued);
};

}  // namespace omnihub::hub
