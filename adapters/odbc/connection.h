// Connection: one ODBC database connection, by DSN or driver connection string, running prepared
// statements with bound parameters only (SQL text never carries a value), under deadlines.
#pragma once

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/handles.h"
#include "adapters/odbc/value.h"

namespace omnihub::odbc {

using Clock = std::chrono::steady_clock;

// One result row: a value per column in text form (see value.h); NULL is std::nullopt.
using Row = std::vector<std::optional<std::string>>;

struct ResultSet {
  std::vector<std::string> columns;  // as the driver names them (lower-case on both databases)
  std::vector<Row> rows;
};

// Limits that protect the caller from a hostile or runaway result.
struct ReadLimits {
  size_t max_rows = 100000;
  size_t max_value_bytes = 16 * 1024 * 1024;
};

// "erp" -> "DSN=erp"; a string with '=' is a driver connection string and stays as it is.
// INVALID_ARGUMENT for an empty string, NUL bytes or more than 4096 bytes.
absl::StatusOr<std::string> NormalizeConnectionString(std::string_view dsn_or_connection_string);

// Not thread-safe: one thread at a time (the pool lends it to one caller), except Cancel(), which
// any thread may call while the owner works. Movable only as a unique_ptr.
class Connection {
 public:
  // Connects (SQLDriverConnect) with a login timeout from `deadline` (whole seconds, at least 1).
  // On PostgreSQL the session is set to UTC (see value.h). Errors: UNAVAILABLE (server
  // unreachable), UNAUTHENTICATED, FAILED_PRECONDITION (unknown DSN or driver), DEADLINE_EXCEEDED
  // (deadline already passed); messages never carry the password.
  static absl::StatusOr<std::unique_ptr<Connection>> Open(std::shared_ptr<Environment> environment,
                                                          std::string_view connection_string,
                                                          Clock::time_point deadline);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares `sql` (with ? placeholders), binds `params` and reads every row. The query timeout
  // comes from `deadline`. RESOURCE_EXHAUSTED beyond `limits`.
  absl::StatusOr<ResultSet> Query(std::string_view sql, const std::vector<SqlParam>& params,
                                  Clock::time_point deadline, const ReadLimits& limits = {});
  // Prepares and runs a statement that returns no rows; answers the rows it affected (-1 when the
  // driver cannot tell).
  absl::StatusOr<int64_t> Execute(std::string_view sql, const std::vector<SqlParam>& params,
                                  Clock::time_point deadline);

  // Keeps up to `size` prepared statements, by SQL text, for reuse by later Query/Execute calls
  // (prepared once, then only bound and executed); 0, the default, turns the cache off and frees
  // them. A statement that fails is dropped, never reused. A no-op on drivers that do not keep
  // prepared statements across COMMIT/ROLLBACK (SQL_CURSOR_COMMIT_BEHAVIOR != SQL_CB_PRESERVE).
  // After DDL changes a table a cached statement reads, PostgreSQL may refuse it once ("cached
  // plan must not change result type"); it is dropped and the next call prepares it afresh. On
  // SQLite a cached `SELECT *` keeps the column list it was prepared with (the driver caches it):
  // name the columns (the mappings do), or turn the cache off around schema changes.
  void set_statement_cache_size(size_t size);
  size_t cached_statements() const { return cache_.size(); }

  // Transactions: Begin turns autocommit off; Commit/Rollback end the transaction and turn it on.
  absl::Status Begin();
  absl::Status Commit();
  absl::Status Rollback();
  bool in_transaction() const { return in_transaction_; }

  // "SELECT 1" under `deadline`.
  absl::Status Ping(Clock::time_point deadline);

  // Thread-safe: stops the statement running now (SQLCancel: it fails with CANCELLED) and refuses
  // every later statement with CANCELLED until ResetCancel(). Used to end a call at its deadline
  // or when its caller goes away, without waiting for the database to finish.
  void Cancel();
  // Statements run again (the owner thread, e.g. before the connection serves another call).
  void ResetCancel();
  bool cancel_requested() const;

  // True once an error said the connection is gone (connection-class SQLSTATE): never reuse it.
  bool lost() const { return lost_; }
  // "SQLite", "PostgreSQL", ... (SQL_DBMS_NAME).
  const std::string& dbms_name() const { return dbms_name_; }
  bool is_postgresql() const { return dbms_name_ == "PostgreSQL"; }

 private:
  Connection(std::shared_ptr<Environment> environment, OdbcHandle dbc);
  absl::Status Check(SQLRETURN rc, std::string_view what, SQLSMALLINT type, SQLHANDLE handle);
  // Marks the connection lost when `status` (a failure of this connection) says it is gone.
  absl::Status Note(absl::Status status);
  absl::Status SetAutocommit(bool on);
  // Registers `stmt` as the running statement (CANCELLED when a cancel is pending); Stopped()
  // unregisters it before the handle is freed.
  absl::Status Started(SQLHSTMT stmt);
  void Stopped();
  // The statement's error, or CANCELLED when Cancel() caused it.
  absl::Status Failed(absl::Status status);
  // A statement handle with its SQL prepared and its parameter buffers (connection.cc).
  struct Prepared;
  // `sql` prepared and ready to execute: taken out of the cache, or newly prepared.
  absl::StatusOr<std::unique_ptr<Prepared>> Take(std::string_view sql);
  // Back into the cache after a successful run (the least recently used beyond the limit is
  // freed); freed at once when the cache is off.
  void Keep(std::unique_ptr<Prepared> statement);

  std::shared_ptr<Environment> environment_;
  OdbcHandle dbc_;
  bool connected_ = false;
  bool in_transaction_ = false;
  bool lost_ = false;
  std::string dbms_name_;
  bool statements_survive_transactions_ = false;
  size_t cache_limit_ = 0;
  std::list<std::unique_ptr<Prepared>> cache_;  // most recently used first
  // Guards running_ and cancel_requested_; held while SQLCancel runs, so the statement handle
  // cannot be freed under it.
  mutable std::mutex cancel_mutex_;
  SQLHSTMT running_ = nullptr;
  bool cancel_requested_ = false;
};

}  // namespace omnihub::odbc
