// ODBC diagnostics as absl::Status: SQLSTATE, native code and the driver's message, with every
// credential redacted, and a status code chosen by how the caller should react.
#pragma once

#include <sql.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace omnihub::odbc {

// One diagnostic record of a handle (SQLGetDiagRec).
struct DiagnosticRecord {
  std::string sqlstate;  // five characters, e.g. "08001"
  int32_t native_code = 0;
  std::string message;  // credentials already redacted
};

// Every diagnostic record of `handle` (at most 8), in the driver's order.
std::vector<DiagnosticRecord> ReadDiagnostics(SQLSMALLINT handle_type, SQLHANDLE handle);

// How a caller should react to a SQLSTATE:
//   08xxx, 57P0x (connection lost, server shutting down)        -> UNAVAILABLE
//   28xxx (authorisation)                                       -> UNAUTHENTICATED
//   42501 (insufficient privilege)                              -> PERMISSION_DENIED
//   HYT00, HYT01, 57014 (timeout, statement cancelled by timeout) -> DEADLINE_EXCEEDED
//   HY008 (operation cancelled)                                 -> CANCELLED
//   23505 (unique violation)                                    -> ALREADY_EXISTS
//   other 23xxx (integrity constraint)                          -> FAILED_PRECONDITION
//   42xxx, 22xxx, 07xxx (syntax, data, parameter errors)        -> INVALID_ARGUMENT
//   40001, 40P01 (serialisation failure, deadlock)              -> ABORTED
//   HY001 (out of memory)                                       -> RESOURCE_EXHAUSTED
//   IMxxx (driver manager: DSN or driver not found)             -> FAILED_PRECONDITION
//   anything else                                               -> UNKNOWN
absl::StatusCode CodeForSqlState(std::string_view sqlstate);

// True for SQLSTATEs after which the connection is gone (08xxx, 57P01..57P03).
bool IsConnectionLost(std::string_view sqlstate);

// The status for a failed ODBC call `what` (e.g. "connect", "execute"): the first record's code,
// message "odbc <what>: [SQLSTATE 08001, native 101] <driver message>" (further records appended
// after "; "). SQLite's driver reports constraint violations as HY000 with a message: those are
// recognised by their text. INTERNAL when the handle holds no record.
absl::Status StatusFromHandle(std::string_view what, SQLSMALLINT handle_type, SQLHANDLE handle);
absl::Status StatusFromRecords(std::string_view what, const std::vector<DiagnosticRecord>& records);

// `text` with the value of every credential attribute (PWD, PASSWORD, and their lower-case and
// braced forms, e.g. "PWD={a;b}") replaced by "***". Used on connection strings and on every
// driver message before it reaches a status or a log.
std::string RedactCredentials(std::string_view text);

}  // namespace omnihub::odbc
