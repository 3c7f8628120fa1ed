// The POSLog live feed over ZeroMQ (loopback TCP on a free port, or an ipc path for the restart):
// documents in, transactions out; hostile messages (frames, topics, not XML, DOCTYPE, another
// store's transaction, oversized) counted with their reason while the feed carries on; a
// publisher that stops and starts again mid-stream.
#include "adapters/poslog/live_feed.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>

#include "tests/poslog/live_test_support.h"

namespace omnihub::poslog {
namespace {

using ::testing::HasSubstr;
using testing_support::Document;
using testing_support::FeedPublisher;

// What the feed handed over, waited on without sleeping.
class Collector {
 public:
  void Add(PoslogTransaction transaction) {
    std::lock_guard lock(mutex_);
    transactions_.push_back(std::move(transaction));
    changed_.notify_all();
  }
  void Reject(const absl::Status& reason) {
    std::lock_guard lock(mutex_);
    reasons_.push_back(std::string(reason.message()));
    changed_.notify_all();
  }
  // True once a transaction with `receipt` has arrived; waits up to `wait`.
  bool WaitFor(const std::string& receipt, std::chrono::milliseconds wait) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, wait, [&] { return HasLocked(receipt); });
  }
  size_t Count(const std::string& receipt) {
    std::lock_guard lock(mutex_);
    size_t n = 0;
    for (const auto& t : transactions_) n += t.ReceiptNumber() == receipt;
    return n;
  }
  std::vector<std::string> reasons() {
    std::lock_guard lock(mutex_);
    return reasons_;
  }
  size_t size() {
    std::lock_guard lock(mutex_);
    return transactions_.size();
  }

 private:
  bool HasLocked(const std::string& receipt) const {
    for (const auto& t : transactions_) {
      if (t.ReceiptNumber() == receipt) return true;
    }
    return false;
  }
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<PoslogTransaction> transactions_;
  std::vector<std::string> reasons_;
};

std::unique_ptr<LiveFeed> StartFeed(const std::string& endpoint, Collector& collector,
                                    PoslogLimits limits = {}) {
  LiveFeedOptions options;
  options.endpoints = {endpoint};
  options.limits = limits;
  auto feed = LiveFeed::Start(
      options, [&collector](PoslogTransaction t) { collector.Add(std::move(t)); },
      [&collector](const absl::Status& reason) { collector.Reject(reason); });
  EXPECT_TRUE(feed.ok()) << feed.status();
  return feed.ok() ? *std::move(feed) : nullptr;
}

// Sends `document` from `store` until the feed has handed over `receipt` (PUB/SUB joins
// asynchronously: what is sent before the subscription arrives is lost).
bool SendUntilSeen(FeedPublisher& publisher, Collector& collector, const std::string& store,
                   const std::string& document, const std::string& receipt) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    publisher.Send({"poslog/" + store, document});
    if (collector.WaitFor(receipt, std::chrono::milliseconds(50))) return true;
  }
  return false;
}

TEST(StoreOfTopicTest, TakesTheStoreIdAfterThePrefix) {
  EXPECT_EQ(*StoreOfTopic("poslog/S042"), "S042");
  EXPECT_FALSE(StoreOfTopic("poslog/").ok());
  EXPECT_FALSE(StoreOfTopic("erp/1").ok());
  EXPECT_FALSE(StoreOfTopic("poslog/S 042").ok());
  EXPECT_FALSE(StoreOfTopic("poslog/" + std::string(33, 'S')).ok());
  EXPECT_THAT(std::string(StoreOfTopic(std::string("poslog/\x01\xff", 9)).status().message()),
              HasSubstr("store id"));
}

TEST(LiveFeedTest, RefusesBadEndpoints) {
  auto none = LiveFeed::Start({}, nullptr, nullptr);
  EXPECT_EQ(none.status().code(), absl::StatusCode::kInvalidArgument);
  LiveFeedOptions malformed;
  malformed.endpoints = {"not-an-endpoint"};
  auto bad = LiveFeed::Start(malformed, nullptr, nullptr);
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("not-an-endpoint"));
  LiveFeedOptions many;
  many.endpoints.assign(kMaxFeedEndpoints + 1, "tcp://127.0.0.1:5556");
  EXPECT_EQ(LiveFeed::Start(many, nullptr, nullptr).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(LiveFeedTest, HandsOverEveryTransactionOfEachDocument) {
  FeedPublisher publisher("tcp://127.0.0.1:*");
  Collector collector;
  auto feed = StartFeed(publisher.endpoint(), collector);
  ASSERT_NE(feed, nullptr);
  ASSERT_TRUE(SendUntilSeen(publisher, collector, "S001", Document({{"S001", 1}}),
                            "S001-R01-2026-11-29-1"));
  publisher.Send({"poslog/S002", Document({{"S002", 7}, {"S002", 8, true}, {"S002", 9}})});
  ASSERT_TRUE(collector.WaitFor("S002-R01-2026-11-29-9", std::chrono::seconds(10)));
  EXPECT_EQ(collector.Count("S002-R01-2026-11-29-7"), 1u);
  EXPECT_EQ(collector.Count("S002-R01-2026-11-29-8"), 1u);
  LiveFeedStats stats = feed->stats();
  EXPECT_GE(stats.messages, 2u);
  EXPECT_EQ(stats.transactions, collector.size());
  EXPECT_EQ(stats.rejected, 0u);
}

TEST(LiveFeedTest, HostileMessagesAreRejectedWithTheReasonAndTheFeedCarriesOn) {
  FeedPublisher publisher("tcp://127.0.0.1:*");
  Collector collector;
  auto feed = StartFeed(publisher.endpoint(), collector);
  ASSERT_NE(feed, nullptr);
  ASSERT_TRUE(SendUntilSeen(publisher, collector, "S001", Document({{"S001", 1}}),
                            "S001-R01-2026-11-29-1"));
  const std::string good = Document({{"S001", 2}});
  publisher.Send({"poslog/S001"});                                   // one frame
  publisher.Send({"poslog/S001", good, "trailing"});                 // three frames
  publisher.Send({"poslog/S 001", good});                            // bad store id
  publisher.Send({"poslog/S001", "this is not XML"});                // not XML
  publisher.Send({"poslog/S001", good.substr(0, good.size() / 2)});  // truncated
  publisher.Send({"poslog/S001",
                  "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 "
                  "\"&lol;&lol;&lol;&lol;\">]><POSLog xmlns=\"http://www.nrf-arts.org/IXRetail/"
                  "namespace/\">&lol2;</POSLog>"});                       // entity expansion
  publisher.Send({"poslog/S001", Document({{"S001", 3}, {"S999", 4}})});  // another store's
  publisher.Send({"poslog/S001", Document({{"S001", 5}}, "1.2.3")});      // bad amount
  publisher.Send({"poslog/S001", good});
  ASSERT_TRUE(collector.WaitFor("S001-R01-2026-11-29-2", std::chrono::seconds(10)));
  const auto reasons = collector.reasons();
  ASSERT_EQ(reasons.size(), 8u) << ::testing::PrintToString(reasons);
  EXPECT_THAT(reasons[0], HasSubstr("expected 2 frames (topic, document), got 1"));
  EXPECT_THAT(reasons[1], HasSubstr("got 3"));
  EXPECT_THAT(reasons[2], HasSubstr("store id"));
  EXPECT_THAT(reasons[3], HasSubstr("store S001"));
  EXPECT_THAT(reasons[6], HasSubstr("holds transaction S999-R01-2026-11-29-4 of store S999"));
  EXPECT_THAT(reasons[7], HasSubstr("1.2.3"));
  EXPECT_EQ(feed->stats().rejected, 8u);
  // Nothing of a rejected document got through, not even its first, valid transaction.
  EXPECT_EQ(collector.Count("S001-R01-2026-11-29-3"), 0u);
  EXPECT_EQ(collector.Count("S001-R01-2026-11-29-5"), 0u);
}

TEST(LiveFeedTest, OversizedMessageIsRefusedByZeroMqAndTheFeedCarriesOn) {
  FeedPublisher publisher("tcp://127.0.0.1:*");
  Collector collector;
  PoslogLimits limits;
  limits.max_document_bytes = 4096;
  // By host name: the reconnect must find the endpoint as configured.
  std::string endpoint = publisher.endpoint();
  endpoint.replace(endpoint.find("127.0.0.1"), 9, "localhost");
  auto feed = StartFeed(endpoint, collector, limits);
  ASSERT_NE(feed, nullptr);
  ASSERT_TRUE(SendUntilSeen(publisher, collector, "S001", Document({{"S001", 1}}),
                            "S001-R01-2026-11-29-1"));
  std::vector<testing_support::Till> many;
  for (int64_t n = 100; n < 140; ++n) many.push_back({"S001", n});
  const std::string oversized = Document(many);
  ASSERT_GT(oversized.size(), limits.max_document_bytes);
  publisher.Send({"poslog/S001", oversized});
  // ZeroMQ dropped the connection carrying it and reconnects; later messages arrive.
  ASSERT_TRUE(SendUntilSeen(publisher, collector, "S001", Document({{"S001", 2}}),
                            "S001-R01-2026-11-29-2"));
  EXPECT_EQ(collector.Count("S001-R01-2026-11-29-100"), 0u);
  EXPECT_GE(feed->stats().reconnects, 1u);
  EXPECT_EQ(feed->stats().rejected, 0u);
  EXPECT_THAT(collector.reasons(),
              ::testing::Contains(::testing::AllOf(HasSubstr("connection to tcp://localhost:"),
                                                   HasSubstr("over 4096 bytes"))));
}

TEST(LiveFeedTest, PublisherRestartedMidStreamKeepsFeeding) {
  const std::string endpoint = "ipc://" + (std::filesystem::temp_directory_path() /
                                           ("poslog-feed-" + std::to_string(::getpid()) + ".ipc"))
                                              .string();
  Collector collector;
  auto feed = StartFeed(endpoint, collector);
  ASSERT_NE(feed, nullptr);
  {
    FeedPublisher first(endpoint);
    ASSERT_TRUE(
        SendUntilSeen(first, collector, "S001", Document({{"S001", 1}}), "S001-R01-2026-11-29-1"));
    first.Send({"poslog/S001", Document({{"S001", 2}})});
    ASSERT_TRUE(collector.WaitFor("S001-R01-2026-11-29-2", std::chrono::seconds(10)));
  }  // the store's publisher stops
  FeedPublisher second(endpoint);
  ASSERT_TRUE(
      SendUntilSeen(second, collector, "S001", Document({{"S001", 3}}), "S001-R01-2026-11-29-3"));
  second.Send({"poslog/S001", Document({{"S001", 4}})});
  ASSERT_TRUE(collector.WaitFor("S001-R01-2026-11-29-4", std::chrono::seconds(10)));
  EXPECT_EQ(feed->stats().rejected, 0u);
  EXPECT_GE(feed->stats().reconnects, 1u);
  std::error_code ignored;
  std::filesystem::remove(endpoint.substr(6), ignored);
}

}  // namespace
}  // namespace omnihub::poslog
