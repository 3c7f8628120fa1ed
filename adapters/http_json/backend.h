// Backend: what every call of an http-json adapter shares (the compiled mapping, the HTTP client,
// the credential headers, the paging options), and RunOperation, which performs one operation of
// the mapping over HTTP, following `Link: <...>; rel="next"` pages.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/http/client.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/sdk/call_context.h"

namespace omnihub::http_json {

struct PagingOptions {
  // The query parameter of a next-page URL (in the Link header) that carries the cursor; its
  // value becomes the operation's {page_token}.
  std::string cursor_param = "page_info";
  // {page_size} of list operations (the backend may cap it).
  int page_size = 250;
  // Pages one Fetch follows per list operation at most.
  int max_pages = 10;
  // Upper bound of one HTTP request (the call's deadline applies too; the earlier one wins).
  std::chrono::milliseconds request_timeout{3000};
};

// Immutable after construction; shared by all calls (thread-safe).
struct Backend {
  std::string system;
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping;
  std::shared_ptr<http::HttpClient> client;
  http::HeaderList credential_headers;  // never logged
  PagingOptions paging;
};

// Called with each page's body (already checked: a 2xx JSON answer). Returns whether to fetch the
// next page (if the backend announces one), or an error that ends the operation.
using PageHandler = std::function<absl::StatusOr<bool>(const std::string& body)>;
// Called once at the end: the status (see response_status.h) and the cursor of the page after the
// last one fetched (empty when there is none).
using OperationDone = std::function<void(absl::Status status, std::string next_cursor)>;

// Runs `operation` with `params` (placeholders; {page_token} is set for later pages) under
// `context` (each HTTP request also bounded by paging.request_timeout), at most `max_pages` pages.
void RunOperation(std::shared_ptr<const Backend> backend,
                  const mapping::engine::CompiledOperation& operation,
                  std::map<std::string, std::string> params, int max_pages,
                  std::shared_ptr<sdk::CallContext> context, PageHandler on_page,
                  OperationDone done);

}  // namespace omnihub::http_json
