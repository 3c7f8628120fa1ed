// CacheClock: the wall clock the aggregate cache reads, injectable so tests control time.
#pragma once

#include <atomic>
#include <chrono>

namespace omnihub::hub {

// Wall-clock time (as_of times are wall-clock times). Thread-safe.
class CacheClock {
 public:
  virtual ~CacheClock() = default;
  virtual std::chrono::system_clock::time_point Now() const = 0;
};

// The real wall clock.
class SystemCacheClock final : public CacheClock {
 public:
  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::now();
  }
};

// A clock that moves only when told to (tests). Thread-safe.
class ManualCacheClock final : public CacheClock {
 public:
  explicit ManualCacheClock(std::chrono::system_clock::time_point start =
                                std::chrono::system_clock::time_point(std::chrono::hours(500000)))
      : now_(start.time_since_epoch().count()) {}

  std::chrono::system_clock::time_point Now() const override {
    return std::chrono::system_clock::time_point(std::chrono::system_clock::duration(now_.load()));
  }
  void Advance(std::chrono::system_clock::duration by) { now_ += by.count(); }

 private:
  std::atomic<std::chrono::system_clock::duration::rep> now_;
};

}  // namespace omnihub::hub
