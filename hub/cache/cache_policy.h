// CachePolicy: how long the aggregate cache keeps what, and how much of it.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <string>

namespace omnihub::hub {

// A plain value; the hub builds it from the configuration (<cache> and each <adapter>'s
// cache-ttl-ms).
struct CachePolicy {
  // Off: every call goes to the backends (the cache holds nothing).
  bool enabled = true;
  // Bound on the bytes held (see SectionStore for how bytes are counted).
  size_t max_bytes = size_t{256} << 20;
  // A section younger than its system's TTL is fresh (served as OK).
  std::chrono::milliseconds default_ttl{60'000};
  std::map<std::string, std::chrono::milliseconds> ttl_by_system;
  // An expired section is served as STALE (while one refresh runs) until it is older than its TTL
  // plus this; after that it is not served at all (fetched as a miss).
  std::chrono::milliseconds max_staleness{15 * 60'000};
  // Deadline of a background refresh, and the least deadline of a shared backend call (a call
  // shared by several waiters outlives the first waiter's deadline by this much at least).
  std::chrono::milliseconds fetch_timeout{5'000};

  std::chrono::milliseconds TtlOf(const std::string& system) const {
    auto it = ttl_by_system.find(system);
    return it == ttl_by_system.end() ? default_ttl : it->second;
  }
};

}  // namespace omnihub::hub
