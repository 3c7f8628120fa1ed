// IssuedIdRepository: the `issued_customer_ids` and `reissued_customer_ids` tables
// (migrations/0004, 0006) as the hub's IssuedIdRegistry (hub/identity/issued_id.h): the golden id
// issued to each account, recorded once (the first recorded stays, also between hubs sharing the
// store), and the ids reissued to accounts of split customers, read back at every index build.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/odbc/connection_pool.h"
#include "hub/identity/issued_id.h"

namespace omnihub::hub {

// Limits the table's columns impose; longer or empty values are INVALID_ARGUMENT before any SQL
// runs (nothing of the batch is written).
inline constexpr size_t kMaxIssuedAccountKeyBytes = 600;
inline constexpr size_t kMaxIssuedCustomerIdBytes = 64;

// Thread-safe. Blocking: run it on the store's executor or the starting thread.
class IssuedIdRepository final : public IssuedIdRegistry {
 public:
  IssuedIdRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                     std::chrono::milliseconds timeout);

  // IssuedIdRegistry
  // The first ids in account key order, then the reissued ones in (account key, id) order, read
  // in pages (any number of rows). Values as stored: a row with a NULL column reads as an empty
  // value (CheckIssuedIds reports it); issue times are given as "2026-11-29T05:00:00.123Z" on
  // every database.
  absl::StatusOr<std::vector<IssuedId>> ReadAll() override;
  // By key, in batches (WHERE account_key IN (...)), so a customer splitting at run time reads
  // its own accounts' rows, not the whole table. Keys the table cannot hold (empty, over
  // kMaxIssuedAccountKeyBytes) have no row; a key asked twice is read once. Per batch of keys: the
  // first ids, then the reissued ones, in key order.
  absl::StatusOr<std::vector<IssuedId>> ReadFor(
      const std::vector<std::string>& account_keys) override;
  // One write-locked transaction, inserted in batches (INSERT ... ON CONFLICT DO NOTHING), so
  // hubs recording the same account at once keep one id; issued_at is now (to the millisecond).
  // Each call gets `timeout` per batch of rows.
  absl::StatusOr<size_t> Record(const std::vector<IssuedId>& ids) override;
  // As Record, into `reissued_customer_ids` (migrations/0006), once per (account, id).
  absl::StatusOr<size_t> RecordReissued(const std::vector<IssuedId>& ids) override;

 private:
  std::shared_ptr<omnihub::odbc::ConnectionPool> pool_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace omnihub::hub
