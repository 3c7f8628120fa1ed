// What an HTTP answer of a backend means for the Adapter contract (adapters/sdk/adapter.h):
//
//   2xx with a JSON (or no) Content-Type          -> OK
//   2xx with another Content-Type (text/html...)  -> DATA_LOSS
//   404                                           -> NOT_FOUND
//   400, 422 (the backend refused the request)    -> INVALID_ARGUMENT
//   401, 403 (credentials refused)                -> FAILED_PRECONDITION (retrying will not help)
//   429 (after the client's retries), 5xx, other  -> UNAVAILABLE
//
// Messages name the system, the operation and the HTTP status, and quote the start of the body
// (printable ASCII only); never a request header (credentials).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "adapters/http/message.h"

namespace omnihub::http_json {

absl::Status StatusOfResponse(const std::string& system, const std::string& operation,
                              const http::Response& response);

// What the answer to a write (an action: POST/PUT of add-note, goodwill) means. As
// StatusOfResponse, except:
//   422 with field errors ({"errors": {"body": ["..."]}})  -> INVALID_ARGUMENT quoting them
//   422 with another message (an idempotency key reused
//       with a different request, a state refusal)         -> FAILED_PRECONDITION quoting it
//   400                                                    -> INVALID_ARGUMENT quoting the errors
//   409 (a request with this key is still in progress)     -> UNAVAILABLE: retry with the same key
//   429, 5xx                                               -> UNAVAILABLE, saying whether the
//       write may have been done (`keyed`: the request carried an idempotency key, so retrying
//       it with the same key is safe)
//   other 4xx (405, 415: the mapping's request is wrong)   -> FAILED_PRECONDITION
// The shop's messages are quoted as printable ASCII, at most 300 bytes.
absl::Status StatusOfWriteResponse(const std::string& system, const std::string& operation,
                                   const http::Response& response, bool keyed);

// The value of query parameter `cursor_param` in the URL of a `Link: <url>; rel="next"` header
// (percent-decoded); nullopt when there is no next page (or the header is malformed).
std::optional<std::string> NextCursor(const http::Response& response,
                                      std::string_view cursor_param);

}  // namespace omnihub::http_json
