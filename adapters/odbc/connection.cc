#include "adapters/odbc/connection.h"

#include <algorithm>

#include "absl/cleanup/cleanup.h"
#include "absl/strings/str_cat.h"
#include "adapters/odbc/diagnostics.h"
#include "adapters/odbc/statement.h"

namespace omnihub::odbc {

absl::StatusOr<std::string> NormalizeConnectionString(std::string_view text) {
  if (text.empty()) return absl::InvalidArgumentError("odbc: the connection string is empty");
  if (text.size() > 4096) {
    return absl::InvalidArgumentError("odbc: the connection string is longer than 4096 bytes");
  }
  if (text.find('\0') != std::string_view::npos) {
    return absl::InvalidArgumentError("odbc: the connection string contains a NUL byte");
  }
  if (text.find('=') == std::string_view::npos) {
    if (text.find_first_of(";{}[]") != std::string_view::npos) {
      return absl::InvalidArgumentError(absl::StrCat(
          "odbc: '", RedactCredentials(text), "' is neither a DSN name nor a connection string"));
    }
    return absl::StrCat("DSN=", Absl(text));
  }
  return std::string(text);
}

struct Connection::Prepared {
  std::string sql;
  OdbcHandle handle;
  internal::BoundStatement bound;
};

Connection::Connection(std::shared_ptr<Environment> environment, OdbcHandle dbc)
    : environment_(std::move(environment)), dbc_(std::move(dbc)) {}

Connection::~Connection() {
  cache_.clear();  // statement handles go before their connection
  if (in_transaction_ && !lost_) {
    SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_ROLLBACK);
  }
  if (connected_) SQLDisconnect(dbc_.get());
}

absl::StatusOr<std::unique_ptr<Connection>> Connection::Open(
    std::shared_ptr<Environment> environment, std::string_view connection_string,
    Clock::time_point deadline) {
  auto normal = NormalizeConnectionString(connection_string);
  if (!normal.ok()) return normal.status();
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc connect: deadline passed before connecting");
  }
  auto dbc = AllocateHandle(SQL_HANDLE_DBC, SQL_HANDLE_ENV, environment->get(), "connection");
  if (!dbc.ok()) return dbc.status();
  auto left = std::chrono::duration_cast<std::chrono::seconds>(deadline - Clock::now()).count();
  SQLSetConnectAttr(dbc->get(), SQL_ATTR_LOGIN_TIMEOUT,
                    reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(std::max<int64_t>(1, left))),
                    0);
  std::unique_ptr<Connection> connection(new Connection(std::move(environment), std::move(*dbc)));
  SQLRETURN rc = SQLDriverConnect(
      connection->dbc_.get(), nullptr, reinterpret_cast<SQLCHAR*>(normal->data()),
      static_cast<SQLSMALLINT>(normal->size()), nullptr, 0, nullptr, SQL_DRIVER_NOPROMPT);
  if (!Succeeded(rc)) {
    auto status = StatusFromHandle("connect", SQL_HANDLE_DBC, connection->dbc_.get());
    // Unreachable servers and unknown hosts are worth retrying later.
    if (status.code() == absl::StatusCode::kUnknown) {
      status = absl::UnavailableError(status.message());
    }
    return status;
  }
  connection->connected_ = true;
  SQLCHAR name[64] = {0};
  SQLSMALLINT length = 0;
  if (Succeeded(SQLGetInfo(connection->dbc_.get(), SQL_DBMS_NAME, name, sizeof(name), &length))) {
    connection->dbms_name_.assign(reinterpret_cast<const char*>(name),
                                  std::min<size_t>(std::max<SQLSMALLINT>(length, 0), 63));
  }
  SQLUSMALLINT commit = 0, rollback = 0;
  connection->statements_survive_transactions_ =
      Succeeded(SQLGetInfo(connection->dbc_.get(), SQL_CURSOR_COMMIT_BEHAVIOR, &commit,
                           sizeof(commit), nullptr)) &&
      Succeeded(SQLGetInfo(connection->dbc_.get(), SQL_CURSOR_ROLLBACK_BEHAVIOR, &rollback,
                           sizeof(rollback), nullptr)) &&
      commit == SQL_CB_PRESERVE && rollback == SQL_CB_PRESERVE;
  if (connection->is_postgresql()) {
    auto utc = connection->Execute("SET TIME ZONE 'UTC'", {}, deadline);
    if (!utc.ok()) return utc.status();
  }
  return connection;
}

absl::Status Connection::Check(SQLRETURN rc, std::string_view what, SQLSMALLINT type,
                               SQLHANDLE handle) {
  if (Succeeded(rc)) return absl::OkStatus();
  return Note(StatusFromHandle(what, type, handle));
}

absl::Status Connection::Note(absl::Status status) {
  if (status.ok()) return status;
  if (status.code() == absl::StatusCode::kUnavailable) lost_ = true;
  if (!lost_ && connected_) {
    SQLUINTEGER dead = SQL_CD_FALSE;
    if (Succeeded(SQLGetConnectAttr(dbc_.get(), SQL_ATTR_CONNECTION_DEAD, &dead, 0, nullptr)) &&
        dead == SQL_CD_TRUE) {
      lost_ = true;
      status = absl::UnavailableError(status.message());
    }
  }
  return status;
}

absl::Status Connection::Started(SQLHSTMT stmt) {
  std::lock_guard lock(cancel_mutex_);
  if (cancel_requested_) {
    return absl::CancelledError("odbc: the call was cancelled before the statement ran");
  }
  running_ = stmt;
  return absl::OkStatus();
}

void Connection::Stopped() {
  std::lock_guard lock(cancel_mutex_);
  running_ = nullptr;
}

absl::Status Connection::Failed(absl::Status status) {
  if (cancel_requested()) {
    return absl::CancelledError(
        absl::StrCat("odbc: the statement was cancelled (", status.message(), ")"));
  }
  return Note(std::move(status));
}

void Connection::Cancel() {
  std::lock_guard lock(cancel_mutex_);
  cancel_requested_ = true;
  if (running_ != nullptr) SQLCancel(running_);
}

void Connection::ResetCancel() {
  std::lock_guard lock(cancel_mutex_);
  cancel_requested_ = false;
}

bool Connection::cancel_requested() const {
  std::lock_guard lock(cancel_mutex_);
  return cancel_requested_;
}

void Connection::set_statement_cache_size(size_t size) {
  cache_limit_ = statements_survive_transactions_ ? size : 0;
  while (cache_.size() > cache_limit_) cache_.pop_back();
}

absl::StatusOr<std::unique_ptr<Connection::Prepared>> Connection::Take(std::string_view sql) {
  for (auto it = cache_.begin(); it != cache_.end(); ++it) {
    if ((*it)->sql != sql) continue;
    std::unique_ptr<Prepared> statement = std::move(*it);
    cache_.erase(it);
    auto reused = internal::BoundStatement::Reuse(statement->handle.get());
    if (!reused.ok()) return Note(reused);
    return statement;
  }
  auto handle = AllocateHandle(SQL_HANDLE_STMT, SQL_HANDLE_DBC, dbc_.get(), "statement");
  if (!handle.ok()) return handle.status();
  auto statement = std::make_unique<Prepared>();
  statement->sql = std::string(sql);
  statement->handle = std::move(*handle);
  auto prepared = internal::BoundStatement::Prepare(statement->handle.get(), sql);
  if (!prepared.ok()) return Note(prepared);
  return statement;
}

void Connection::Keep(std::unique_ptr<Prepared> statement) {
  if (cache_limit_ == 0) return;
  cache_.push_front(std::move(statement));
  while (cache_.size() > cache_limit_) cache_.pop_back();
}

absl::StatusOr<ResultSet> Connection::Query(std::string_view sql,
                                            const std::vector<SqlParam>& params,
                                            Clock::time_point deadline, const ReadLimits& limits) {
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc: deadline passed before the statement ran");
  }
  auto statement = Take(sql);
  if (!statement.ok()) return statement.status();
  SQLHSTMT stmt = (*statement)->handle.get();
  if (auto started = Started(stmt); !started.ok()) return started;
  absl::Cleanup stopped = [this] { Stopped(); };  // runs before the statement can be freed
  auto ran = (*statement)->bound.Execute(stmt, params, deadline);
  if (!ran.ok()) return Failed(ran);
  auto result = internal::ReadResult(stmt, limits);
  if (!result.ok()) return Failed(result.status());
  std::move(stopped).Invoke();
  Keep(std::move(*statement));
  return result;
}

absl::StatusOr<int64_t> Connection::Execute(std::string_view sql,
                                            const std::vector<SqlParam>& params,
                                            Clock::time_point deadline) {
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc: deadline passed before the statement ran");
  }
  auto statement = Take(sql);
  if (!statement.ok()) return statement.status();
  SQLHSTMT stmt = (*statement)->handle.get();
  if (auto started = Started(stmt); !started.ok()) return started;
  absl::Cleanup stopped = [this] { Stopped(); };  // runs before the statement can be freed
  auto ran = (*statement)->bound.Execute(stmt, params, deadline);
  if (!ran.ok()) return Failed(ran);
  SQLLEN rows = -1;
  if (!Succeeded(SQLRowCount(stmt, &rows))) rows = -1;
  std::move(stopped).Invoke();
  Keep(std::move(*statement));
  return static_cast<int64_t>(rows);
}

absl::Status Connection::SetAutocommit(bool on) {
  SQLRETURN rc = SQLSetConnectAttr(dbc_.get(), SQL_ATTR_AUTOCOMMIT,
                                   reinterpret_cast<SQLPOINTER>(static_cast<SQLULEN>(
                                       on ? SQL_AUTOCOMMIT_ON : SQL_AUTOCOMMIT_OFF)),
                                   0);
  return Check(rc, on ? "autocommit on" : "autocommit off", SQL_HANDLE_DBC, dbc_.get());
}

absl::Status Connection::Begin() {
  if (in_transaction_) return absl::FailedPreconditionError("odbc: a transaction is already open");
  auto status = SetAutocommit(false);
  if (status.ok()) in_transaction_ = true;
  return status;
}

absl::Status Connection::Commit() {
  if (!in_transaction_) return absl::FailedPreconditionError("odbc commit: no open transaction");
  auto status = Check(SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_COMMIT), "commit", SQL_HANDLE_DBC,
                      dbc_.get());
  in_transaction_ = false;
  if (!status.ok()) {
    if (!lost_) SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_ROLLBACK);
    if (!lost_) SetAutocommit(true).IgnoreError();
    return status;
  }
  return SetAutocommit(true);
}

absl::Status Connection::Rollback() {
  if (!in_transaction_) return absl::OkStatus();
  in_transaction_ = false;
  auto status = Check(SQLEndTran(SQL_HANDLE_DBC, dbc_.get(), SQL_ROLLBACK), "rollback",
                      SQL_HANDLE_DBC, dbc_.get());
  if (!status.ok()) return status;
  return SetAutocommit(true);
}

absl::Status Connection::Ping(Clock::time_point deadline) {
  auto result = Query("SELECT 1", {}, deadline);
  return result.status();
}

}  // namespace omnihub::odbc
