#include "adapters/odbc/idempotency.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "adapters/odbc/value.h"

namespace omnihub::odbc {
namespace {

std::string NowUtc() {
  auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  auto day = std::chrono::floor<std::chrono::days>(now);
  std::chrono::year_month_day ymd{day};
  std::chrono::hh_mm_ss hms{now - day};
  UtcTimestamp t{static_cast<int>(ymd.year()),
                 static_cast<int>(static_cast<unsigned>(ymd.month())),
                 static_cast<int>(static_cast<unsigned>(ymd.day())),
                 static_cast<int>(hms.hours().count()),
                 static_cast<int>(hms.minutes().count()),
                 static_cast<int>(hms.seconds().count()),
                 0};
  return FormatTimestamp(t);
}

absl::StatusOr<std::optional<std::string>> Recorded(Connection& connection, std::string_view key,
                                                    Clock::time_point deadline) {
  auto found = connection.Query("SELECT result FROM omnihub_idempotency WHERE idempotency_key = ?",
                                {SqlParam::Text(std::string(key))}, deadline);
  if (!found.ok()) return found.status();
  if (found->rows.empty()) return std::optional<std::string>();
  return found->rows.front()[0];
}

}  // namespace

absl::Status EnsureIdempotencyTable(Connection& connection, Clock::time_point deadline) {
  return connection.Execute(kIdempotencyTableDdl, {}, deadline).status();
}

absl::StatusOr<std::string> RunIdempotentWrite(Connection& connection, std::string_view key,
                                               const Write& write, Clock::time_point deadline) {
  if (key.empty() || key.size() > 200) {
    return absl::InvalidArgumentError(
        absl::StrCat("idempotency key must have 1 to 200 bytes, got ", key.size()));
  }
  auto begun = connection.Begin();
  if (!begun.ok()) return begun;
  auto attempt = [&]() -> absl::StatusOr<std::string> {
    auto recorded = Recorded(connection, key, deadline);
    if (!recorded.ok()) return recorded.status();
    if (recorded->has_value()) return **recorded;
    auto result = write(connection);
    if (!result.ok()) return result.status();
    auto inserted = connection.Execute(
        "INSERT INTO omnihub_idempotency (idempotency_key, result, applied_at) VALUES (?, ?, ?)",
        {SqlParam::Text(std::string(key)), SqlParam::Text(*result), SqlParam::Timestamp(NowUtc())},
        deadline);
    if (!inserted.ok()) return inserted.status();
    auto committed = connection.Commit();
    if (!committed.ok()) return committed;
    return result;
  };
  auto result = attempt();
  if (result.ok()) {
    if (connection.in_transaction()) {
      auto ended = connection.Rollback();  // already recorded: nothing to keep
      if (!ended.ok()) return ended;
    }
    return result;
  }
  if (connection.in_transaction() && !connection.lost()) connection.Rollback().IgnoreError();
  if (result.status().code() == absl::StatusCode::kAlreadyExists && !connection.lost()) {
    // Another caller with the same key committed first.
    auto recorded = Recorded(connection, key, deadline);
    if (recorded.ok() && recorded->has_value()) return **recorded;
  }
  return result;
}

absl::StatusOr<std::string> RunIdempotentWrite(ConnectionPool& pool, std::string_view key,
                                               const Write& write, Clock::time_point deadline) {
  return pool.Run<std::string>(deadline, [&](Connection& connection) {
    return RunIdempotentWrite(connection, key, write, deadline);
  });
}

}  // namespace omnihub::odbc
