// Statement execution internals of Connection: parameter binding and typed, chunked result
// reading. Internal to omnihub_odbc.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"

namespace omnihub::odbc::internal {

// Prepares `sql` on `stmt`, binds `params` (their buffers live in this object, which must outlive
// execution), sets the query timeout and executes. SQL_NO_DATA (a DML touching no row) is success.
// A prepared `stmt` may be executed again with other parameters (Execute after Reuse).
class BoundStatement {
 public:
  // Prepare then Execute.
  absl::Status Run(SQLHSTMT stmt, std::string_view sql, const std::vector<SqlParam>& params,
                   Clock::time_point deadline);
  static absl::Status Prepare(SQLHSTMT stmt, std::string_view sql);
  // Checks and binds `params`, sets the query timeout from `deadline` and executes.
  absl::Status Execute(SQLHSTMT stmt, const std::vector<SqlParam>& params,
                       Clock::time_point deadline);
  // Makes an executed `stmt` ready for Execute again: closes its cursor, unbinds its parameters.
  static absl::Status Reuse(SQLHSTMT stmt);

 private:
  struct Buffer {
    std::u16string wide;
    std::string narrow;
    SQLBIGINT integer = 0;
    SQL_DATE_STRUCT date{};
    SQL_TIMESTAMP_STRUCT timestamp{};
    SQLLEN indicator = 0;
  };
  absl::Status Bind(SQLHSTMT stmt, SQLUSMALLINT index, const SqlParam& param, Buffer& buffer);
  std::vector<Buffer> buffers_;
};

// Reads every row of the executed statement `stmt`.
absl::StatusOr<ResultSet> ReadResult(SQLHSTMT stmt, const ReadLimits& limits);

}  // namespace omnihub::odbc::internal
