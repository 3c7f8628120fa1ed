// ParallelCalls: the bookkeeping of one set of adapter calls made in parallel under one deadline
// (the Customer 360 fan-out, the customer search fan-out): the deadline timer, the shared call
// context, which calls are still open, and the one end.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "absl/status/status.h"
#include "adapters/sdk/call_context.h"
#include "hub/aggregate/fan_out.h"

namespace omnihub::hub {

// A subclass says how to send one call (Launch) and what to do at the end (Finished); this class
// ends it exactly once: when every call answered, at the deadline (the open calls are cancelled
// through the shared CallContext), or on Cancel(). Use through std::shared_ptr. Thread-safe.
class ParallelCalls : public FanOutHandle, public std::enable_shared_from_this<ParallelCalls> {
 public:
  // `calls` calls, numbered 0..calls-1.
  ParallelCalls(boost::asio::any_io_executor executor, omnihub::sdk::Clock::time_point deadline,
                size_t calls);

  // omnihub::hub::FanOutHandle
  void Start() override;
  void Cancel() override;

 protected:
  // Sends call `call` with `context`; its answer must come back through Answer(call, ...).
  virtual void Launch(size_t call, std::shared_ptr<omnihub::sdk::CallContext> context) = 0;
  // Runs once at the end, outside the lock; no Answer records anything any more. `open` lists the
  // calls that did not answer, `status` is what they get (DEADLINE_EXCEEDED, CANCELLED; OK when
  // every call answered and `open` is empty).
  virtual void Finished(const std::vector<size_t>& open, absl::Status status) = 0;

  // Records the answer of `call` (under the lock, with the time since Start) unless the calls
  // already ended or `call` answered before; the last answer ends them.
  void Answer(size_t call, const std::function<void(omnihub::sdk::Clock::duration)>& record);

 private:
  void End(absl::Status status);

  boost::asio::steady_timer timer_;
  std::shared_ptr<omnihub::sdk::CallContext> context_;
  std::mutex mutex_;
  std::vector<bool> answered_;
  size_t pending_;
  bool started_ = false;
  bool ended_ = false;
  omnihub::sdk::Clock::time_point started_at_;
};

}  // namespace omnihub::hub
