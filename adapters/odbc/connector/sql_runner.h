// Runs one SQL operation of a compiled mapping (connector="odbc") on a connection: the main
// statement with the operation's request parameters, then its child statements (once, or once per
// main row when a parameter names a main-row column), collecting every result into a TableSet for
// the table mapper. Parameters are always bound (text; an absent parameter is NULL). Write
// operations (add-note: an INSERT) run through RunSqlWrite.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/table.h"
#include "adapters/odbc/connection.h"

namespace omnihub::odbc {

using OperationParams = std::map<std::string, std::optional<std::string>, std::less<>>;

// `dialect` picks each statement's text ("sqlite", "postgresql"). Errors are the connection's
// (UNAVAILABLE, DEADLINE_EXCEEDED, ...) with the operation and statement named.
absl::StatusOr<mapping::engine::TableSet> RunSqlOperation(
    Connection& connection, const mapping::engine::CompiledOperation& operation,
    std::string_view dialect, const OperationParams& params, Clock::time_point deadline);

// Runs a write operation's main statement (INSERT/UPDATE with bound parameters) on `connection`,
// inside whatever transaction the caller opened, and answers the rows it affected (-1 when the
// driver cannot tell). Child statements are not run (a write maps no rows).
absl::StatusOr<int64_t> RunSqlWrite(Connection& connection,
                                    const mapping::engine::CompiledOperation& operation,
                                    std::string_view dialect, const OperationParams& params,
                                    Clock::time_point deadline);

}  // namespace omnihub::odbc
