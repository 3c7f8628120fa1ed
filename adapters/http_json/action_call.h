// ActionCall: one write of an http-json adapter (Adapter::Act): the mapping's action operation
// (add-note, goodwill) sent once as its method, path and JSON body, the idempotency key in the
// header the mapping names, its answer checked (StatusOfWriteResponse) and handed back.
//
// Retries: a write is retried (by the HTTP client's rules, adapters/http/client.h) only when it
// carries an idempotency key in a header the mapping declares, since the backend then answers a
// repeat with the original result. Without one it is sent once (the client still retries what
// the server did not process: a refused connection, 429/503 with Retry-After).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/http_json/backend.h"

namespace omnihub::http_json {

struct WriteAnswer {
  std::string body;       // a 2xx JSON answer
  bool replayed = false;  // the backend answered a repeat of an earlier request with this key
};

using WriteDone = std::function<void(absl::StatusOr<WriteAnswer>)>;

// `params` fill the path and body placeholders; `idempotency_key` (may be empty) goes in the
// operation's idempotency header. INVALID_ARGUMENT before any I/O when the request cannot be
// rendered. `done` runs exactly once.
void SendWrite(std::shared_ptr<const Backend> backend,
               const mapping::engine::CompiledOperation& operation,
               std::map<std::string, std::string> params, const std::string& idempotency_key,
               std::shared_ptr<sdk::CallContext> context, WriteDone done);

}  // namespace omnihub::http_json
