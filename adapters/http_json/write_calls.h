// The http-json connector's actions (Adapter::Act): add-note (kAddNote) and goodwill (kGoodwill),
// each through the mapping's operation of that name (action_call.h sends it). The request is
// checked first (action_checks.h: INVALID_ARGUMENT before any I/O), then sent; the answer is
// mapped with the operation's <response>:
//   add-note: a Contact; reference = contact.contact_id (the note's id at the backend)
//   goodwill: an ActionResult; reference = goodwill.reference (the discount code), detail
// A repeat the backend answered from its idempotency record says so in the detail.
#pragma once

#include <memory>

#include "adapters/http_json/backend.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::http_json {

// Parameters: account_id, text, agent_id, order_number, idempotency_key. `done` runs once.
void StartAddNote(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                  std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done);

// Parameters: account_id, order_number, amount_minor ("500"), amount ("5.00"), currency, reason
// (the request's text), agent_id, idempotency_key. `done` runs once.
void StartGoodwill(std::shared_ptr<const Backend> backend, const sdk::ActionRequest& request,
                   std::shared_ptr<sdk::CallContext> context, sdk::ActCallback done);

}  // namespace omnihub::http_json
