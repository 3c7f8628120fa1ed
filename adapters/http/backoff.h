// Retry delays: jittered exponential backoff and the Retry-After header.
#pragma once

#include <chrono>
#include <optional>
#include <random>
#include <string>

#include "adapters/http/options.h"

namespace omnihub::http {

// The wait before retry number `retry` (1 for the first retry): uniformly random in [b/2, b] with
// b = min(max_backoff, initial_backoff * multiplier^(retry-1)).
std::chrono::steady_clock::duration BackoffDelay(const RetryOptions& options, int retry,
                                                 std::mt19937_64& rng);

// The delay of a Retry-After header in its delay-seconds form ("120"). The HTTP-date form and
// anything malformed give nullopt (treated as no Retry-After).
std::optional<std::chrono::steady_clock::duration> ParseRetryAfter(const std::string& value);

}  // namespace omnihub::http
