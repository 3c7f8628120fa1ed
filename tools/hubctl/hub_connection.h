// The connection to one hub: the channel, the caller's deadline, and the mapping of failed calls to
// hubctl's messages and exit codes.
#pragma once

#include <grpcpp/channel.h>
#include <grpcpp/client_context.h>
#include <grpcpp/support/status.h>

#include <chrono>
#include <memory>
#include <string>

namespace omnihub::hubctl {

// Options every command shares.
struct GlobalOptions {
  // HOST:PORT of hubd's gRPC port.
  std::string hub = "127.0.0.1:50051";
  // Print responses as JSON (protobuf's canonical mapping) instead of tables.
  bool json = false;
  // Deadline of each call.
  int timeout_ms = 5000;
};

// One insecure channel to the hub. Not thread-safe; hubctl makes one call at a time.
class HubConnection {
 public:
  explicit HubConnection(GlobalOptions options);

  const GlobalOptions& options() const { return options_; }
  const std::shared_ptr<grpc::Channel>& channel() const { return channel_; }

  // Sets the call's deadline from --timeout-ms.
  void Prepare(grpc::ClientContext& context) const;

  // Prints why `status` failed to stderr and returns the exit code. `not_found` is the message for
  // NOT_FOUND (e.g. "no customer matches email jane@x"); empty means the server's message.
  int ReportFailure(const grpc::Status& status, const std::string& not_found) const;

 private:
  // True when the failure came from never reaching hubd rather than from hubd's answer.
  bool NeverConnected() const;

  GlobalOptions options_;
  std::shared_ptr<grpc::Channel> channel_;
};

}  // namespace omnihub::hubctl
