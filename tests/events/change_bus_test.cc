// The ZeroMQ change bus over loopback TCP: a publisher, a subscriber, and a hostile peer that
// sends garbage, which is rejected and counted while valid changes keep flowing.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "adapters/events/change_publisher.h"
#include "adapters/events/change_subscriber.h"
#include "adapters/events/event_forwarder.h"

namespace omnihub::events {
namespace {

using namespace std::chrono_literals;

BackendChange Change(const std::string& id) {
  BackendChange change;
  change.set_event_id(id);
  change.set_type(omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1793534400);
  change.set_system("erp");
  change.set_account_id("C0100001");
  change.set_subject("W1000002");
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  return change;
}

// Collects what a subscriber hands over; waits (bounded) for a condition.
class Collector {
 public:
  void Add(const BackendChange& change) {
    std::lock_guard lock(mutex_);
    ids_.push_back(change.event_id());
    changed_.notify_all();
  }
  void Reject(const absl::Status& status) {
    std::lock_guard lock(mutex_);
    rejections_.emplace_back(status.message());
    changed_.notify_all();
  }
  bool WaitFor(const std::string& id, std::chrono::milliseconds limit) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, limit,
                             [&] { return std::find(ids_.begin(), ids_.end(), id) != ids_.end(); });
  }
  std::vector<std::string> rejections() {
    std::lock_guard lock(mutex_);
    return rejections_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<std::string> ids_;
  std::vector<std::string> rejections_;
};

// PUB/SUB joins asynchronously ("slow joiner"): publish a probe until the subscriber sees it.
bool Joined(ChangePublisher& publisher, Collector& collector) {
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string probe = "probe-" + std::to_string(attempt);
    EXPECT_TRUE(publisher.Publish(Change(probe)).ok());
    if (collector.WaitFor(probe, 100ms)) return true;
  }
  return false;
}

TEST(ChangeBus, DeliversPublishedChanges) {
  auto publisher = ChangePublisher::Create({"tcp://127.0.0.1:*", true});
  ASSERT_TRUE(publisher.ok()) << publisher.status();
  Collector collector;
  auto subscriber = ChangeSubscriber::Start(
      {{(*publisher)->endpoint()}, {}}, [&](const BackendChange& c) { collector.Add(c); },
      [&](const absl::Status& s) { collector.Reject(s); });
  ASSERT_TRUE(subscriber.ok()) << subscriber.status();
  ASSERT_TRUE(Joined(**publisher, collector));
  ASSERT_TRUE((*publisher)->Publish(Change("real-1")).ok());
  EXPECT_TRUE(collector.WaitFor("real-1", 5s));
  EXPECT_TRUE(collector.rejections().empty());
}

TEST(ChangeBus, PublisherRefusesInvalidChanges) {
  auto publisher = ChangePublisher::Create({"tcp://127.0.0.1:*", true});
  ASSERT_TRUE(publisher.ok());
  BackendChange bad = Change("x");
  bad.clear_account_id();
  EXPECT_EQ((*publisher)->Publish(bad).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ((*publisher)->published(), 0u);
}

TEST(ChangeBus, MalformedEndpointsAreRefused) {
  EXPECT_EQ(ChangePublisher::Create({"nonsense", true}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(ChangeSubscriber::Start({{}, {}}, nullptr, nullptr).ok());
  EXPECT_FALSE(ChangeSubscriber::Start({{"bogus://x"}, {}}, nullptr, nullptr).ok());
}

TEST(ChangeBus, GarbageFromAHostilePeerIsRejectedAndTheBusCarriesOn) {
  zmq::context_t context;
  zmq::socket_t hostile(context, zmq::socket_type::pub);
  hostile.bind("tcp://127.0.0.1:*");
  const std::string endpoint = hostile.get(zmq::sockopt::last_endpoint);
  Collector collector;
  auto subscriber = ChangeSubscriber::Start(
      {{endpoint}, {}}, [&](const BackendChange& c) { collector.Add(c); },
      [&](const absl::Status& s) { collector.Reject(s); });
  ASSERT_TRUE(subscriber.ok());

  const auto send_valid = [&](const std::string& id) {
    auto encoded = EncodeChange(Change(id));
    hostile.send(zmq::buffer(encoded->topic), zmq::send_flags::sndmore);
    hostile.send(zmq::buffer(encoded->payload));
  };
  // PUB/SUB joins asynchronously: send probes until one arrives.
  const auto join = [&](const std::string& prefix) {
    for (int attempt = 0; attempt < 100; ++attempt) {
      const std::string probe = prefix + std::to_string(attempt);
      send_valid(probe);
      if (collector.WaitFor(probe, 100ms)) return true;
    }
    return false;
  };
  ASSERT_TRUE(join("probe-"));

  hostile.send(zmq::str_buffer("erp/1"));  // one frame only
  hostile.send(zmq::str_buffer("erp/1"), zmq::send_flags::sndmore);
  hostile.send(zmq::str_buffer("not a protobuf \xff\xff"));
  hostile.send(zmq::str_buffer("a"), zmq::send_flags::sndmore);  // three frames
  hostile.send(zmq::str_buffer("b"), zmq::send_flags::sndmore);
  hostile.send(zmq::str_buffer("c"));
  hostile.send(zmq::str_buffer("erp/1"), zmq::send_flags::sndmore);  // oversized
  hostile.send(zmq::buffer(std::string(kMaxChangeBytes * 2, 'x')));
  send_valid("after-garbage");
  EXPECT_TRUE(collector.WaitFor("after-garbage", 5s));

  const auto rejections = collector.rejections();
  ASSERT_EQ(rejections.size(), 4u);
  EXPECT_NE(rejections[0].find("got 1"), std::string::npos) << rejections[0];
  EXPECT_NE(rejections[1].find("not a serialised"), std::string::npos) << rejections[1];
  EXPECT_NE(rejections[2].find("got 3"), std::string::npos) << rejections[2];
  EXPECT_NE(rejections[3].find("larger than 64 KiB"), std::string::npos) << rejections[3];
  EXPECT_EQ((*subscriber)->stats().rejected, 4u);
}

TEST(EventForwarder, EveryHubBehindTheForwarderReceivesEveryChange) {
  auto forwarder = EventForwarder::Start("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
  ASSERT_TRUE(forwarder.ok()) << forwarder.status();
  auto publisher = ChangePublisher::Create({(*forwarder)->frontend(), /*bind=*/false});
  ASSERT_TRUE(publisher.ok()) << publisher.status();
  Collector first_hub;
  Collector second_hub;
  auto first = ChangeSubscriber::Start(
      {{(*forwarder)->backend()}, {}}, [&](const BackendChange& c) { first_hub.Add(c); }, nullptr);
  auto second = ChangeSubscriber::Start(
      {{(*forwarder)->backend()}, {}}, [&](const BackendChange& c) { second_hub.Add(c); }, nullptr);
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(Joined(**publisher, first_hub));
  ASSERT_TRUE(Joined(**publisher, second_hub));
  ASSERT_TRUE((*publisher)->Publish(Change("to-all")).ok());
  EXPECT_TRUE(first_hub.WaitFor("to-all", 5s));
  EXPECT_TRUE(second_hub.WaitFor("to-all", 5s));
  (*forwarder)->Stop();
}

}  // namespace
}  // namespace omnihub::events
