// AccountUpdate: one account a backend created, changed or deleted after the index was built,
// applied to the identity index incrementally under the rules IdentityIndex::Build follows.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/source_data.h"
#include "hub/identity/customer_merge.h"
#include "hub/identity/customer_split.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Stateless. What Apply does with an account of `system`:
//   a new account whose strong identifiers (IdentityIndex::rules) nobody holds
//       -> a new golden customer, its id derived from the account (IdentityIndex::GoldenIdFor), so
//          a restart that scans the account first gives the same id;
//   a new account sharing a strong identifier with a customer who has no account in `system`
//       -> joined to that customer (the holder of its first such identifier), whose id does not
//          change unless a merge follows; never through an identifier an agent unlinked from that
//          customer (said in `refused`): then it is a customer of its own, as a restart's build
//          makes it (IdentityIndex::Build lets such an identifier connect only accounts that
//          were one customer);
//   an account (new, or one already in the index) whose strong identifiers connect its customer
//       to other customers -> merged into one, as a rebuild of the same data would merge them,
//       with the id a restart would give (CustomerMerge, the issued ids read through `issued`);
//       the ids merged away keep resolving to it. Only when the merge is certain to be Build's:
//       each identifier held by one customer only, no two of the customers (nor the new account)
//       with accounts in one system, none of them holding a strong identifier another customer
//       holds too (then Build's result depends on the order it reads accounts in), and no agent
//       having unlinked the connecting identifier from one of them (`unlinks`: an agent's unlink
//       is not undone by the systems). Otherwise nothing is merged (said in `refused`) and a
//       new account joins as above. (A restart's build does not merge them either: the unlinked
//       identifier connects only accounts holding an issued id in common, and customers merged
//       before the unlink stay one because their accounts hold the merged customer's id.)
//   an account only named by another (a cross-reference) is a new account: it joins as above;
//   an account already in the index -> `account.identifiers` is everything it declares now: the
//       identifiers it did not have are added to its customer; those it no longer declares are
//       withdrawn: they stop resolving to the customer unless another of the customer's accounts
//       declares them too (GoldenCustomer::declared_by; agents' links apply over this index, so
//       an identifier an agent linked keeps resolving: ManualLinks);
//   a withdrawal that leaves the customer's accounts connected by no strong identifier
//       -> the customer splits as a rebuild of the same data would split it, with the ids a
//          restart would give (CustomerSplit, the issued ids read through `issued`);
//   weak identifiers (phone, address) and name + postcode are only indexed: they find the customer
//   and make them a candidate (FindByName), never join; the customer takes the account's name and
//   postcode as a build would: when the account is its anchor (first in the build's order), or
//   the customer has none (an anchor that stops declaring them leaves the customer's as they are:
//   a restart takes the next account's, which the index does not keep);
//   a strong identifier another customer holds that does not merge them is added all the same
//   (said in `refused`): both customers hold it, as after a restart, so it resolves to neither
//   alone.
// Identifiers that fail normalisation are skipped and counted (so one that became malformed in
// its system is withdrawn, as a rebuild would skip it).
// A customer with more than kMaxDeclaringAccounts accounts withdraws nothing (said in `refused`).
class AccountUpdate {
 public:
  struct Outcome {
    // The customer the account belongs to now (Remove: the one it left).
    std::string customer_id;
    // The account as the index keys it ("account:web:12345"): what IssuedIdRegistry records.
    std::string account_key;
    bool new_customer = false;
    bool new_account = false;
    // Remove: the account left its customer.
    bool removed_account = false;
    // Identifiers added to the customer, as "type:value" keys.
    std::vector<std::string> added;
    // Identifiers that stopped resolving to the customer, one line each: "withdrew
    // email:old@example.com (no longer on web:12345)".
    std::vector<std::string> withdrawn;
    // What happened to the customer: "split web:12345 from C-...: no shared strong identifier
    // left (now C-...)", "C-... has no account left: it no longer resolves".
    std::vector<std::string> split;
    // Ids of the customers split off (they changed, as did customer_id).
    std::vector<std::string> split_ids;
    // Customers merged into this one: "merged C-... into C-...: shares email:jane@example.com
    // (ecommerce:W1, erp:C1)".
    std::vector<std::string> merged;
    // Their ids (they resolve to customer_id now).
    std::vector<std::string> merged_ids;
    // Accounts whose golden id a split or a merge chose, for IssuedIdRegistry::Record, and for
    // RecordReissued (accounts holding issued ids whose customer got a new one: ChosenIds).
    std::vector<IssuedId> to_record;
    std::vector<IssuedId> to_reissue;
    // Why identifiers were not added or customers not joined.
    std::vector<std::string> refused;
    // Why the account's id could not be recorded (IdentityLinker; empty: recorded or not needed).
    std::string not_recorded;

    // For the log: " -> C-... (new customer), 1 identifiers added, 1 withdrawn: withdrew ...;
    // merged ...; split ...; refused: ...".
    std::string Summary() const;
  };

  // Identifier keys agents unlinked from customers the systems declared them for
  // (ManualLinks::Unlinks): key -> the customer id the agent named.
  using AgentUnlinks = std::multimap<std::string, std::string>;

  // Applies `account` to `index` (a private copy: the caller publishes it). INVALID_ARGUMENT when
  // the system or account number is empty or the account number cannot be normalised (nothing
  // changes then). `issued` (optional) reads the ids issued to accounts when customers split or
  // merge; `unlinks` (optional) are the agents' unlinks in force, which no merge undoes.
  static absl::StatusOr<Outcome> Apply(IdentityIndex& index, const std::string& system,
                                       const omnihub::sdk::AccountIdentity& account,
                                       const omnihub::sdk::IdentifierNormalizer& normalizer,
                                       const CustomerSplit::IssuedLookup& issued = {},
                                       const AgentUnlinks& unlinks = {});

  // The account `account_id` of `system` no longer exists there: it leaves its customer with the
  // identifiers only it declared; the customer splits when the account held the others together
  // (as Apply), and resolves no more when it was its only account. INVALID_ARGUMENT as Apply,
  // NOT_FOUND when no customer has the account (only an account naming it, or nobody), and
  // FAILED_PRECONDITION for a customer with more than kMaxDeclaringAccounts accounts; nothing
  // changes then.
  static absl::StatusOr<Outcome> Remove(IdentityIndex& index, const std::string& system,
                                        const std::string& account_id,
                                        const omnihub::sdk::IdentifierNormalizer& normalizer,
                                        const CustomerSplit::IssuedLookup& issued = {});

 private:
  // The customers `identifiers` (the account `account_name` of `system` declares them) connect
  // the customer at `position` (none: a new account) to, each with its evidence, when Build is
  // certain to merge them all (Apply); otherwise none, and why in `refused`.
  static std::vector<CustomerMerge::Evidence> Joining(
      const IdentityIndex& index, const std::string& system, const std::string& account_name,
      const std::vector<omnihub::v1::Identifier>& identifiers, std::optional<uint32_t> position,
      const AgentUnlinks& unlinks, std::string& refused);
  // Splits the customer at `position` if it fell apart, into `outcome`.
  static void SplitIfApart(IdentityIndex& index, uint32_t position,
                           const omnihub::sdk::IdentifierNormalizer& normalizer,
                           const CustomerSplit::IssuedLookup& issued,
                           const omnihub::sdk::AccountIdentity* announced, Outcome& outcome);
};

}  // namespace omnihub::hub
