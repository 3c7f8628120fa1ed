// RetryBudget: caps retries to a fraction of recent requests so a failing backend is not hammered.
#pragma once

#include <array>
#include <chrono>
#include <mutex>

namespace omnihub::http {

// Counts requests and retries in a sliding window (ten buckets of window/10). A retry is allowed
// while retries_in_window + 1 <= min_retries + ratio * requests_in_window.
// Time is passed in, so tests need no clock. Thread-safe.
class RetryBudget {
 public:
  using Clock = std::chrono::steady_clock;

  RetryBudget(double ratio, int min_retries, Clock::duration window);

  // Records one new request (not a retry).
  void RecordRequest(Clock::time_point now);
  // Takes one retry from the budget; false (and nothing recorded) when the budget is spent.
  bool TryRetry(Clock::time_point now);

 private:
  static constexpr int kBuckets = 10;
  struct Bucket {
    long long epoch = -1;  // which window slice this bucket currently counts
    int requests = 0;
    int retries = 0;
  };
  // Resets stale buckets and returns the bucket for `now`. Requires mutex_.
  Bucket& Advance(Clock::time_point now);

  const double ratio_;
  const int min_retries_;
  const Clock::duration slice_;
  std::mutex mutex_;
  std::array<Bucket, kBuckets> buckets_;
};

}  // namespace omnihub::http
