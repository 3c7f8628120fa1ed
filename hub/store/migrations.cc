#include "hub/store/migrations.h"

#include <algorithm>
#include <map>
#include <thread>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/strip.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"
#include "hub/store/write_transaction.h"

namespace omnihub::hub::store {
namespace {

using omnihub::odbc::Clock;
using omnihub::odbc::Connection;
using omnihub::odbc::SqlParam;

// Any constant: the key of the PostgreSQL advisory lock that serialises migrating hubs.
constexpr int64_t kMigrationLockKey = 0x6f6d6e6968756231;  // "omnihub1"

constexpr char kSchemaVersionDdl[] =
    "CREATE TABLE IF NOT EXISTS schema_version ("
    "version INTEGER PRIMARY KEY, "
    "name VARCHAR(200) NOT NULL, "
    "checksum VARCHAR(16) NOT NULL, "
    "applied_at TIMESTAMP NOT NULL)";

absl::Status CheckList(const std::vector<Migration>& migrations) {
  for (size_t i = 0; i < migrations.size(); ++i) {
    if (migrations[i].version != static_cast<int>(i) + 1) {
      return absl::FailedPreconditionError(absl::StrCat(
          "the store's migrations must be numbered 1, 2, 3, ... without gaps; migration ",
          migrations[i].name, " has version ", migrations[i].version, " at position ", i + 1));
    }
  }
  return absl::OkStatus();
}

std::string NowUtc() {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
}

absl::StatusOr<MigrationOutcome> MigrateInTransaction(Connection& connection,
                                                      const std::vector<Migration>& migrations,
                                                      Clock::time_point deadline) {
  if (auto created = connection.Execute(kSchemaVersionDdl, {}, deadline); !created.ok()) {
    return created.status();
  }
  auto applied = connection.Query(
      "SELECT version, name, checksum FROM schema_version ORDER BY version", {}, deadline);
  if (!applied.ok()) return applied.status();

  MigrationOutcome outcome;
  std::map<int, std::pair<std::string, std::string>> recorded;  // version -> name, checksum
  for (const auto& row : applied->rows) {
    int version = 0;
    if (row.size() != 3 || !row[0] || !absl::SimpleAtoi(*row[0], &version)) {
      return absl::FailedPreconditionError(
          "the store's schema_version table holds a row that is "
          "not a version number");
    }
    recorded[version] = {row[1].value_or(""), row[2].value_or("")};
    outcome.from_version = std::max(outcome.from_version, version);
  }
  const int known = static_cast<int>(migrations.size());
  if (outcome.from_version > known) {
    return absl::FailedPreconditionError(absl::StrCat(
        "the hub's store is at schema version ", outcome.from_version,
        ", newer than this hubd, which knows versions up to ", known,
        ": a newer hub migrated it; run that hub version (or newer), or point <store> at "
        "another database"));
  }
  for (const auto& migration : migrations) {
    const std::string checksum = MigrationChecksum(migration.sql);
    if (auto it = recorded.find(migration.version); it != recorded.end()) {
      if (it->second.second != checksum) {
        return absl::FailedPreconditionError(
            absl::StrCat("migration ", migration.name,
                         " was changed after it was applied to this store "
                         "(recorded checksum ",
                         it->second.second, ", this hubd's ", checksum,
                         "): a migration is never edited once released; add a new one instead"));
      }
      continue;
    }
    for (const auto& statement : SplitStatements(migration.sql)) {
      if (auto done = connection.Execute(statement, {}, deadline); !done.ok()) {
        return absl::Status(done.status().code(), absl::StrCat("migration ", migration.name, ": ",
                                                               done.status().message()));
      }
    }
    auto recorded_row = connection.Execute(
        "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
        {SqlParam::Integer(migration.version), SqlParam::Text(migration.name),
         SqlParam::Text(checksum), SqlParam::Timestamp(NowUtc())},
        deadline);
    if (!recorded_row.ok()) return recorded_row.status();
    outcome.to_version = migration.version;
  }
  outcome.to_version = std::max(outcome.to_version, outcome.from_version);
  return outcome;
}

}  // namespace

std::string MigrationChecksum(std::string_view sql) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : sql) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return absl::StrFormat("%016x", hash);
}

std::vector<std::string> SplitStatements(std::string_view sql) {
  std::vector<std::string> statements;
  std::string current;
  auto flush = [&] {
    absl::string_view trimmed = absl::StripAsciiWhitespace(current);
    if (!trimmed.empty()) statements.emplace_back(trimmed);
    current.clear();
  };
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (quote != 0) {
      current += c;
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: same text
      continue;
    }
    if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n') ++i;
      current += '\n';
      continue;
    }
    if (c == '\'' || c == '"') quote = c;
    if (c == ';') {
      flush();
      continue;
    }
    current += c;
  }
  flush();
  return statements;
}

absl::StatusOr<MigrationOutcome> ApplyMigrations(Connection& connection,
                                                 const std::vector<Migration>& migrations,
                                                 Clock::time_point deadline) {
  if (auto status = CheckList(migrations); !status.ok()) return status;
  absl::StatusOr<MigrationOutcome> outcome;
  auto status = InWriteTransaction(connection, kMigrationLockKey, deadline, [&] {
    outcome = MigrateInTransaction(connection, migrations, deadline);
    return outcome.status();
  });
  if (!status.ok()) return status;
  return outcome;
}

absl::StatusOr<MigrationOutcome> ApplyMigrationsWithRetry(Connection& connection,
                                                          const std::vector<Migration>& migrations,
                                                          Clock::time_point deadline,
                                                          int attempts) {
  absl::StatusOr<MigrationOutcome> outcome;
  for (int attempt = 1; attempt <= attempts; ++attempt) {
    outcome = ApplyMigrations(connection, migrations, deadline);
    if (outcome.ok() || connection.lost() || Clock::now() >= deadline) return outcome;
    const auto code = outcome.status().code();
    if (code != absl::StatusCode::kUnavailable && code != absl::StatusCode::kAborted &&
        code != absl::StatusCode::kAlreadyExists && code != absl::StatusCode::kUnknown) {
      return outcome;
    }
    // Another hub is migrating the same database: let it finish.
    std::this_thread::sleep_for(std::chrono::milliseconds(50 * attempt));
  }
  return outcome;
}

}  // namespace omnihub::hub::store
