// InWriteTransaction: one transaction that holds the database's write lock from its first
// statement, so writers sharing the store (several hubs, or hubs and tools) queue instead of
// deadlocking or conflicting.
#pragma once

#include <cstdint>
#include <functional>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"

namespace omnihub::hub::store {

// Runs `work` on `connection` inside a write transaction and commits; any failure (of `work` or
// of the commit) rolls back, so nothing of `work` stays.
//   PostgreSQL: BEGIN, then pg_advisory_xact_lock(`lock_key`): writers with the same key take
//               turns (the lock is released at commit or rollback).
//   SQLite:     BEGIN IMMEDIATE: the file's write lock is taken first (a deferred transaction
//               that reads and then writes can deadlock with another one doing the same; the
//               driver then waits out its whole busy timeout). `lock_key` is not needed.
//   others:     BEGIN (the database's own locking).
absl::Status InWriteTransaction(omnihub::odbc::Connection& connection, int64_t lock_key,
                                omnihub::odbc::Clock::time_point deadline,
                                const std::function<absl::Status()>& work);

}  // namespace omnihub::hub::store
