// CallContext: the deadline and cancellation of one call into an adapter.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

namespace omnihub::sdk {

using Clock = std::chrono::steady_clock;

// The deadline and cancellation signal of one adapter call.
//
// The hub creates one per fan-out and cancels it when the caller's deadline passes or the caller
// goes away. Adapters check `cancelled()` between steps and may register `OnCancel` callbacks to
// abort I/O in flight (close a socket, cancel a timer).
//
// Thread-safe: any thread may cancel, query or register callbacks.
class CallContext {
 public:
  explicit CallContext(Clock::time_point deadline) : deadline_(deadline) {}
  CallContext(const CallContext&) = delete;
  CallContext& operator=(const CallContext&) = delete;

  static std::shared_ptr<CallContext> WithTimeout(Clock::duration timeout) {
    return std::make_shared<CallContext>(Clock::now() + timeout);
  }

  Clock::time_point deadline() const { return deadline_; }
  // Time left before the deadline; zero once it has passed.
  Clock::duration remaining() const {
    auto left = deadline_ - Clock::now();
    return left > Clock::duration::zero() ? left : Clock::duration::zero();
  }
  bool expired() const { return Clock::now() >= deadline_; }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }
  // True when the adapter should stop working on this call.
  bool done() const { return cancelled() || expired(); }

  // Cancels the call and runs the registered callbacks once, on the calling thread.
  void Cancel() {
    std::vector<std::function<void()>> callbacks;
    {
      std::lock_guard lock(mutex_);
      if (cancelled_.exchange(true, std::memory_order_acq_rel)) return;
      callbacks.swap(on_cancel_);
    }
    for (auto& callback : callbacks) callback();
  }

  // Runs `callback` when the call is cancelled; at once (on this thread) if it already is.
  // Callbacks must be cheap and must not block.
  void OnCancel(std::function<void()> callback) {
    {
      std::lock_guard lock(mutex_);
      if (!cancelled_.load(std::memory_order_acquire)) {
        on_cancel_.push_back(std::move(callback));
        return;
      }
    }
    callback();
  }

 private:
  const Clock::time_point deadline_;
  std::atomic<bool> cancelled_{false};
  std::mutex mutex_;
  std::vector<std::function<void()>> on_cancel_;
};

}  // namespace omnihub::sdk
