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

// The value of query parameter `cursor_param` in the URL of a `Link: <url>; rel="next"` header
// (percent-decoded); nullopt when there is no next page (or the header is malformed).
std::optional<std::string> NextCursor(const http::Response& response,
                                      std::string_view cursor_param);

}  // namespace omnihub::http_json
