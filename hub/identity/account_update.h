// AccountUpdate: one account a backend created or changed after the index was built, added to the
// identity index incrementally under the rules IdentityIndex::Build follows.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/source_data.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Stateless. What Apply does with an account of `system`:
//   a new account whose strong identifiers (IdentityIndex::rules) nobody holds
//       -> a new golden customer, its id derived from the account (IdentityIndex::GoldenIdFor), so
//          a restart that scans the account first gives the same id;
//   a new account sharing a strong identifier with a customer who has no account in `system`
//       -> joined to that customer (the holder of its first such identifier), whose id does not
//          change; other customers holding its strong identifiers are not merged (counted as
//          conflicts: at run time two existing customers are never merged without an agent);
//   an account already in the index -> the identifiers it did not have are added to its customer;
//   weak identifiers (phone, address) and name + postcode are only indexed: they find the customer
//   and make them a candidate (FindByName), never join;
//   a strong identifier another customer holds is not added (it would make both ambiguous).
// Identifiers that fail normalisation are skipped and counted.
class AccountUpdate {
 public:
  struct Outcome {
    std::string customer_id;
    // The account as the index keys it ("account:web:12345"): what IssuedIdRegistry records.
    std::string account_key;
    bool new_customer = false;
    bool new_account = false;
    // Identifiers added to the customer, as "type:value" keys.
    std::vector<std::string> added;
    // Why identifiers were not added or customers not joined.
    std::vector<std::string> refused;
    // Why the account's id could not be recorded (IdentityLinker; empty: recorded or not needed).
    std::string not_recorded;
  };

  // Applies `account` to `index` (a private copy: the caller publishes it). INVALID_ARGUMENT when
  // the system or account number is empty or the account number cannot be normalised (nothing
  // changes then).
  static absl::StatusOr<Outcome> Apply(IdentityIndex& index, const std::string& system,
                                       const omnihub::sdk::AccountIdentity& account,
                                       const omnihub::sdk::IdentifierNormalizer& normalizer);
};

}  // namespace omnihub::hub
