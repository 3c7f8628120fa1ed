// What the odbc connector accepts from the hub before any of it reaches the database: account
// ids and the fields of a note. Every refusal is INVALID_ARGUMENT naming the field.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::odbc {

// An account id as a customer number may be: 1 to 64 bytes of UTF-8, no NUL.
absl::Status CheckAccountId(const std::string& account);

// Limits of a note (the ERP's contacts table: summary TEXT, agent_id VARCHAR(64)).
inline constexpr size_t kMaxNoteBytes = 4000;
inline constexpr size_t kMaxAgentIdBytes = 64;
inline constexpr size_t kMaxIdempotencyKeyBytes = 128;

// An add-note request: the account id; the text (1 to 4000 bytes of UTF-8, no control characters
// but line breaks and tabs); the agent id (optional, up to 64 bytes, no control characters); the
// idempotency key (required: 1 to 128 printable ASCII characters without spaces).
absl::Status CheckAddNote(const sdk::ActionRequest& request);

}  // namespace omnihub::odbc
