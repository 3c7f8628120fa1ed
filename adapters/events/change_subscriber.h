// ChangeSubscriber: the hub's side of the change-event bus. One thread owns a ZeroMQ SUB socket
// connected to every configured endpoint (publishers that bind, or a forwarder's backend),
// decodes and validates each message and hands valid changes to the handler. A malformed message
// is counted and reported to the reject handler with the reason, never a crash; the subscriber
// carries on.
//
// Thread-safety: the handlers run on the subscriber's thread, one at a time; they must not
// block for long (they delay later changes, never the publishers). Stats are readable from any
// thread. The destructor stops the thread (within about 100 ms) and closes the socket.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/events/change_codec.h"

namespace omnihub::events {

struct SubscriberOptions {
  // ZeroMQ endpoints to connect to, e.g. "tcp://127.0.0.1:5570". At least one.
  std::vector<std::string> endpoints;
  // Topic prefixes to receive ("erp/" for one system); empty receives everything.
  std::vector<std::string> topic_prefixes;
  int receive_high_water_mark = 100000;
};

struct SubscriberStats {
  uint64_t received = 0;
  uint64_t rejected = 0;
};

class ChangeSubscriber {
 public:
  using ChangeHandler = std::function<void(const BackendChange&)>;
  using RejectHandler = std::function<void(const absl::Status&)>;

  // INVALID_ARGUMENT naming a malformed endpoint; the thread starts at once. ZeroMQ connects
  // in the background, so an endpoint nobody listens on yet is not an error.
  static absl::StatusOr<std::unique_ptr<ChangeSubscriber>> Start(SubscriberOptions options,
                                                                 ChangeHandler on_change,
                                                                 RejectHandler on_reject);
  ~ChangeSubscriber();

  SubscriberStats stats() const;

 private:
  ChangeSubscriber() = default;
  void Run();
  void Receive();

  zmq::context_t context_{1};
  zmq::socket_t socket_;
  ChangeHandler on_change_;
  RejectHandler on_reject_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> received_{0};
  std::atomic<uint64_t> rejected_{0};
  std::thread thread_;
};

}  // namespace omnihub::events
