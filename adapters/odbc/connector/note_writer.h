// The odbc connector's add-note action: the mapping's add-note SQL (an INSERT into the ERP's
// contact log) and the idempotency record commit in one transaction (adapters/odbc/idempotency.h),
// so a retried request with the same key answers the original contact id and writes nothing
// twice, also when the connection is lost before or after the commit.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"  // before sql.h, whose macros upset simdjson
#include "adapters/odbc/call_canceller.h"
#include "adapters/odbc/connector/odbc_adapter.h"

namespace omnihub::odbc {

// The contact id of the note written with `idempotency_key` on `system`: "NOTE-" and 16 hex
// digits of a hash of both. Stable, so even a second write could only collide with the first
// (the contacts table's primary key) rather than add a row.
std::string NoteContactId(std::string_view system, std::string_view idempotency_key);

// The key recorded in omnihub_idempotency: "<system>:add-note:<idempotency key>".
std::string NoteIdempotencyKey(std::string_view system, std::string_view idempotency_key);

// Blocking: runs on a database thread. `request` was checked (CheckAddNote); `written_at` is the
// note's occurred_at. Answers the contact id as the reference. NOT_FOUND when the INSERT touched
// no row (the mapping's INSERT ... SELECT finds no such customer); the connection's errors
// otherwise (UNAVAILABLE: retry with the same key). Statements run attached to `canceller`.
absl::StatusOr<sdk::ActionResponse> WriteNote(OdbcBackend& backend,
                                              const sdk::ActionRequest& request,
                                              std::chrono::system_clock::time_point written_at,
                                              Clock::time_point deadline, CallCanceller& canceller);

}  // namespace omnihub::odbc
