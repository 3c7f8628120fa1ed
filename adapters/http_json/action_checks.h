// What the http-json connector accepts in an action before anything is sent: the account, the
// text, the agent, the amount and the idempotency key of add-note and goodwill requests. Every
// refusal is INVALID_ARGUMENT naming the field (never quoting the value). The bounds are the
// connector's; a backend may accept less and refuse with 422 (INVALID_ARGUMENT too).
#pragma once

#include <cstddef>

#include "absl/status/status.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::http_json {

inline constexpr size_t kMaxNoteBytes = 5000;
inline constexpr size_t kMaxReasonBytes = 500;
inline constexpr size_t kMaxAgentIdBytes = 100;
inline constexpr size_t kMaxIdempotencyKeyBytes = 255;
inline constexpr int64_t kMaxGoodwillMinor = 100'000'000;

// The account id (1 to 256 bytes, no control characters), the note text (1 to 5000 bytes of
// UTF-8, not blank, no control characters but line breaks and tabs), the agent id (optional, up
// to 100 bytes), the order number (optional, up to 256 bytes), the idempotency key (optional: 1
// to 255 printable ASCII characters without spaces).
absl::Status CheckAddNote(const sdk::ActionRequest& request);

// As CheckAddNote for account, agent, order and key, plus: an amount of 1 to 100 000 000 minor
// units with an ISO 4217 currency, and a reason (the text, 1 to 500 bytes).
absl::Status CheckGoodwill(const sdk::ActionRequest& request);

}  // namespace omnihub::http_json
