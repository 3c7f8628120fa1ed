#include "hub/server/identity_build_progress.h"

#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace omnihub::hub {

const char* IdentityBuildProgress::PhaseName(Phase phase) {
  switch (phase) {
    case Phase::kWaiting:
      return "waiting";
    case Phase::kScanning:
      return "scanning";
    case Phase::kLinking:
      return "linking";
    case Phase::kReplaying:
      return "replaying agents' links";
    case Phase::kReady:
      return "ready";
  }
  return "unknown";
}

void IdentityBuildProgress::Start(size_t systems, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  phase_ = Phase::kScanning;
  systems_ = systems;
  started_ = last_line_ = now;
}

std::string IdentityBuildProgress::OnPage(const std::string& system, size_t accounts,
                                          Clock::time_point now, std::chrono::milliseconds every) {
  {
    std::lock_guard lock(mutex_);
    accounts_[system] = accounts;
    if (now - last_line_ < every) return "";
    last_line_ = now;
  }
  return Line(now);
}

void IdentityBuildProgress::SystemDone(const std::string& system) {
  std::lock_guard lock(mutex_);
  ++systems_done_;
  accounts_.try_emplace(system, 0);
}

void IdentityBuildProgress::SetPhase(Phase phase) {
  std::lock_guard lock(mutex_);
  phase_ = phase;
}

void IdentityBuildProgress::Built(const IdentityIndexStats& stats, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  identifiers_ = stats.identifiers;
  finished_ = now;
}

double IdentityBuildProgress::ElapsedSeconds(Clock::time_point now) const {
  if (started_ == Clock::time_point{}) return 0;
  const auto end = finished_ != Clock::time_point{} ? finished_ : now;
  return std::chrono::duration<double>(end - started_).count();
}

size_t IdentityBuildProgress::AccountsLocked() const {
  size_t total = 0;
  for (const auto& [system, accounts] : accounts_) total += accounts;
  return total;
}

std::string IdentityBuildProgress::Line(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  const double elapsed = ElapsedSeconds(now);
  const size_t accounts = AccountsLocked();
  std::string per_system;
  for (const auto& [system, count] : accounts_) {
    absl::StrAppend(&per_system, per_system.empty() ? "" : ", ", system, " ", count);
  }
  return absl::StrFormat(
      "%s: %d of %d systems done, %d accounts (%s), %d identifiers, %.1f s, %.0f accounts/s",
      PhaseName(phase_), systems_done_, systems_, accounts, per_system, identifiers_, elapsed,
      elapsed > 0 ? double(accounts) / elapsed : 0.0);
}

std::string IdentityBuildProgress::Json(Clock::time_point now) const {
  std::lock_guard lock(mutex_);
  const double elapsed = ElapsedSeconds(now);
  const size_t accounts = AccountsLocked();
  nlohmann::json json = {
      {"phase", PhaseName(phase_)},
      {"systems", systems_},
      {"systems_done", systems_done_},
      {"accounts", accounts},
      {"per_system", accounts_},
      {"identifiers", identifiers_},
      {"elapsed_ms", static_cast<int64_t>(elapsed * 1000)},
      {"accounts_per_second", elapsed > 0 ? double(accounts) / elapsed : 0.0},
      {"resolution", phase_ == Phase::kReady
                         ? "serving"
                         : "not yet: the gRPC port opens once the index is built and the agents' "
                           "links replayed; until then calls are refused (UNAVAILABLE)"}};
  return json.dump();
}

}  // namespace omnihub::hub
