#include "adapters/http/retry_budget.h"

namespace omnihub::http {

RetryBudget::RetryBudget(double ratio, int min_retries, Clock::duration window)
    : ratio_(ratio),
      min_retries_(min_retries),
      slice_(std::max<Clock::duration>(window / kBuckets, std::chrono::milliseconds(1))) {}

RetryBudget::Bucket& RetryBudget::Advance(Clock::time_point now) {
  const long long epoch = now.time_since_epoch() / slice_;
  for (auto& bucket : buckets_) {
    if (bucket.epoch <= epoch - kBuckets) bucket = Bucket{};
  }
  Bucket& current = buckets_[static_cast<std::size_t>(epoch % kBuckets)];
  if (current.epoch != epoch) current = Bucket{epoch, 0, 0};
  return current;
}

void RetryBudget::RecordRequest(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  ++Advance(now).requests;
}

bool RetryBudget::TryRetry(Clock::time_point now) {
  std::lock_guard lock(mutex_);
  Bucket& current = Advance(now);
  int requests = 0;
  int retries = 0;
  for (const auto& bucket : buckets_) {
    if (bucket.epoch < 0) continue;
    requests += bucket.requests;
    retries += bucket.retries;
  }
  if (retries + 1 > min_retries_ + ratio_ * requests) return false;
  ++current.retries;
  return true;
}

}  // namespace omnihub::http
