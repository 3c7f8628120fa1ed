#include "hub/store/write_transaction.h"

namespace omnihub::hub::store {

using omnihub::odbc::SqlParam;

absl::Status InWriteTransaction(omnihub::odbc::Connection& connection, int64_t lock_key,
                                omnihub::odbc::Clock::time_point deadline,
                                const std::function<absl::Status()>& work) {
  if (connection.dbms_name() != "SQLite") {
    if (auto begun = connection.Begin(); !begun.ok()) return begun;
    absl::Status status;
    if (connection.is_postgresql()) {
      status =
          connection
              .Execute("SELECT pg_advisory_xact_lock(?)", {SqlParam::Integer(lock_key)}, deadline)
              .status();
    }
    if (status.ok()) status = work();
    if (!status.ok()) {
      connection.Rollback().IgnoreError();
      return status;
    }
    return connection.Commit();
  }
  // SQLite: the transaction is managed in SQL while the driver stays in
  // autocommit mode, which passes the statements through.
  if (auto begun = connection.Execute("BEGIN IMMEDIATE", {}, deadline); !begun.ok()) {
    return begun.status();
  }
  absl::Status status = work();
  if (status.ok()) status = connection.Execute("COMMIT", {}, deadline).status();
  if (!status.ok()) connection.Execute("ROLLBACK", {}, deadline).IgnoreError();
  return status;
}

}  // namespace omnihub::hub::store
