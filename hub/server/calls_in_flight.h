// CallsInFlight: counts the gRPC calls the server is serving, so that stopping can wait for them
// and for nothing else.
//
// gRPC's Server::Shutdown(deadline) waits, up to the deadline, for calls in flight *and* for every
// client connection to close; an idle client (a CS application between calls) notices the server
// going away only when its channel next polls, about every 5 s in gRPC 1.51. Waiting for the calls
// here first and then shutting the server down with a short deadline stops a hub with clients
// connected at once when it is idle, and still lets the calls it is serving finish.
//
// Not counted: grpc.health.v1.Health/Watch streams, which never end by themselves (a load
// balancer keeps one open); gRPC ends them at Shutdown, after they have said NOT_SERVING.
#pragma once

#include <grpcpp/support/server_interceptor.h>

#include <atomic>
#include <chrono>
#include <memory>

namespace omnihub::hub {

// Thread-safe. Install the interceptor factory it makes on the ServerBuilder, and keep the
// CallsInFlight alive as long as the server.
class CallsInFlight {
 public:
  // The factory to add to ServerBuilder::experimental().SetInterceptorCreators: each call's
  // interceptor counts the call (health watches aside) from when it arrives until gRPC is done
  // with it.
  std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface> InterceptorFactory();

  // Calls being served now.
  int count() const { return count_.load(); }

  // Returns when no call is being served, or at `until`; true for the former.
  bool WaitUntilNone(std::chrono::steady_clock::time_point until) const;

 private:
  class Counter;
  class Factory;

  std::atomic<int> count_{0};
};

}  // namespace omnihub::hub
