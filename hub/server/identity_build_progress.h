// IdentityBuildProgress: how far the start-up identity index build has got (systems scanned,
// accounts read, identifiers indexed, elapsed time, rate), for the log and the admin /status page.
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <string>

#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Thread-safe: the scan reports from its threads while /status reads.
class IdentityBuildProgress {
 public:
  using Clock = std::chrono::steady_clock;
  enum class Phase { kWaiting, kScanning, kLinking, kReplaying, kReady };

  // The scan began, over `systems` systems able to enumerate their accounts.
  void Start(size_t systems, Clock::time_point now = Clock::now());
  // A page arrived: `accounts` read so far from `system`. A progress line for the log when the
  // last one is at least `every` old, else empty.
  std::string OnPage(const std::string& system, size_t accounts,
                     Clock::time_point now = Clock::now(),
                     std::chrono::milliseconds every = std::chrono::seconds(2));
  // A system's scan ended (ok or failed).
  void SystemDone(const std::string& system);
  void SetPhase(Phase phase);
  // The index is built.
  void Built(const IdentityIndexStats& stats, Clock::time_point now = Clock::now());

  // "scanning: 2 of 3 systems done, 120000 accounts (erp 80000, ecommerce 40000), 12.0 s,
  // 10000 accounts/s".
  std::string Line(Clock::time_point now = Clock::now()) const;
  // The same as JSON text (an object): phase, systems, systems_done, accounts, per_system,
  // identifiers, elapsed_ms, accounts_per_second, and what resolution answers now.
  std::string Json(Clock::time_point now = Clock::now()) const;

  static const char* PhaseName(Phase phase);

 private:
  double ElapsedSeconds(Clock::time_point now) const;
  size_t AccountsLocked() const;

  mutable std::mutex mutex_;
  Phase phase_ = Phase::kWaiting;
  size_t systems_ = 0;
  size_t systems_done_ = 0;
  std::map<std::string, size_t> accounts_;
  size_t identifiers_ = 0;
  Clock::time_point started_{};
  Clock::time_point finished_{};
  Clock::time_point last_line_{};
};

}  // namespace omnihub::hub
