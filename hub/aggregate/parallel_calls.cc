#include "hub/aggregate/parallel_calls.h"

namespace omnihub::hub {

using omnihub::sdk::CallContext;
using omnihub::sdk::Clock;

ParallelCalls::ParallelCalls(boost::asio::any_io_executor executor, Clock::time_point deadline,
                             size_t calls)
    : timer_(executor, deadline),
      context_(std::make_shared<CallContext>(deadline)),
      answered_(calls, false),
      pending_(calls) {}

void ParallelCalls::Start() {
  {
    std::lock_guard lock(mutex_);
    if (ended_ || started_) return;  // cancelled before it started, or started twice
    started_ = true;
    started_at_ = Clock::now();
  }
  if (answered_.empty()) return End(absl::OkStatus());
  timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
    if (!error) self->End(absl::DeadlineExceededError("no answer before the deadline"));
  });
  for (size_t call = 0; call < answered_.size(); ++call) Launch(call, context_);
}

void ParallelCalls::Cancel() { End(absl::CancelledError("the caller cancelled the request")); }

void ParallelCalls::Answer(size_t call, const std::function<void(Clock::duration)>& record) {
  std::unique_lock lock(mutex_);
  if (ended_ || answered_[call]) return;  // late, or a second answer from a broken adapter
  answered_[call] = true;
  record(Clock::now() - started_at_);
  if (--pending_ == 0) {
    lock.unlock();
    End(absl::OkStatus());
  }
}

void ParallelCalls::End(absl::Status status) {
  std::vector<size_t> open;
  {
    std::lock_guard lock(mutex_);
    if (ended_) return;
    ended_ = true;
    for (size_t call = 0; call < answered_.size(); ++call) {
      if (!answered_[call]) open.push_back(call);
    }
  }
  timer_.cancel();
  if (!status.ok()) context_->Cancel();
  Finished(open, std::move(status));
}

}  // namespace omnihub::hub
