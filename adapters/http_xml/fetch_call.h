// FetchCall: one Adapter::Fetch of an http-xml adapter (section payments). For every account it
// runs list-payments (paged until recent_limit) — or, when one order is wanted and the mapping
// declares it, get-payment for that order — in parallel; then get-fraud for every order among the
// payments kept, in parallel, and joins each assessment to its order's payments.
//
// Outcome: the first error other than NOT_FOUND wins; NOT_FOUND when every account is unknown;
// otherwise the payments newest first, cut at recent_limit. An order the fraud engine has no
// assessment for (NOT_FOUND) keeps no fraud; when a fraud lookup fails otherwise, the payments
// are still answered, without that assessment, and SourceData::incomplete[SECTION_PAYMENTS]
// says how many orders lack one and why. A payments answer the mapping cannot read is DATA_LOSS
// naming the failing fields; a fraud answer that cannot be read counts as a failed lookup.
#pragma once

#include <memory>

#include "adapters/http_xml/backend.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::http_xml {

// Starts the call; `done` runs exactly once (on an HTTP client thread, or inline when the request
// is refused before any I/O).
void StartFetch(std::shared_ptr<const Backend> backend, const sdk::FetchRequest& request,
                std::shared_ptr<sdk::CallContext> context, sdk::FetchCallback done);

}  // namespace omnihub::http_xml
