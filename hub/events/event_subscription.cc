#include "hub/events/event_subscription.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace omnihub::hub {

bool EventFilter::Matches(const omnihub::v1::Event& event) const {
  if (!customer_id.empty() && event.customer_id() != customer_id) return false;
  return types.empty() || std::find(types.begin(), types.end(), event.type()) != types.end();
}

EventSubscription::EventSubscription(EventFilter filter, size_t capacity,
                                     std::function<void()> wake)
    : filter_(std::move(filter)),
      capacity_(std::max<size_t>(capacity, 1)),
      wake_(std::move(wake)) {}

bool EventSubscription::Push(const omnihub::v1::Event& event) {
  bool wake = false;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return false;
    if (queue_.size() >= capacity_) {
      ++pending_dropped_;
      ++dropped_total_;
      return false;
    }
    queue_.push_back(Entry{event, pending_dropped_});
    pending_dropped_ = 0;
    wake = !in_flight_;
  }
  if (wake && wake_) wake_();
  return true;
}

std::optional<omnihub::v1::Event> EventSubscription::TakeNext() {
  std::lock_guard lock(mutex_);
  if (in_flight_ || closed_) return std::nullopt;
  if (queue_.empty()) {
    if (pending_dropped_ == 0) return std::nullopt;
    const uint64_t count = std::exchange(pending_dropped_, 0);
    in_flight_ = true;
    return DroppedNotice(count);
  }
  Entry& front = queue_.front();
  in_flight_ = true;
  if (front.dropped_before > 0) return DroppedNotice(std::exchange(front.dropped_before, 0));
  omnihub::v1::Event event = std::move(front.event);
  queue_.pop_front();
  return event;
}

void EventSubscription::WriteDone() {
  std::lock_guard lock(mutex_);
  in_flight_ = false;
}

void EventSubscription::Close() {
  std::lock_guard lock(mutex_);
  closed_ = true;
  queue_.clear();
}

uint64_t EventSubscription::dropped_total() const {
  std::lock_guard lock(mutex_);
  return dropped_total_;
}

size_t EventSubscription::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

omnihub::v1::Event EventSubscription::DroppedNotice(uint64_t count) const {
  omnihub::v1::Event notice;
  notice.set_type(omnihub::v1::EVENT_TYPE_EVENTS_DROPPED);
  notice.set_customer_id(filter_.customer_id);
  notice.set_detail(absl::StrCat(count, count == 1 ? " event was" : " events were",
                                 " dropped here because this subscriber fell behind (queue of ",
                                 capacity_, ")"));
  return notice;
}

}  // namespace omnihub::hub
