// The tn3270 connector's customer search (Adapter::SearchCustomers): the mapping's
// `search-customers` navigation (surname and postcode typed on the search screen, PF8 paging until
// the end marker, bounded by the script's max-pages) on one pooled session, its list mapped
// through the mapping's response rules.
#pragma once

#include <memory>

#include "absl/status/status.h"
#include "absl/strings/string_view.h"
#include "adapters/sdk/adapter.h"
#include "adapters/tn3270/connector/backend.h"

namespace omnihub::tn3270 {

// What a 3270 input field can take, beyond the SDK's checks (sdk::ValidateSearchRequest): every
// character in Latin-1 (the repertoire of code pages 037, 1047 and 285) and none of its C1
// controls. INVALID_ARGUMENT naming the field and the character.
absl::Status CheckScreenText(absl::string_view system, absl::string_view field,
                             absl::string_view text);

// Validates `request` (nothing reaches the host when it is refused), runs `operation`'s script on
// a leased session with {surname} and {postal_code} (trimmed) and answers at most
// `request.limit` hits, `truncated` when the script stopped paging at its max-pages or the limit
// cut the list. Statuses as RunOperations (session_call.h); DATA_LOSS when a listed row cannot be
// mapped or has no account number. `done` is called exactly once, on the backend's executor.
void SearchOnHost(std::shared_ptr<const Backend> backend,
                  const mapping::engine::CompiledOperation* operation,
                  const sdk::SearchRequest& request, std::shared_ptr<sdk::CallContext> context,
                  sdk::SearchCallback done);

}  // namespace omnihub::tn3270
