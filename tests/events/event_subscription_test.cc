// One subscriber's bounded queue: never blocks, never grows past capacity, says where events were
// lost, and hands out one write at a time.
#include "hub/events/event_subscription.h"

#include <gtest/gtest.h>

#include "hub/events/event_broadcaster.h"

namespace omnihub::hub {
namespace {

omnihub::v1::Event Numbered(int n, const std::string& customer = "C-1",
                            omnihub::v1::EventType type = omnihub::v1::EVENT_TYPE_NOTE_ADDED) {
  omnihub::v1::Event event;
  event.set_event_id("e" + std::to_string(n));
  event.set_customer_id(customer);
  event.set_type(type);
  return event;
}

// Takes everything queued, acknowledging each write.
std::vector<omnihub::v1::Event> Drain(EventSubscription& subscription) {
  std::vector<omnihub::v1::Event> out;
  while (auto next = subscription.TakeNext()) {
    out.push_back(*next);
    subscription.WriteDone();
  }
  return out;
}

TEST(EventSubscription, OneWriteInFlightAtATime) {
  int wakes = 0;
  EventSubscription subscription({}, 10, [&] { ++wakes; });
  subscription.Push(Numbered(1));
  subscription.Push(Numbered(2));
  EXPECT_EQ(wakes, 2);
  auto first = subscription.TakeNext();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->event_id(), "e1");
  EXPECT_FALSE(subscription.TakeNext().has_value()) << "a write is in flight";
  subscription.Push(Numbered(3));
  EXPECT_EQ(wakes, 2) << "no wake-up while a write is in flight";
  subscription.WriteDone();
  auto rest = Drain(subscription);
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].event_id(), "e2");
  EXPECT_EQ(rest[1].event_id(), "e3");
}

TEST(EventSubscription, OverflowIsCountedAndReportedWhereTheGapIs) {
  EventSubscription subscription({}, 3, nullptr);
  for (int i = 1; i <= 10; ++i) subscription.Push(Numbered(i));
  EXPECT_EQ(subscription.queued(), 3u);
  EXPECT_EQ(subscription.dropped_total(), 7u);
  // Room again: the next event comes after the gap.
  auto first = subscription.TakeNext();
  subscription.WriteDone();
  subscription.Push(Numbered(11));
  auto rest = Drain(subscription);
  std::vector<std::string> seen = {first->event_id()};
  for (const auto& event : rest) {
    seen.push_back(event.type() == omnihub::v1::EVENT_TYPE_EVENTS_DROPPED
                       ? "dropped:" + event.detail().substr(0, event.detail().find(' '))
                       : event.event_id());
  }
  EXPECT_EQ(seen, (std::vector<std::string>{"e1", "e2", "e3", "dropped:7", "e11"}));
}

TEST(EventSubscription, GapAtTheEndIsReportedWhenTheQueueDrains) {
  EventSubscription subscription({}, 1, nullptr);
  subscription.Push(Numbered(1));
  subscription.Push(Numbered(2));
  auto events = Drain(subscription);
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].type(), omnihub::v1::EVENT_TYPE_EVENTS_DROPPED);
  EXPECT_NE(events[1].detail().find("1 event was dropped"), std::string::npos);
}

TEST(EventSubscription, ClosedSubscriptionTakesNothing) {
  EventSubscription subscription({}, 4, nullptr);
  subscription.Close();
  EXPECT_FALSE(subscription.Push(Numbered(1)));
  EXPECT_FALSE(subscription.TakeNext().has_value());
}

TEST(EventFilter, MatchesCustomerAndTypes) {
  EventFilter filter{"C-1", {omnihub::v1::EVENT_TYPE_NOTE_ADDED}};
  EXPECT_TRUE(filter.Matches(Numbered(1, "C-1")));
  EXPECT_FALSE(filter.Matches(Numbered(1, "C-2")));
  EXPECT_FALSE(filter.Matches(Numbered(1, "C-1", omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED)));
  EXPECT_TRUE(EventFilter{}.Matches(Numbered(1, "")));
}

TEST(EventBroadcaster, ASubscriberThatNeverReadsDelaysNobody) {
  EventBroadcaster broadcaster(4);
  auto stalled = broadcaster.Subscribe({}, nullptr);
  std::vector<std::string> received;
  std::shared_ptr<EventSubscription> reader;
  reader = broadcaster.Subscribe({}, [&] {
    // A reader that keeps up: writes complete at once.
    while (auto next = reader->TakeNext()) {
      received.push_back(next->event_id());
      reader->WriteDone();
    }
  });
  for (int i = 0; i < 100; ++i) broadcaster.Publish(Numbered(i));
  EXPECT_EQ(received.size(), 100u);
  EXPECT_EQ(stalled->queued(), 4u);
  EXPECT_EQ(stalled->dropped_total(), 96u);
  const auto stats = broadcaster.stats();
  EXPECT_EQ(stats.published, 100u);
  EXPECT_EQ(stats.delivered, 104u);
  EXPECT_EQ(stats.dropped, 96u);
  broadcaster.Unsubscribe(stalled);
  broadcaster.Unsubscribe(reader);
  EXPECT_EQ(broadcaster.stats().subscribers, 0u);
}

TEST(EventBroadcaster, DeliversOnlyWhatTheFilterAsksFor) {
  EventBroadcaster broadcaster(16);
  auto jane = broadcaster.Subscribe({"C-1", {}}, nullptr);
  auto notes = broadcaster.Subscribe({"", {omnihub::v1::EVENT_TYPE_NOTE_ADDED}}, nullptr);
  broadcaster.Publish(Numbered(1, "C-1", omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED));
  broadcaster.Publish(Numbered(2, "C-2", omnihub::v1::EVENT_TYPE_NOTE_ADDED));
  EXPECT_EQ(Drain(*jane).size(), 1u);
  EXPECT_EQ(Drain(*notes).size(), 1u);
}

}  // namespace
}  // namespace omnihub::hub
