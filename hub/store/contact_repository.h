// ContactRepository: the `contacts` table (migrations/0002) as the hub's ContactBook
// (hub/contacts/contact_book.h): contacts logged through ContactService.LogContact, idempotent by
// the caller's key, listed per customer newest first.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "adapters/odbc/connection_pool.h"
#include "hub/contacts/contact_book.h"

namespace omnihub::hub {

// Limits the table's columns impose; longer values are INVALID_ARGUMENT before any SQL runs.
inline constexpr size_t kMaxContactSummaryBytes = 4000;
inline constexpr size_t kMaxContactKeyBytes = 200;
inline constexpr size_t kMaxContactIdBytes = 64;
// At most this many customer ids per List (a customer and the ids merged into it).
inline constexpr size_t kMaxListCustomers = 500;
inline constexpr int kMaxListContacts = 1000;

// contact_id: "H-" + the microseconds since the epoch (14 hex digits, so ids sort by time) + "-"
// + 8 random hex digits (hubs sharing a store never collide). occurred_at is kept to the
// millisecond (what SQLite's driver keeps); an unset occurred_at is the time of logging.
//
// Thread-safe. Blocking: run it on the store's executor.
class ContactRepository final : public ContactBook {
 public:
  ContactRepository(std::shared_ptr<omnihub::odbc::ConnectionPool> pool,
                    std::chrono::milliseconds timeout);

  // omnihub::hub::ContactBook. Besides its contract: INVALID_ARGUMENT naming the field for a
  // request the table cannot hold (no customer id or key, an unknown channel, text too long);
  // database errors as odbc statuses, prefixed with what was being done.
  absl::StatusOr<LoggedContact> Log(const ContactToLog& request) override;
  absl::StatusOr<std::vector<omnihub::v1::Contact>> List(
      const std::vector<std::string>& customer_ids, int limit) override;
  absl::StatusOr<std::vector<RecordedContact>> RecordedSince(
      const google::protobuf::Timestamp& since, int limit) override;

 private:
  omnihub::odbc::Clock::time_point Deadline() const;

  std::shared_ptr<omnihub::odbc::ConnectionPool> pool_;
  const std::chrono::milliseconds timeout_;
};

}  // namespace omnihub::hub
