// Statement execution internals of Connection: parameter binding and typed, chunked result
// reading. Internal to omnihub_odbc.
#pragma once

#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"

namespace omnihub::odbc::internal {

// Prepares `sql` on `stmt`, binds `params` (their buffers live in `storage`, which must outlive
// execution), sets the query timeout and executes. SQL_NO_DATA (a DML touching no row) is success.
class BoundStatement {
 public:
  absl::Status Run(SQLHSTMT stmt, std::string_view sql, const std::vector<SqlParam>& params,
                   Clock::time_point deadline);

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
