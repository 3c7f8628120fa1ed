// How transport failures become absl::Status codes (the HTTP client's status mapping).
//
//   cannot resolve / connect refused / connect timeout (connect_timeout, not the deadline) /
//   reset or EOF before any response byte / TLS handshake or verification failure -> UNAVAILABLE
//   the call's deadline passes (any phase, waiting for a connection or a backoff included)
//                                                       -> DEADLINE_EXCEEDED
//   CallContext cancelled                               -> CANCELLED
//   response truncated (EOF/reset mid-message, short Content-Length), malformed status line or
//   headers, corrupt gzip                               -> DATA_LOSS
//   headers or body (received or decoded) over the limit -> RESOURCE_EXHAUSTED
//   bad request (CR/LF in a header, unknown method)      -> INVALID_ARGUMENT
// HTTP statuses are never errors: a 404 or a 503 is a Response (after any retries).
#pragma once

#include <boost/system/error_code.hpp>
#include <string>

#include "absl/status/status.h"

namespace omnihub::http {

// Maps a failed read of the response. `nothing_received`: no byte of the response arrived.
absl::Status ReadStatus(const boost::system::error_code& ec, bool nothing_received,
                        std::size_t max_header_bytes, std::size_t max_body_bytes,
                        const std::string& authority);

}  // namespace omnihub::http
