// Schema migrations of the hub's store: the SQL files in hub/store/migrations (embedded into the
// binary at build time), applied in version order at start-up, each in the one transaction that
// records it in schema_version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"

namespace omnihub::hub::store {

// One migration: version N comes from the file name NNNN_words.sql; `sql` holds statements
// separated by ';' (portable SQL: it runs on SQLite and PostgreSQL).
struct Migration {
  int version = 0;
  std::string name;  // "0001_identity_links"
  std::string sql;
};

// The migrations built into this binary (hub/store/migrations/*.sql), versions 1..N.
const std::vector<Migration>& EmbeddedMigrations();

// A stable checksum of a migration's text (FNV-1a, 16 hex digits), recorded when it is applied
// so a migration edited afterwards is noticed.
std::string MigrationChecksum(std::string_view sql);

// The statements of `sql`, split at ';' outside quotes and comments; "--" comments and blank
// statements dropped.
std::vector<std::string> SplitStatements(std::string_view sql);

struct MigrationOutcome {
  int from_version = 0;  // the schema version found (0: a fresh database)
  int to_version = 0;    // the schema version now
};

// Brings the database on `connection` to the last of `migrations` (versions 1..N in order):
// in one transaction, creates schema_version when missing, reads the applied versions and applies
// the missing ones, each recorded with its name and checksum. The transaction holds the write
// lock from its start (InWriteTransaction: an advisory lock on PostgreSQL, BEGIN IMMEDIATE on
// SQLite), so hubs starting at once against one database apply each migration once; should a
// concurrent writer still record a version first, this attempt fails on the primary key and
// ApplyMigrationsWithRetry tries again.
//
// FAILED_PRECONDITION when the database is newer than `migrations` (a newer hub migrated it:
// this binary must not write to it), when an applied migration's checksum differs from the
// binary's (it was edited after being applied), or when `migrations` is not 1..N. Database
// errors as odbc statuses. Nothing is left half-applied: any failure rolls back.
absl::StatusOr<MigrationOutcome> ApplyMigrations(omnihub::odbc::Connection& connection,
                                                 const std::vector<Migration>& migrations,
                                                 omnihub::odbc::Clock::time_point deadline);

// ApplyMigrations, tried up to `attempts` times while it fails for a reason another attempt may
// cure (a concurrent hub migrating the same database: lock conflicts, busy SQLite file, primary
// key conflicts); FAILED_PRECONDITION and INVALID_ARGUMENT are answered at once.
absl::StatusOr<MigrationOutcome> ApplyMigrationsWithRetry(omnihub::odbc::Connection& connection,
                                                          const std::vector<Migration>& migrations,
                                                          omnihub::odbc::Clock::time_point deadline,
                                                          int attempts = 5);

}  // namespace omnihub::hub::store
