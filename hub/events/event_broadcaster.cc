#include "hub/events/event_broadcaster.h"

#include <algorithm>

namespace omnihub::hub {

std::shared_ptr<EventSubscription> EventBroadcaster::Subscribe(EventFilter filter,
                                                               std::function<void()> wake) {
  auto subscription =
      std::make_shared<EventSubscription>(std::move(filter), queue_capacity_, std::move(wake));
  std::lock_guard lock(mutex_);
  subscriptions_.push_back(subscription);
  return subscription;
}

void EventBroadcaster::Unsubscribe(const std::shared_ptr<EventSubscription>& subscription) {
  subscription->Close();
  std::lock_guard lock(mutex_);
  std::erase(subscriptions_, subscription);
}

void EventBroadcaster::Publish(const omnihub::v1::Event& event) {
  ++published_;
  std::vector<std::shared_ptr<EventSubscription>> targets;
  {
    std::lock_guard lock(mutex_);
    for (const auto& subscription : subscriptions_) {
      if (subscription->filter().Matches(event)) targets.push_back(subscription);
    }
  }
  // Outside the lock: a subscriber's wake-up may start a gRPC write.
  for (const auto& subscription : targets) {
    if (subscription->Push(event)) {
      ++delivered_;
    } else {
      ++dropped_;
    }
  }
}

BroadcasterStats EventBroadcaster::stats() const {
  std::lock_guard lock(mutex_);
  return {published_.load(), delivered_.load(), dropped_.load(), subscriptions_.size()};
}

}  // namespace omnihub::hub
