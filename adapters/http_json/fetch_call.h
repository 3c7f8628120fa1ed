// FetchCall: one Adapter::Fetch of an http-json adapter. For every account it runs the mapping's
// operations for the wanted sections in parallel (get-customer, list-orders, list-contacts; list
// operations follow pages until recent_limit records), maps each answer with the mapping engine
// and joins the results into one SourceData.
//
// Outcome: the first error other than NOT_FOUND wins; NOT_FOUND when every account is unknown to
// the backend; otherwise the accounts' data, orders and contacts newest first, cut at
// recent_limit. A payload the mapping cannot read is DATA_LOSS naming the failing fields.
#pragma once

#include <memory>

#include "adapters/http_json/backend.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::http_json {

// Starts the call; `done` runs exactly once (on an HTTP client thread, or inline when the request
// is refused before any I/O).
void StartFetch(std::shared_ptr<const Backend> backend, const sdk::FetchRequest& request,
                std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done);

// Account ids this connector refuses to send (empty, longer than 256 bytes, control characters).
absl::Status CheckAccountId(const std::string& account_id);

}  // namespace omnihub::http_json
