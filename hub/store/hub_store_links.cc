// HubStore as the ManualLinkLog: the identity_link_events table (migrations/0001).
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "hub/store/hub_store.h"
#include "hub/store/write_transaction.h"

namespace omnihub::hub {
namespace {

using omnihub::odbc::Connection;
using omnihub::odbc::ResultSet;
using omnihub::odbc::SqlParam;

constexpr int kAppendAttempts = 10;
// Any constant (not the migration lock's): the PostgreSQL advisory lock appends take, so hubs
// sharing the store append one at a time and agree on the order.
constexpr int64_t kAppendLockKey = 0x6f6d6e696c696e6b;  // "omnilink"
constexpr int64_t kReadPage = 5000;

constexpr char kColumns[] =
    "seq, action, customer_id, identifier_type, identifier_system, identifier_value, agent_id, "
    "reason, recorded_at";

absl::StatusOr<ManualLinkEvent> FromRow(const omnihub::odbc::Row& row) {
  auto text = [&](size_t i) { return i < row.size() && row[i] ? *row[i] : std::string(); };
  ManualLinkEvent event;
  if (!absl::SimpleAtoi(text(0), &event.seq) || event.seq <= 0) {
    return absl::DataLossError(absl::StrCat("identity_link_events: bad seq '", text(0), "'"));
  }
  const std::string action = text(1);
  if (action == "link") {
    event.action = ManualLinkAction::kLink;
  } else if (action == "unlink") {
    event.action = ManualLinkAction::kUnlink;
  } else {
    return absl::DataLossError(
        absl::StrCat("identity_link_events seq ", event.seq, ": unknown action '", action, "'"));
  }
  event.customer_id = text(2);
  omnihub::v1::IdentifierType type;
  if (!omnihub::v1::IdentifierType_Parse(text(3), &type)) {
    return absl::DataLossError(absl::StrCat("identity_link_events seq ", event.seq,
                                            ": unknown identifier type '", text(3), "'"));
  }
  event.identifier.set_type(type);
  event.identifier.set_system(text(4));
  event.identifier.set_value(text(5));
  event.agent_id = text(6);
  event.reason = text(7);
  event.recorded_at = text(8);
  return event;
}

}  // namespace

absl::StatusOr<int64_t> HubStore::Append(const ManualLinkEvent& event) {
  const auto deadline = Deadline();
  absl::StatusOr<int64_t> seq;
  for (int attempt = 0; attempt < kAppendAttempts; ++attempt) {
    seq = pool_->Run<int64_t>(deadline, [&](Connection& connection) -> absl::StatusOr<int64_t> {
      int64_t next = 1;
      auto status = store::InWriteTransaction(connection, kAppendLockKey, deadline, [&] {
        auto last = connection.Query("SELECT MAX(seq) FROM identity_link_events", {}, deadline);
        if (!last.ok()) return last.status();
        if (!last->rows.empty() && !last->rows[0].empty() && last->rows[0][0]) {
          if (!absl::SimpleAtoi(*last->rows[0][0], &next)) {
            return absl::DataLossError("identity_link_events: MAX(seq) is not a number");
          }
          ++next;
        }
        return connection
            .Execute(absl::StrCat("INSERT INTO identity_link_events (", kColumns,
                                  ", hub_instance) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"),
                     {SqlParam::Integer(next), SqlParam::Text(ManualLinkActionName(event.action)),
                      SqlParam::Text(event.customer_id),
                      SqlParam::Text(omnihub::v1::IdentifierType_Name(event.identifier.type())),
                      SqlParam::Text(event.identifier.system()),
                      SqlParam::Text(event.identifier.value()), SqlParam::Text(event.agent_id),
                      SqlParam::Text(event.reason), SqlParam::Timestamp(event.recorded_at),
                      SqlParam::Text(instance_)},
                     deadline)
            .status();
      });
      if (!status.ok()) return status;
      return next;
    });
    // Another hub took the same seq first (primary key) or held the SQLite file: try again.
    if (seq.ok() ||
        (seq.status().code() != absl::StatusCode::kAlreadyExists &&
         seq.status().code() != absl::StatusCode::kAborted &&
         seq.status().code() != absl::StatusCode::kUnavailable) ||
        omnihub::odbc::Clock::now() >= deadline) {
      break;
    }
    // SQLite: another connection held the file; give it a moment.
    std::this_thread::sleep_for(std::chrono::milliseconds(5 * (attempt + 1)));
  }
  if (!seq.ok()) {
    return absl::Status(
        seq.status().code(),
        absl::StrCat("cannot record the identity ", ManualLinkActionName(event.action),
                     " in the hub's store: ", seq.status().message()));
  }
  return seq;
}

absl::StatusOr<std::vector<ManualLinkEvent>> HubStore::ReadAfter(int64_t after_seq) {
  std::vector<ManualLinkEvent> events;
  for (;;) {
    const int64_t from = events.empty() ? after_seq : events.back().seq;
    const auto deadline = Deadline();
    auto page = pool_->Run<ResultSet>(deadline, [&](Connection& connection) {
      return connection.Query(absl::StrCat("SELECT ", kColumns,
                                           " FROM identity_link_events WHERE seq > ? "
                                           "ORDER BY seq LIMIT ",
                                           kReadPage),
                              {SqlParam::Integer(from)}, deadline);
    });
    if (!page.ok()) {
      return absl::Status(page.status().code(),
                          absl::StrCat("cannot read the identity links from the hub's store: ",
                                       page.status().message()));
    }
    for (const auto& row : page->rows) {
      auto event = FromRow(row);
      if (!event.ok()) return event.status();
      events.push_back(*std::move(event));
    }
    if (static_cast<int64_t>(page->rows.size()) < kReadPage) return events;
  }
}

}  // namespace omnihub::hub
