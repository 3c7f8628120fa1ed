// WriteFence: lets a read of the hub's store tell whether a write through this hub ran while it
// read. The aggregate cache keeps what a read answers, and a write's hook updates the cached
// section before the writer hears back; a read that overlapped the write may hold the store as it
// was before, and would put the old answer back. So such a read is done again once the write is
// done. Shared by HubContacts and HubCases.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

#include "absl/status/statusor.h"

namespace omnihub::hub {

// Thread-safe.
class WriteFence {
 public:
  using Clock = std::chrono::steady_clock;

  // Marks one write, hook included, from construction to destruction.
  class Writing {
   public:
    explicit Writing(WriteFence& fence) : fence_(fence) { fence_.begun_.fetch_add(1); }
    ~Writing() { fence_.finished_.fetch_add(1); }
    Writing(const Writing&) = delete;
    Writing& operator=(const Writing&) = delete;

   private:
    WriteFence& fence_;
  };

  // `read()` until no write was under way while it ran; at most `attempts` reads, none begun
  // after `deadline`. An error is answered at once.
  template <typename T, typename Read>
  absl::StatusOr<T> ReadSettled(Clock::time_point deadline, Read read, int attempts = 5) {
    absl::StatusOr<T> answer;
    for (int attempt = 1;; ++attempt) {
      const uint64_t finished = finished_.load();
      const uint64_t begun = begun_.load();
      answer = read();
      if (!answer.ok() || (finished == begun && begun_.load() == begun) || attempt >= attempts ||
          Clock::now() >= deadline) {
        return answer;
      }
      // A write ran meanwhile: read again once it is done.
      std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
    }
  }

 private:
  std::atomic<uint64_t> begun_{0};
  std::atomic<uint64_t> finished_{0};
};

}  // namespace omnihub::hub
