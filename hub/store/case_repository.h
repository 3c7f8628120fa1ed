// CaseRepository: the `cases` table (migrations/0003): cases created through the hub, idempotent
// by the caller's key, read by id, listed per customer, changed field by field.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection_pool.h"
#include "omnihub/v1/contact.pb.h"

namespace omnihub::hub {

struct CreatedCase {
  omnihub::v1::Case case_;
  // False when the key had been used before for the same case: nothing was written.
  bool created = false;
};

// case_id: "K-" + the microseconds since the epoch (14 hex digits) + "-" + 8 random hex digits.
// Times are kept to the millisecond.
//
// Thread-safe. Blocking: run it on the store's executor.
class CaseRepository {
 public:
  CaseRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                 std::chrono::milliseconds timeout);

  // Creates `c` (customer_id, subject, status, priority, optional order_number and
  // owner_agent_id; status unset: OPEN, priority unset: NORMAL) once per key: a retry with the
  // same key and the same case answers the first (created = false); the key with a different case
  // is ALREADY_EXISTS naming the fields that differ. INVALID_ARGUMENT naming the field for what
  // the table cannot hold.
  absl::StatusOr<CreatedCase> Create(const omnihub::v1::Case& c, const std::string& key);

  // NOT_FOUND naming the case when there is none.
  absl::StatusOr<omnihub::v1::Case> Get(const std::string& case_id);

  // The cases of any of `customer_ids`, in any of `statuses` (empty: all), most recently updated
  // first (then case_id), at most `limit`.
  absl::StatusOr<std::vector<omnihub::v1::Case>> List(
      const std::vector<std::string>& customer_ids,
      const std::vector<omnihub::v1::CaseStatus>& statuses, int limit);

  // Sets the fields of `mask` ("status", "priority", "subject", "owner_agent_id") from `changes`
  // on case `changes.case_id()` and stamps updated_at; answers the case as it is now. NOT_FOUND
  // when there is no such case; INVALID_ARGUMENT naming the field for an unknown path or a value
  // the table cannot hold.
  absl::StatusOr<omnihub::v1::Case> Update(const omnihub::v1::Case& changes,
                                           const std::vector<std::string>& mask);

 private:
  omnihub::odbc::Clock::time_point Deadline() const;

  std::shared_ptr<omnihub::odbc::ConnectionPool> pool_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace omnihub::hub
