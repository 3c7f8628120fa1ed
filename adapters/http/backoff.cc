#include "adapters/http/backoff.h"

#include <algorithm>
#include <cmath>

namespace omnihub::http {

std::chrono::steady_clock::duration BackoffDelay(const RetryOptions& options, int retry,
                                                 std::mt19937_64& rng) {
  using Duration = std::chrono::steady_clock::duration;
  const double initial = static_cast<double>(options.initial_backoff.count());
  const double cap = static_cast<double>(options.max_backoff.count());
  const double base =
      std::min(cap, initial * std::pow(options.backoff_multiplier, std::max(0, retry - 1)));
  std::uniform_real_distribution<double> jitter(base / 2, base);
  return Duration(static_cast<Duration::rep>(jitter(rng)));
}

std::optional<std::chrono::steady_clock::duration> ParseRetryAfter(const std::string& value) {
  std::size_t begin = value.find_first_not_of(" \t");
  std::size_t end = value.find_last_not_of(" \t");
  if (begin == std::string::npos) return std::nullopt;
  const std::string digits = value.substr(begin, end - begin + 1);
  if (digits.empty() || digits.size() > 9 ||
      !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return std::nullopt;
  }
  return std::chrono::seconds(std::stol(digits));
}

}  // namespace omnihub::http
