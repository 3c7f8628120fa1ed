// SimulatedCall: delivers one adapter answer on an executor after a simulated backend latency,
// racing the call's deadline and cancellation, with exactly one callback (internal).
#pragma once

#include <algorithm>
#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <functional>
#include <memory>

#include "absl/status/statusor.h"
#include "adapters/sdk/call_context.h"

namespace omnihub::reference {

// One call in flight. Owns itself (shared_ptr held by its pending handlers); everything runs on
// a strand of the executor, so the timer is only touched from there. Thread-safe to start.
template <typename T>
class SimulatedCall : public std::enable_shared_from_this<SimulatedCall<T>> {
 public:
  using Answer = std::function<absl::StatusOr<T>()>;
  using Done = std::function<void(absl::StatusOr<T>)>;

  // Computes `answer` on the executor `delay` from now, unless the call is cancelled (CANCELLED)
  // or its deadline comes first (DEADLINE_EXCEEDED). Never calls `done` inline.
  static void Start(const boost::asio::any_io_executor& executor,
                    std::shared_ptr<sdk::CallContext> context, sdk::Clock::duration delay,
                    Answer answer, Done done) {
    auto call = std::shared_ptr<SimulatedCall>(
        new SimulatedCall(executor, std::move(context), sdk::Clock::now() + delay,
                          std::move(answer), std::move(done)));
    std::weak_ptr<SimulatedCall> weak = call;
    call->context_->OnCancel([weak] {
      if (auto self = weak.lock()) {
        boost::asio::post(self->strand_, [self] {
          self->timer_.cancel();
          self->Finish(absl::CancelledError("call cancelled"));
        });
      }
    });
    boost::asio::post(call->strand_, [call] { call->Arm(); });
  }

 private:
  SimulatedCall(const boost::asio::any_io_executor& executor,
                std::shared_ptr<sdk::CallContext> context, sdk::Clock::time_point ready_at,
                Answer answer, Done done)
      : strand_(boost::asio::make_strand(executor)),
        timer_(strand_),
        context_(std::move(context)),
        ready_at_(ready_at),
        answer_(std::move(answer)),
        done_(std::move(done)) {}

  // On the strand: answers when due, else waits for the answer or the deadline, whichever first.
  void Arm() {
    if (finished_.load()) return;
    if (context_->cancelled()) return Finish(absl::CancelledError("call cancelled"));
    auto now = sdk::Clock::now();
    bool answer_in_time = ready_at_ <= context_->deadline();
    if (answer_in_time && now >= ready_at_) return Finish(answer_());
    if (!answer_in_time && now >= context_->deadline()) {
      return Finish(absl::DeadlineExceededError("backend did not answer before the deadline"));
    }
    timer_.expires_at(std::min(ready_at_, context_->deadline()));
    timer_.async_wait([self = this->shared_from_this()](const boost::system::error_code& error) {
      if (error != boost::asio::error::operation_aborted) self->Arm();
    });
  }

  void Finish(absl::StatusOr<T> result) {
    if (finished_.exchange(true)) return;
    Done done = std::move(done_);
    answer_ = nullptr;
    done(std::move(result));
  }

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  boost::asio::steady_timer timer_;
  std::shared_ptr<sdk::CallContext> context_;
  const sdk::Clock::time_point ready_at_;
  Answer answer_;
  Done done_;
  std::atomic<bool> finished_{false};
};

}  // namespace omnihub::reference
