// EventForwarder: the change-event bus's hub when several hub processes run side by side.
// Publishers connect their PUB sockets to the frontend (an XSUB socket); hubs connect their SUB
// sockets to the backend (an XPUB socket); every hub receives every change, and subscriptions
// flow upstream so publishers only send what someone wants. One thread runs zmq::proxy.
//
// Thread-safety: Start, then Stop (or destroy) from one thread.
#pragma once

#include <memory>
#include <string>
#include <thread>
#include <zmq.hpp>

#include "absl/status/statusor.h"

namespace omnihub::events {

class EventForwarder {
 public:
  // Binds both endpoints ("tcp://127.0.0.1:*" picks a free port; see the accessors) and starts
  // forwarding. UNAVAILABLE naming the endpoint when one cannot be bound.
  static absl::StatusOr<std::unique_ptr<EventForwarder>> Start(const std::string& frontend,
                                                               const std::string& backend);
  ~EventForwarder();
  // Stops forwarding and closes the sockets; idempotent.
  void Stop();

  const std::string& frontend() const { return frontend_; }
  const std::string& backend() const { return backend_; }

 private:
  EventForwarder() = default;

  zmq::context_t context_{1};
  zmq::socket_t xsub_;
  zmq::socket_t xpub_;
  zmq::socket_t control_;  // the proxy's end
  zmq::socket_t stopper_;  // ours
  std::string frontend_;
  std::string backend_;
  std::thread thread_;
};

}  // namespace omnihub::events
