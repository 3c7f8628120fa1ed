#include "hub/server/calls_in_flight.h"

#include <string_view>
#include <thread>

namespace omnihub::hub {

namespace {
constexpr std::string_view kHealthWatch = "/grpc.health.v1.Health/Watch";
}  // namespace

// Lives exactly as long as its call (gRPC creates it when the call arrives and deletes it when
// the call is done); it only counts.
class CallsInFlight::Counter : public grpc::experimental::Interceptor {
 public:
  explicit Counter(std::atomic<int>& count) : count_(count) { ++count_; }
  ~Counter() override { --count_; }
  Counter(const Counter&) = delete;
  Counter& operator=(const Counter&) = delete;

  // grpc::experimental::Interceptor
  void Intercept(grpc::experimental::InterceptorBatchMethods* methods) override {
    methods->Proceed();
  }

 private:
  std::atomic<int>& count_;
};

class CallsInFlight::Factory : public grpc::experimental::ServerInterceptorFactoryInterface {
 public:
  explicit Factory(std::atomic<int>& count) : count_(count) {}

  // grpc::experimental::ServerInterceptorFactoryInterface
  grpc::experimental::Interceptor* CreateServerInterceptor(
      grpc::experimental::ServerRpcInfo* info) override {
    // A health watch lasts as long as its client wants; gRPC's health service ends it only when
    // the server shuts down (after saying NOT_SERVING). Counting it would hold every stop for the
    // whole grace.
    if (std::string_view(info->method()) == kHealthWatch) return nullptr;  // not counted
    return new Counter(count_);  // owned by gRPC from here
  }

 private:
  std::atomic<int>& count_;
};

std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>
CallsInFlight::InterceptorFactory() {
  return std::make_unique<Factory>(count_);
}

bool CallsInFlight::WaitUntilNone(std::chrono::steady_clock::time_point until) const {
  // Stopping is rare and calls last milliseconds: polling keeps the call path free of any lock.
  while (count_.load() > 0) {
    if (std::chrono::steady_clock::now() >= until) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return true;
}

}  // namespace omnihub::hub
