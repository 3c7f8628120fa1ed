// SessionCall: one adapter call's operations (get-customer, list-contacts, ...) run one after
// another on one leased session, under the call's deadline and cancellation.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "adapters/sdk/call_context.h"
#include "adapters/tn3270/connector/backend.h"
#include "adapters/tn3270/connector/script_executor.h"

namespace omnihub::tn3270 {

struct OperationRun {
  const mapping::engine::CompiledOperation* operation = nullptr;
  // Request parameters; every parameter of the operation kind the caller did not give is
  // supplied as an empty text (see mappings/systems/mainframe.xml).
  std::map<std::string, std::string> values;
  // Takes what the script read; a failure ends the call with that status.
  std::function<absl::Status(ScriptResult&)> consume;
};

// Leases a session (waiting at most until the deadline; cancellable), brings it to the home
// screen between operations (the catalog's home key), runs each operation's script and hands
// its result to `consume`. `done` is called exactly once, after the session went back to the
// pool. Status codes are the pool's and the executor's (see their headers).
void RunOperations(std::shared_ptr<const Backend> backend,
                   std::shared_ptr<sdk::CallContext> context, std::vector<OperationRun> runs,
                   std::function<void(absl::Status)> done);

}  // namespace omnihub::tn3270
