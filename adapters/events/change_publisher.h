// ChangePublisher: a backend's (or connector's) side of the change-event bus: a ZeroMQ PUB socket
// that binds (a hub or forwarder connects to it) or connects (to a forwarder's frontend).
//
// PUB never blocks: when a subscriber is slower than the send high-water mark, ZeroMQ drops
// messages for it. Publish reports RESOURCE_EXHAUSTED when the socket itself cannot take the
// message, and counts it.
//
// Thread-safe: Publish may be called from any thread (a mutex guards the socket, since ZeroMQ
// sockets are not thread-safe).
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <zmq.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/events/change_codec.h"

namespace omnihub::events {

struct PublisherOptions {
  // A ZeroMQ endpoint, e.g. "tcp://127.0.0.1:5570", or "tcp://127.0.0.1:*" with bind for a free
  // port (see endpoint()).
  std::string endpoint;
  bool bind = true;
  int send_high_water_mark = 10000;
};

class ChangePublisher {
 public:
  // INVALID_ARGUMENT when the endpoint is malformed; UNAVAILABLE when it cannot be bound.
  static absl::StatusOr<std::unique_ptr<ChangePublisher>> Create(PublisherOptions options);

  // INVALID_ARGUMENT (the change is invalid, see ValidateChange) or RESOURCE_EXHAUSTED (the
  // socket's queue is full; the change is dropped).
  absl::Status Publish(const BackendChange& change);

  // The bound or connected endpoint, with the port chosen when "*" was asked for.
  const std::string& endpoint() const { return endpoint_; }
  uint64_t published() const { return published_; }
  uint64_t dropped() const { return dropped_; }

 private:
  ChangePublisher() = default;

  zmq::context_t context_{1};
  zmq::socket_t socket_;
  std::mutex mutex_;
  std::string endpoint_;
  std::atomic<uint64_t> published_{0};
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace omnihub::events
