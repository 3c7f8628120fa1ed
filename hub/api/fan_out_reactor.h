// FanOutReactor: a unary gRPC reactor that cancels its backend fan-out when the client goes away.
#pragma once

#include <grpcpp/support/server_callback.h>

#include <memory>
#include <mutex>

#include "hub/aggregate/fan_out.h"

namespace omnihub::hub {

// Owns itself: deleted by gRPC in OnDone, after Finish. Thread-safe.
class FanOutReactor : public grpc::ServerUnaryReactor {
 public:
  // Cancels `handle` if the client cancels (at once if it already has).
  void Attach(std::shared_ptr<FanOutHandle> handle) {
    bool cancel_now = false;
    {
      std::lock_guard lock(mutex_);
      handle_ = std::move(handle);
      cancel_now = cancelled_;
    }
    if (cancel_now) handle_->Cancel();
  }

  // grpc::ServerUnaryReactor
  void OnCancel() override {
    std::shared_ptr<FanOutHandle> handle;
    {
      std::lock_guard lock(mutex_);
      cancelled_ = true;
      handle = handle_;
    }
    if (handle) handle->Cancel();
  }
  void OnDone() override { delete this; }

 private:
  std::mutex mutex_;
  bool cancelled_ = false;
  std::shared_ptr<FanOutHandle> handle_;
};

}  // namespace omnihub::hub
