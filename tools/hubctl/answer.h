// The common ending of every command: a failed call becomes a message and an exit code, a
// successful one is printed as JSON (--json) or by the command's readable view.
#pragma once

#include <grpcpp/support/status.h>

#include <iostream>
#include <string>

#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/hub_connection.h"
#include "tools/hubctl/json_output.h"

namespace omnihub::hubctl {

// `not_found` is the message for NOT_FOUND (empty: the server's). `print(std::cout, response)`
// writes the readable view.
template <typename Response, typename Print>
int Answer(const grpc::Status& status, const Response& response, const HubConnection& hub,
           const std::string& not_found, Print print) {
  if (!status.ok()) return hub.ReportFailure(status, not_found);
  if (hub.options().json) return PrintJson(response) ? kExitOk : kExitOtherError;
  print(std::cout, response);
  return kExitOk;
}

}  // namespace omnihub::hubctl
