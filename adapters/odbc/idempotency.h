// Idempotent writes: a write and its idempotency key commit in one transaction, so a write
// retried after a lost connection (or a lost answer) is applied exactly once.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"
#include "adapters/odbc/connection_pool.h"

namespace omnihub::odbc {

// The table recording applied writes (portable DDL: SQLite and PostgreSQL).
inline constexpr std::string_view kIdempotencyTableDdl =
    "CREATE TABLE IF NOT EXISTS omnihub_idempotency ("
    "idempotency_key VARCHAR(200) PRIMARY KEY, "
    "result TEXT NOT NULL, "
    "applied_at TIMESTAMP NOT NULL)";

absl::Status EnsureIdempotencyTable(Connection& connection, Clock::time_point deadline);

// The write: runs inside the transaction and answers the result to record (e.g. a reference).
using Write = std::function<absl::StatusOr<std::string>(Connection&)>;

// On `connection`: begins a transaction; when `key` was already recorded answers the recorded
// result without running `write`; otherwise runs `write`, records (key, result) and commits.
// Any failure rolls back (nothing of the write stays). A concurrent write with the same key
// that commits first wins: this one rolls back and answers the recorded result.
// INVALID_ARGUMENT for an empty key or one longer than 200 bytes.
absl::StatusOr<std::string> RunIdempotentWrite(Connection& connection, std::string_view key,
                                               const Write& write, Clock::time_point deadline);

// The same through `pool`, retried once on a new connection when the connection was lost (the
// database restarted, the network dropped), which is safe because of the key.
absl::StatusOr<std::string> RunIdempotentWrite(ConnectionPool& pool, std::string_view key,
                                               const Write& write, Clock::time_point deadline);

}  // namespace omnihub::odbc
