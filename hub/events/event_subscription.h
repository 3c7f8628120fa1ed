// EventSubscription: one WatchEvents subscriber's bounded queue of events.
//
// A subscriber that reads slowly never delays anyone: Push never blocks and never grows the
// queue past its capacity; an event that does not fit is dropped and counted. The subscriber is
// told exactly where it lost events: the next event it takes after a gap is preceded by one
// EVENT_TYPE_EVENTS_DROPPED event whose detail says how many were lost.
//
// Writing protocol (for a gRPC write reactor, which may have one write in flight): TakeNext()
// hands out the next event and marks a write in flight; WriteDone() clears it. While a write is
// in flight TakeNext() returns nothing, so exactly one writer pulls at a time whichever thread
// calls it. Push() calls the wake-up function when an event arrives while no write is in flight.
//
// Thread-safe.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "omnihub/v1/event.pb.h"

namespace omnihub::hub {

// Which events a subscriber wants. Empty fields match everything.
struct EventFilter {
  std::string customer_id;
  std::vector<omnihub::v1::EventType> types;

  bool Matches(const omnihub::v1::Event& event) const;
};

class EventSubscription {
 public:
  EventSubscription(EventFilter filter, size_t capacity, std::function<void()> wake);

  const EventFilter& filter() const { return filter_; }

  // Queues `event` (the caller has checked the filter). Returns false when it was dropped.
  bool Push(const omnihub::v1::Event& event);

  // The next event to write, or nothing when the queue is empty or a write is in flight.
  std::optional<omnihub::v1::Event> TakeNext();
  void WriteDone();

  // Stops accepting events (the subscriber has gone); later Pushes are ignored.
  void Close();

  uint64_t dropped_total() const;
  size_t queued() const;

 private:
  struct Entry {
    omnihub::v1::Event event;
    uint64_t dropped_before = 0;  // events lost just before this one
  };

  omnihub::v1::Event DroppedNotice(uint64_t count) const;

  const EventFilter filter_;
  const size_t capacity_;
  const std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::deque<Entry> queue_;
  uint64_t pending_dropped_ = 0;  // lost since the last queued entry
  uint64_t dropped_total_ = 0;
  bool in_flight_ = false;
  bool closed_ = false;
};

}  // namespace omnihub::hub
