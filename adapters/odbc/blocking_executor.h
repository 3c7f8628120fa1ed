// BlockingExecutor: a fixed set of threads for blocking work (ODBC calls), with a bounded queue,
// so gRPC and Asio threads hand the work over and never wait on the database.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "absl/status/status.h"

namespace omnihub::odbc {

// Thread-safe. Destruction stops the threads after the running jobs finish; queued jobs are told
// CANCELLED.
class BlockingExecutor {
 public:
  using Clock = std::chrono::steady_clock;
  // Called exactly once: with OK on a pool thread to do the work, or with DEADLINE_EXCEEDED
  // (the deadline passed while queued: the work is not done) or CANCELLED (shutdown).
  using Job = std::function<void(absl::Status)>;

  // `threads` in [1, 256]; `queue_limit` jobs may wait beyond those running (0: none waits).
  BlockingExecutor(int threads, size_t queue_limit);
  ~BlockingExecutor();
  BlockingExecutor(const BlockingExecutor&) = delete;
  BlockingExecutor& operator=(const BlockingExecutor&) = delete;

  // Queues `job`. Returns at once: RESOURCE_EXHAUSTED when the queue is full, DEADLINE_EXCEEDED
  // when `deadline` has already passed, FAILED_PRECONDITION after shutdown began; in those cases
  // `job` is never called.
  absl::Status Submit(Clock::time_point deadline, Job job);

  size_t queued() const;
  int threads() const { return static_cast<int>(threads_.size()); }

 private:
  struct Entry {
    Clock::time_point deadline;
    Job job;
  };
  void Work();

  const size_t queue_limit_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<Entry> queue_;
  int idle_threads_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace omnihub::odbc
