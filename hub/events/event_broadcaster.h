// EventBroadcaster: hands every event to the subscribers whose filter matches, through their own
// bounded queues (EventSubscription), so a slow or stalled subscriber never delays the others or
// the publisher.
//
// Thread-safe: Publish, Subscribe and Unsubscribe may run concurrently from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "hub/events/event_subscription.h"

namespace omnihub::hub {

struct BroadcasterStats {
  uint64_t published = 0;
  uint64_t delivered = 0;
  uint64_t dropped = 0;
  size_t subscribers = 0;
};

class EventBroadcaster {
 public:
  explicit EventBroadcaster(size_t queue_capacity) : queue_capacity_(queue_capacity) {}

  // `wake` runs (on the publishing thread) when an event arrives for an idle subscriber.
  std::shared_ptr<EventSubscription> Subscribe(EventFilter filter, std::function<void()> wake);
  void Unsubscribe(const std::shared_ptr<EventSubscription>& subscription);

  void Publish(const omnihub::v1::Event& event);

  BroadcasterStats stats() const;

 private:
  const size_t queue_capacity_;
  mutable std::mutex mutex_;
  std::vector<std::shared_ptr<EventSubscription>> subscriptions_;
  std::atomic<uint64_t> published_{0};
  std::atomic<uint64_t> delivered_{0};
  std::atomic<uint64_t> dropped_{0};
};

}  // namespace omnihub::hub
