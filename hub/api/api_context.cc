#include "hub/api/api_context.h"

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
  return now_steady + std::chrono::duration_cast<omnihub::sdk::Clock::duration>(remaining);
}

}  // namespace omnihub::hub
