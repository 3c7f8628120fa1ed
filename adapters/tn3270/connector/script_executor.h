// RunScript: executes a compiled navigation script (mapping/engine/screen_script.h) on one leased
// TN3270 session and collects what it reads into a Table for the table mapper.
//
// Follows the execution contract in screen_script.h: screens recognised by their markers; after
// every key press (and before each expect-screen) the declared error screens are checked and end
// the script with their status code and message (or the screen's message line); typing by label
// or position, erasing the rest of the field; reads and list reads; paging until the end marker
// or max_pages. Statuses, chosen by how the caller should react:
//   <error-screen code>   as declared (e.g. NOT_FOUND for "ACCOUNT ... NOT FOUND", UNAVAILABLE
//                         for an abend or "session in use")
//   FAILED_PRECONDITION   an expected screen did not show (the detail names the expected screen,
//                         the script line and the screen's title and message line), a label
//                         not on the screen, the keyboard refused the input
//   INVALID_ARGUMENT      a value longer than its field, or a template placeholder without value
//   DEADLINE_EXCEEDED     the deadline passed, or a wait-for marker never showed
//   UNAVAILABLE           the host dropped the connection
//   CANCELLED             Client::Cancel() was called on the session
// After any failure the session is in an unknown state: return it to the pool, which resets it
// to the home screen or replaces it.
//
// Runs on the client's strand; `done` is called exactly once, on that strand.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/screen_script.h"
#include "adapters/mapping/engine/table.h"
#include "adapters/tn3270/client.h"
#include "adapters/tn3270/pool/session_pool.h"

namespace omnihub::tn3270 {

struct ScriptResult {
  mapping::engine::Table table;
  // A page loop stopped at max_pages before its end marker: the list is cut short.
  bool truncated = false;
  // Screen round trips (AID keys sent and waits for an unsolicited screen).
  int round_trips = 0;
};

struct ScriptRequest {
  // The system's screens and error screens.
  const mapping::engine::ScreenCatalog* catalog = nullptr;
  // The steps (an operation's script, or the catalog's sign-on) and the result columns.
  const std::vector<mapping::engine::ScriptStep>* steps = nullptr;
  std::vector<std::string> columns;
  // Keeps `catalog` and `steps` alive while the script runs (e.g. the CompiledSystem).
  std::shared_ptr<const void> keep_alive;
  // Placeholder values for Type steps.
  std::map<std::string, std::string> values;
  PoolClock::time_point deadline;
  // Names the script in error messages ("get-customer").
  std::string name;
};

void RunScript(std::shared_ptr<Client> client, ScriptRequest request,
               std::function<void(absl::StatusOr<ScriptResult>)> done);

}  // namespace omnihub::tn3270
