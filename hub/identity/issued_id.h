// IssuedId: a golden customer id the hub has issued for an account, and IssuedIdRegistry, where
// issued ids are kept durably (the hub's store) so that an id, once issued, survives restarts and
// index rebuilds (IdentityIndex::Build takes them back).
#pragma once

#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"

namespace omnihub::hub {

// One golden id issued to an account. A plain value.
struct IssuedId {
  // The account as the index keys it (IdentifierNormalizer::Key of its normalised account
  // number): "account:erp:C1000001".
  std::string account_key;
  // "C-" and 16 hex digits.
  std::string customer_id;
  // UTC, always with 3 fraction digits ("2026-11-29T05:00:00.123Z", so times compare as text);
  // empty for ids not recorded yet. The earliest issued id of a customer wins
  // (IdentityIndex::Build).
  std::string issued_at;
  // Issued to an account that held an id already (IssuedIdRegistry::RecordReissued), so issued
  // after the account's first id; false for the account's first id (IssuedIdRegistry::Record).
  bool reissued = false;
};

// Where issued ids are kept. Implementations block (a database): call them from a blocking
// executor or the starting thread, never from a gRPC or I/O thread. Several hubs may share one
// registry: the first id recorded for an account stays. An account may hold further ids
// (RecordReissued): ids its customer got when every id its accounts held was another customer's
// (a split), kept so that the id, once handed out, keeps resolving (to the customer the accounts
// are part of) after restarts.
class IssuedIdRegistry {
 public:
  virtual ~IssuedIdRegistry() = default;
  // Every recorded id (first and reissued), as stored (not validated: see CheckIssuedIds).
  virtual absl::StatusOr<std::vector<IssuedId>> ReadAll() = 0;
  // The recorded ids (first and reissued) of the accounts `account_keys` (those that have one), as
  // stored. This default
  // reads them all and keeps those asked for: a registry that can look rows up by key should
  // answer it that way (a customer splits rarely, but the registry holds every account).
  virtual absl::StatusOr<std::vector<IssuedId>> ReadFor(
      const std::vector<std::string>& account_keys) {
    auto rows = ReadAll();
    if (!rows.ok()) return rows.status();
    const absl::flat_hash_set<std::string> wanted(account_keys.begin(), account_keys.end());
    std::erase_if(*rows, [&](const IssuedId& row) { return !wanted.contains(row.account_key); });
    return rows;
  }
  // Records each account's id unless the account has one already (insert-if-absent, in one
  // transaction; issued_at is set to now). Answers how many were new: fewer than `ids.size()`
  // means some account already had an id (possibly another hub's): read them back.
  virtual absl::StatusOr<size_t> Record(const std::vector<IssuedId>& ids) = 0;
  // Records ids issued to accounts that hold one already (ChosenIds::to_reissue), each (account,
  // id) pair once (insert-if-absent, in one transaction; issued_at is set to now, `reissued` read
  // back as true). Answers how many were new. Hubs making the same split choose the same id
  // (ChooseGoldenIds is deterministic), so they record one row; should two hubs still record
  // different ids for an account, both resolve after a restart (the earlier is the customer's).
  virtual absl::StatusOr<size_t> RecordReissued(const std::vector<IssuedId>& ids) = 0;
};

}  // namespace omnihub::hub
