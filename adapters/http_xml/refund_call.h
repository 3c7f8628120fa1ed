// RefundCall: Adapter::Act with kind kRefund on an http-xml adapter: the mapping's `refund`
// operation (path and XML body template; the idempotency key is sent as the gateway's merchant
// reference, so a retried refund is answered with the original result and never refunds twice),
// then the answer's result code (declined in HTTP 200: FAILED_PRECONDITION, naming the gateway's
// reason) and its ActionResult mapping (reference, detail, replayed).
#pragma once

#include <memory>

#include "adapters/http_xml/backend.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::http_xml {

// Refuses before any I/O (INVALID_ARGUMENT) a request without order number or idempotency key,
// or with an amount that is not positive or has no ISO 4217 currency. No amount: a full refund.
// `done` runs exactly once.
void StartRefund(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                 std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done);

}  // namespace omnihub::http_xml
