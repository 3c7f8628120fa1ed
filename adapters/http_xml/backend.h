// Backend: what every call of an http-xml adapter shares (the compiled mapping, the HTTP client,
// the credential headers, the paging options), and RunOperation, which performs one operation of
// the mapping over HTTP (path, query and XML body from the mapping), checks the answer
// (response_status.h) and follows `Link: <...>; rel="next"` pages.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/http/client.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "adapters/sdk/call_context.h"

namespace omnihub::http_xml {

struct PagingOptions {
  // The query parameter of a next-page URL (in the Link header) that carries the cursor; its
  // value becomes the operation's {page_token}.
  std::string cursor_param = "cursor";
  // {page_size} of list operations (the backend may cap it).
  int page_size = 50;
  // Pages one call follows per list operation at most.
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

// Called with each page's answer, read for the operation (its HTTP status and result code
// already said success). Returns whether to fetch the next page (if the backend announces one),
// or an error that ends the operation.
using PageHandler = std::function<absl::StatusOr<bool>(const mapping::engine::XmlAnswer& answer)>;
// Called once at the end: the status and the cursor of the page after the last one fetched
// (empty when there is none).
using OperationDone = std::function<void(absl::Status status, std::string next_cursor)>;

// Runs `operation` with `params` (placeholders of the path, query and body; {page_token} is set
// for later pages) under `context` (each HTTP request also bounded by paging.request_timeout), at
// most `max_pages` pages. `idempotent`: whether the request may be retried (a GET always; a POST
// carrying an idempotency key the backend honours).
void RunOperation(std::shared_ptr<const Backend> backend,
                  const mapping::engine::CompiledOperation& operation,
                  std::map<std::string, std::string> params, int max_pages, bool idempotent,
                  std::shared_ptr<sdk::CallContext> context, PageHandler on_page,
                  OperationDone done);

// Values this connector refuses to send (empty, longer than 256 bytes, control characters).
absl::Status CheckReference(const std::string& what, const std::string& value);

}  // namespace omnihub::http_xml
