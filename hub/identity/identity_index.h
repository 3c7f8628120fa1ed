// IdentityIndex: identifier -> golden customer, in memory. Built from the accounts and identifiers
// the backends declare (AccountIdentity), by deterministic rules on strong identifiers.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/types/span.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/source_data.h"
#include "hub/identity/golden_ids.h"
#include "hub/identity/holder_table.h"
#include "hub/identity/identity_rules.h"
#include "hub/identity/index_key.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

using omnihub::sdk::IdentifierNormalizer;

// One account of a golden customer, and why it belongs to them.
struct LinkedAccountRecord {
  std::string system;
  std::string account_id;
  // The rule and evidence that linked it, e.g. "email jane.doe@example.com shared with
  // erp:C1000001".
  std::string linked_by;
};

// One person as the hub sees them.
struct GoldenCustomer {
  // "C-" followed by 16 hex digits: the id issued to its accounts before, or derived from the
  // customer's anchor account (see Build).
  std::string customer_id;
  std::vector<LinkedAccountRecord> accounts;
  // Every normalised identifier seen on any of the accounts, without duplicates.
  std::vector<omnihub::v1::Identifier> identifiers;
  std::string display_name;
  std::string postal_code;
  // Identifiers an agent linked by hand (ManualLinks), by index key, with the audit note
  // ("manual link by agent A17 at 2026-11-29T05:00:00Z: verified on the phone").
  std::map<std::string, std::string> manual_links;
  // Ids of customers merged into this one (by a manual link, or by the systems: ids issued before
  // to accounts that are now this customer's); they resolve to this customer.
  std::vector<std::string> merged_ids;
  // declared_by[i]: the accounts whose systems declare identifiers[i], bit j for accounts[j]
  // (DeclaredBit, declared_identifiers.h); 0 for an identifier only an agent linked. What lets a
  // system withdraw an identifier (AccountUpdate) without taking it from the other accounts.
  // (Initialised here so aggregate initialisers that end before it stay warning-free.)
  std::vector<uint64_t> declared_by = {};

  // This customer's account ids in `system` (empty when they have none there).
  std::vector<std::string> AccountsIn(const std::string& system) const;
};

// A customer found by fuzzy evidence: never merged, shown to an agent to verify.
struct CandidateMatch {
  uint32_t customer_index;
  double score;
  std::vector<std::string> evidence;
};

// What a candidate search knows of the person sought.
struct CandidateQuery {
  std::string name;
  // Optional.
  std::string postcode;
  // Optional: normalised identifiers the person is known by; the weak ones (by the index's rules:
  // phone, postal address) find candidates as a postcode does, strong ones are ignored (a strong
  // identifier resolves, see Find).
  std::vector<omnihub::v1::Identifier> identifiers;

  // What `customer` is known by: to find the customers who may be them too.
  static CandidateQuery Of(const GoldenCustomer& customer);
};

// What the index build saw (for the log and the status page).
struct IdentityIndexStats {
  size_t accounts = 0;
  size_t customers = 0;
  size_t identifiers = 0;
  // Identifiers that failed normalisation (bad data in a backend), skipped.
  size_t invalid_identifiers = 0;
  // Links refused because they would have put two accounts of one system into one customer.
  size_t conflicts = 0;
};

// An immutable snapshot of the identity graph.
//
// A snapshot is what Build made (shared, never changed, by every snapshot derived from it) plus a
// small overlay of what changed since: agents' links and unlinks (ManualLinks) and accounts
// announced by change events (AccountUpdate). Deriving a snapshot copies only the overlay and the
// customers it changes (copy-on-write per customer, per index key), never the whole index, so a
// change costs about the same at 1,000 and at 1,000,000 customers. A look-up is one probe of the
// overlay (only when it is not empty) and one probe of what Build made: flat tables keyed by two
// independent hashes of the key (HolderTable), a 128-bit fingerprint, one of them keyed per process
// (CheckKey: SipHash) so that no crafted identifier collides by design. Find trusts the
// fingerprint unless Build found two keys sharing one (then it confirms too); links, merges and
// withdrawals (Holders) confirm each hit against the holder's own identifier, and Build tells
// keys apart by their text, so keys of equal hash are never merged.
//
// Thread-safe: immutable once published; readers share it through
// std::shared_ptr<const IdentityIndex>.
class IdentityIndex {
 public:
  // The accounts of each system, as declared by that system's identity scan.
  struct SystemAccounts {
    std::string system;
    std::vector<omnihub::sdk::AccountIdentity> accounts;
  };

  // An empty index (nothing resolves).
  IdentityIndex();

  // Builds the graph. Every account becomes a node; accounts that share a strong identifier
  // (by default e-mail, loyalty card, Twitter, Facebook, a cross-referenced account number;
  // `rules` may say otherwise) are linked, unless the link would put two accounts of the same
  // system into one customer (then it is refused and counted as a conflict: a wrong merge is
  // worse than a missed one). Weak identifiers (by default phone, postal address) are indexed for
  // look-up but never link.
  //
  // The golden id of a customer derives from its anchor account, the smallest "system:account"
  // key of the first system in `system_order` that the customer has an account in, so the same
  // data always gives the same ids (GoldenIdFor) -- unless ids were issued before: `issued`
  // (by account key, checked: CheckIssuedIds) makes a customer keep the id issued earliest to any
  // of its accounts, and its other issued ids resolve to it too (merged_ids); the rules are
  // ChooseGoldenIds'. `to_record` (optional) receives each account whose id is not in `issued`,
  // with the id it got, `to_reissue` (optional) the accounts of customers that got a new id
  // although their accounts hold issued ids (ChosenIds): record them (IssuedIdRegistry::Record,
  // RecordReissued) so the next build keeps them.
  //
  // `unlinked_keys` (optional): keys of identifiers agents unlinked from a customer
  // (UnlinkedKeys, manual_links.h). Such an identifier links only accounts that hold an issued id
  // in common (were one customer: ChosenIds::to_reissue), so that what an agent separated is not
  // joined through it (AccountUpdate refuses the same at run time), while the accounts it joined
  // before the unlink stay joined. An account holding no issued id is linked by it to nobody.
  static std::shared_ptr<const IdentityIndex> Build(
      const std::vector<SystemAccounts>& systems, const std::vector<std::string>& system_order,
      const IdentifierNormalizer& normalizer, const IdentityRules& rules = {},
      const IssuedIds& issued = {}, std::vector<IssuedId>* to_record = nullptr,
      std::vector<IssuedId>* to_reissue = nullptr,
      const absl::flat_hash_set<std::string>* unlinked_keys = nullptr);

  // "C-" and 16 hex digits: the golden id of a customer anchored on the account whose normalised
  // key (IdentifierNormalizer::Key) is `anchor_key`.
  static std::string GoldenIdFor(const std::string& anchor_key);

  // The customers a normalised identifier belongs to (several only for weak identifiers).
  std::vector<const GoldenCustomer*> Find(const omnihub::v1::Identifier& normalized) const;
  const GoldenCustomer* FindById(const std::string& customer_id) const;
  // Candidates by name and postcode, best first: FindCandidates({name, postcode}, limit).
  std::vector<CandidateMatch> FindByName(const std::string& name, const std::string& postcode,
                                         size_t limit) const;
  // Candidates for `query`, best first, at most `limit` (candidate_search.cc). A candidate holds
  // the query's postcode or one of its weak identifiers (the first kMaxBlockHolders holders of
  // each are looked at) and a name that may be the query's (CompareNames). Score: 0.5 + 0.5 x the
  // names' similarity (1.0: the same words); ties go to more shared postcode and identifiers,
  // then to the smaller customer id. Evidence: what is shared and how the names agree. Never
  // merges; the query's own customer is among the results when it qualifies.
  std::vector<CandidateMatch> FindCandidates(const CandidateQuery& query, size_t limit) const;
  // A postcode or weak identifier held by more customers than this (a shared office, a
  // placeholder phone) is only looked at this far.
  static constexpr size_t kMaxBlockHolders = 1000;

  // 0 <= index < size(). A customer merged into another by hand is left empty (no accounts).
  const GoldenCustomer& customer(uint32_t index) const;
  size_t size() const { return built_->customers.size() + added_.size(); }
  const IdentityIndexStats& stats() const { return stats_; }
  // The rules the index was built with (manual links and account updates follow them too).
  const IdentityRules& rules() const { return built_->rules; }
  // Entries the overlay holds (changed customers, added customers, changed keys): what deriving
  // the next snapshot copies.
  size_t overlay_size() const;

 private:
  // Apply agents' links and unlinks, and accounts announced after the build, to a copy.
  friend class ManualLinks;
  friend class AccountUpdate;
  friend class CustomerSplit;
  friend class CustomerMerge;
  // Builds with a colliding key hash (BuildWithKeyHash).
  friend class KeyCollisionTest;

  // What Build made. Its tables hold no key: each entry's detail says where its first holder
  // keeps the key, where a hit is confirmed when it must be (BuiltHolders).
  struct Built {
    std::vector<GoldenCustomer> customers;
    // Identifier key -> holders; detail: the identifier's position in the holder's identifiers.
    HolderTable by_key;
    // Golden id -> customer; detail: 0 for customer_id, i > 0 for merged_ids[i - 1].
    HolderTable by_id;
    // Postcode key (IdentifierNormalizer::PostcodeKey) -> holders.
    HolderTable by_postcode;
    KeyHashFunction key_hash = HashKey;
    IdentityRules rules;
    // Every system of the build, in precedence order (the anchor's system comes first).
    std::vector<std::string> system_order;
  };

  // Build, with the keys hashed by `key_hash`.
  static std::shared_ptr<const IdentityIndex> BuildWithKeyHash(
      const std::vector<SystemAccounts>& systems, const std::vector<std::string>& system_order,
      const IdentifierNormalizer& normalizer, const IdentityRules& rules, const IssuedIds& issued,
      std::vector<IssuedId>* to_record, std::vector<IssuedId>* to_reissue,
      const absl::flat_hash_set<std::string>* unlinked_keys, KeyHashFunction key_hash);

  // The holders of a key / a postcode key, overlay first (empty: nobody holds it; the overlay's
  // empty list overrides what Build found). Valid until this index changes. `exact`: a hit in
  // what Build made is confirmed against the holder's own identifier (what links, merges and
  // withdrawals decide by); otherwise the key's 128-bit fingerprint (HashKey and CheckKey) is
  // trusted (Find: a look-up touches no customer data).
  absl::Span<const uint32_t> Holders(absl::string_view key, bool exact = true) const;
  absl::Span<const uint32_t> PostcodeHolders(absl::string_view postcode_key) const;
  // The same in what Build made.
  absl::Span<const uint32_t> BuiltHolders(absl::string_view key, bool exact) const;
  absl::Span<const uint32_t> BuiltPostcodeHolders(absl::string_view postcode_key) const;
  // The position of the customer `customer_id` resolves to.
  std::optional<uint32_t> PositionOf(const std::string& customer_id) const;

  // Copy-on-write edits, for the friends working on a private copy. MutableCustomer copies the
  // customer into the overlay on each call: call it once per customer per edit.
  GoldenCustomer& MutableCustomer(uint32_t index);
  std::vector<uint32_t>& MutableHolders(const std::string& key);
  std::vector<uint32_t>& MutablePostcodeHolders(const std::string& postcode_key);
  void SetPosition(const std::string& customer_id, uint32_t index);
  // `customer_id` resolves to nobody from now on (its customer has no account left).
  void ForgetId(const std::string& customer_id);
  uint32_t AddCustomer(GoldenCustomer customer);

  std::shared_ptr<const Built> built_;
  // The overlay: entries here replace Build's (an empty holder list: nobody holds the key now).
  absl::flat_hash_map<uint32_t, std::shared_ptr<const GoldenCustomer>> changed_;
  std::vector<std::shared_ptr<const GoldenCustomer>> added_;  // positions built size + i
  absl::flat_hash_map<std::string, std::vector<uint32_t>> keys_;
  absl::flat_hash_map<std::string, uint32_t> ids_;
  absl::flat_hash_map<std::string, std::vector<uint32_t>> postcodes_;
  IdentityIndexStats stats_;
};

}  // namespace omnihub::hub
