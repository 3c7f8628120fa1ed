// CaseRepository: the `cases` table (migrations/0003, 0005) as the hub's CaseBook: cases created
// through the hub, idempotent by the caller's key, read by id, listed per customer, changed field
// by field, and read by when they changed (for hubs sharing the store).
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection_pool.h"
#include "hub/contacts/case_book.h"
#include "omnihub/v1/contact.pb.h"

namespace omnihub::hub {

// case_id: "K-" + the microseconds since the epoch (14 hex digits) + "-" + 8 random hex digits.
// Times are kept to the millisecond.
//
// Thread-safe. Blocking: run it on the store's executor.
class CaseRepository final : public CaseBook {
 public:
  CaseRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                 std::chrono::milliseconds timeout);

  // omnihub::hub::CaseBook
  absl::StatusOr<CreatedCase> Create(const omnihub::v1::Case& c, const std::string& key) override;
  absl::StatusOr<omnihub::v1::Case> Get(const std::string& case_id) override;
  absl::StatusOr<std::vector<omnihub::v1::Case>> List(
      const std::vector<std::string>& customer_ids,
      const std::vector<omnihub::v1::CaseStatus>& statuses, int limit) override;
  absl::StatusOr<omnihub::v1::Case> Update(const omnihub::v1::Case& changes,
                                           const std::vector<std::string>& mask) override;
  absl::StatusOr<std::vector<omnihub::v1::Case>> ChangedSince(
      const google::protobuf::Timestamp& since, int limit) override;

 private:
  omnihub::odbc::Clock::time_point Deadline() const;
  // The cases `SELECT <columns> FROM cases <rest>` answers.
  absl::StatusOr<std::vector<omnihub::v1::Case>> Select(
      const std::string& rest, const std::vector<omnihub::odbc::SqlParam>& params);

  std::shared_ptr<omnihub::odbc::ConnectionPool> pool_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace omnihub::hub
