// ChangeRouter: what the hub does with a change event from a backend. It attributes the change
// to a golden customer (the system's account number through the identity index), makes exactly
// the affected sections of that customer's view out of date (the invalidation hook, which the
// aggregate cache provides), and broadcasts the change to WatchEvents subscribers.
//
// A change repeated with the same (system, event_id) within the last `dedup_window` changes is
// ignored, so a redelivery (a backend that publishes twice, two forwarders) has no effect. A
// change about an account the index does not know is still broadcast (without a customer id)
// and counted as unattributed.
//
// Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "adapters/events/change_codec.h"
#include "hub/events/event_broadcaster.h"
#include "hub/identity/customer_directory.h"

namespace omnihub::hub {

struct ChangeRouterStats {
  uint64_t routed = 0;
  uint64_t unattributed = 0;
  uint64_t duplicates = 0;
};

class ChangeRouter {
 public:
  // Called once per attributed change with the sections it affects (never empty: a change that
  // names no section affects the whole view, i.e. every section).
  using InvalidateHook =
      std::function<void(const std::string& customer_id, const std::string& system,
                         const std::vector<omnihub::v1::Section>& sections)>;

  ChangeRouter(const CustomerDirectory& directory, EventBroadcaster& broadcaster,
               size_t dedup_window = 4096);

  // Set before changes arrive (the cache is built after the router in some set-ups).
  void SetInvalidateHook(InvalidateHook hook);

  void OnChange(const omnihub::events::BackendChange& change);

  // Events the hub itself originates (a contact logged, an identifier linked): broadcast only.
  void OnHubEvent(const omnihub::v1::Event& event) { broadcaster_.Publish(event); }

  ChangeRouterStats stats() const;

 private:
  bool SeenBefore(const omnihub::events::BackendChange& change);
  std::string CustomerOf(const omnihub::events::BackendChange& change) const;

  const CustomerDirectory& directory_;
  EventBroadcaster& broadcaster_;
  const size_t dedup_window_;
  std::mutex hook_mutex_;
  InvalidateHook invalidate_;
  std::mutex dedup_mutex_;
  std::deque<std::string> recent_order_;
  absl::flat_hash_set<std::string> recent_;
  std::atomic<uint64_t> routed_{0};
  std::atomic<uint64_t> unattributed_{0};
  std::atomic<uint64_t> duplicates_{0};
};

}  // namespace omnihub::hub
