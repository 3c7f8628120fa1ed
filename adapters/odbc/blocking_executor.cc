#include "adapters/odbc/blocking_executor.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace omnihub::odbc {

BlockingExecutor::BlockingExecutor(int threads, size_t queue_limit) : queue_limit_(queue_limit) {
  threads = std::clamp(threads, 1, 256);
  threads_.reserve(threads);
  for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { Work(); });
}

BlockingExecutor::~BlockingExecutor() {
  std::deque<Entry> abandoned;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    abandoned.swap(queue_);
  }
  wake_.notify_all();
  for (auto& entry : abandoned) {
    entry.job(absl::CancelledError("odbc executor: shutting down before the work ran"));
  }
  for (auto& thread : threads_) thread.join();
}

absl::Status BlockingExecutor::Submit(Clock::time_point deadline, Job job) {
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc executor: the deadline passed before submission");
  }
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return absl::FailedPreconditionError("odbc executor: shutting down");
    // Jobs an idle thread will pick up at once do not count against the queue.
    if (queue_.size() >= static_cast<size_t>(idle_threads_) + queue_limit_) {
      return absl::ResourceExhaustedError(absl::StrCat("odbc executor: all ", threads_.size(),
                                                       " database threads are busy and ",
                                                       queue_limit_, " calls already wait"));
    }
    queue_.push_back(Entry{deadline, std::move(job)});
  }
  wake_.notify_one();
  return absl::OkStatus();
}

size_t BlockingExecutor::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void BlockingExecutor::Work() {
  for (;;) {
    Entry entry;
    {
      std::unique_lock lock(mutex_);
      ++idle_threads_;
      wake_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      --idle_threads_;
      if (stopping_ && queue_.empty()) return;
      entry = std::move(queue_.front());
      queue_.pop_front();
    }
    if (Clock::now() >= entry.deadline) {
      entry.job(absl::DeadlineExceededError(
          "odbc executor: the deadline passed while the call waited for a database thread"));
    } else {
      entry.job(absl::OkStatus());
    }
  }
}

}  // namespace omnihub::odbc
