#include "hub/api/api_context.h"

#include <algorithm>

namespace omnihub::hub {

omnihub::sdk::Clock::time_point DeadlinePolicy::For(
    const grpc::CallbackServerContext& context) const {
  const auto now_steady = omnihub::sdk::Clock::now();
  const auto caller = context.deadline();
  if (caller == std::chrono::system_clock::time_point::max()) {
    return now_steady + default_deadline;
  }
  auto remaining = caller - std::chrono::system_clock::now();
  if (remaining < std::chrono::system_clock::duration::zero()) {
    remaining = std::chrono::system_clock::duration::zero();
  }
  if (remaining > max_deadline) remaining = max_deadline;
  // Keep a slice of the caller's budget for merging and sending the answer, so partial results
  // reach the caller before its own deadline fires.
  auto margin = std::clamp<std::chrono::system_clock::duration>(
      remaining / 10, std::chrono::milliseconds(2), std::chrono::milliseconds(50));
  if (margin > remaining) margin = remaining;
  return now_steady + std::chrono::duration_cast<omnihub::sdk::Clock::duration>(remaining - margin);
}

}  // namespace omnihub::hub
