// The poslog connector fed live over ZeroMQ: a live transaction is fetchable and published as a
// POS_TRANSACTION change about its card; a receipt seen in a file and live is indexed and
// published once (either order); live settings errors are named.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <thread>

#include "adapters/events/change_codec.h"
#include "adapters/poslog/poslog_adapter.h"
#include "adapters/sdk/testing/conformance.h"
#include "tests/poslog/live_test_support.h"

namespace omnihub::poslog {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using testing_support::Document;
using testing_support::FeedPublisher;
using testing_support::Till;

constexpr const char* kDemoCard = "6335000000000003";

boost::asio::any_io_executor Executor() {
  static auto* io = new boost::asio::io_context;
  static auto* guard = new auto(boost::asio::make_work_guard(*io));
  static std::once_flag once;
  std::call_once(once, [] {
    (void)guard;
    std::thread([] { io->run(); }).detach();
  });
  return io->get_executor();
}

// The hub's side of the change bus in miniature: a SUB socket bound on a free port, which the
// connector's publisher connects to, or connected to `connect_to` (a publisher that binds).
class ChangeSink {
 public:
  explicit ChangeSink(const std::string& connect_to = "")
      : socket_(context_, zmq::socket_type::sub) {
    socket_.set(zmq::sockopt::linger, 0);
    socket_.set(zmq::sockopt::subscribe, "");
    socket_.set(zmq::sockopt::rcvtimeo, 50);
    if (connect_to.empty()) {
      socket_.bind("tcp://127.0.0.1:*");
      endpoint_ = socket_.get(zmq::sockopt::last_endpoint);
    } else {
      socket_.connect(connect_to);
      endpoint_ = connect_to;
    }
  }
  const std::string& endpoint() const { return endpoint_; }
  // The next change, if one arrives within about 50 ms.
  std::optional<events::BackendChange> Next() {
    zmq::message_t topic, payload;
    if (!socket_.recv(topic)) return std::nullopt;
    if (!topic.more() || !socket_.recv(payload)) return std::nullopt;
    auto change = events::DecodeChange(topic.to_string_view(), payload.to_string_view());
    EXPECT_TRUE(change.ok()) << change.status();
    if (!change.ok()) return std::nullopt;
    return *change;
  }

 private:
  zmq::context_t context_{1};
  zmq::socket_t socket_;
  std::string endpoint_;
};

struct TempDir {
  fs::path path;
  TempDir() {
    static int counter = 0;
    path = fs::temp_directory_path() /
           ("poslog-live-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path, ignored);
  }
};

std::unique_ptr<sdk::Adapter> Make(std::map<std::string, std::string> settings) {
  sdk::AdapterConfig config{"pos", "poslog", std::move(settings), "test.xml:1"};
  auto adapter = MakePoslogAdapter(config, sdk::AdapterEnvironment{Executor()});
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  return adapter.ok() ? *std::move(adapter) : nullptr;
}

absl::StatusOr<sdk::SourceData> FetchDemo(sdk::Adapter& adapter) {
  sdk::FetchRequest request;
  request.account_ids = {kDemoCard};
  request.sections = {v1::SECTION_ORDERS, v1::SECTION_CONTACTS};
  request.recent_limit = 100;
  return sdk::testing::FetchAndWait(adapter, request,
                                    sdk::CallContext::WithTimeout(std::chrono::seconds(5)));
}

// The next change within about 10 s.
std::optional<events::BackendChange> NextChange(ChangeSink& changes) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    if (auto change = changes.Next()) return change;
  }
  return std::nullopt;
}

// Sends a new transaction each round until the connector publishes a change (both PUB/SUB hops
// join asynchronously), then takes the changes of the transactions sent meanwhile, up to the last
// one: once one change got through, every later one does. Returns the first change, or nullopt
// after about 10 s.
std::optional<events::BackendChange> Join(FeedPublisher& feed, ChangeSink& changes,
                                          int64_t& sequence) {
  for (int attempt = 0; attempt < 200; ++attempt) {
    feed.Send({"poslog/S900", Document({{"S900", ++sequence}})});
    auto first = changes.Next();
    if (!first) continue;
    const std::string last = "S900-R01-2026-11-29-" + std::to_string(sequence);
    for (auto change = first; change && change->subject() != last;) {
      change = NextChange(changes);
      if (!change) {
        ADD_FAILURE() << "no change for " << last;
        return std::nullopt;
      }
    }
    return first;
  }
  return std::nullopt;
}

std::map<std::string, uint64_t> Counters(const sdk::Adapter& adapter) {
  std::map<std::string, uint64_t> counters;
  for (const auto& counter : adapter.Counters()) counters[counter.name] = counter.value;
  return counters;
}

size_t OrdersNumbered(const sdk::SourceData& data, const std::string& number) {
  size_t n = 0;
  for (const auto& order : data.orders) n += order.order_number() == number;
  return n;
}

TEST(PoslogLiveAdapterTest, LiveTransactionIsFetchableAndPublishedAsAChange) {
  FeedPublisher feed("tcp://127.0.0.1:*");
  ChangeSink changes;
  auto adapter = Make({{"feed", feed.endpoint()}, {"publish_changes", changes.endpoint()}});
  ASSERT_NE(adapter, nullptr);
  int64_t sequence = 0;
  auto first = Join(feed, changes, sequence);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->type(), v1::EVENT_TYPE_POS_TRANSACTION);
  EXPECT_EQ(first->system(), "pos");
  EXPECT_EQ(first->account_id(), kDemoCard);
  EXPECT_EQ(first->event_id(), "pos-" + first->subject());
  EXPECT_THAT(first->subject(), ::testing::StartsWith("S900-R01-2026-11-29-"));
  EXPECT_THAT(first->detail(), HasSubstr("Sale at store S900 register R01: 1 line, 12.50 GBP"));
  ASSERT_EQ(first->affected_sections_size(), 1);
  EXPECT_EQ(first->affected_sections(0), v1::SECTION_ORDERS);

  // A return in the live stream: the store contacts are out of date too.
  feed.Send({"poslog/S900", Document({{"S900", ++sequence, /*is_return=*/true}})});
  auto change = NextChange(changes);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->subject(), "S900-R01-2026-11-29-" + std::to_string(sequence));
  EXPECT_THAT(change->detail(), HasSubstr("Return at store S900"));
  EXPECT_THAT(change->affected_sections(),
              ::testing::ElementsAre(v1::SECTION_ORDERS, v1::SECTION_CONTACTS));

  auto data = FetchDemo(*adapter);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(OrdersNumbered(*data, change->subject()), 1u);
  EXPECT_EQ(OrdersNumbered(*data, first->subject()), 1u);
  EXPECT_EQ(data->contacts.size(), 1u);
}

TEST(PoslogLiveAdapterTest, ReceiptInAFileAndLiveIsIndexedAndPublishedOnce) {
  TempDir drop;
  // The backlog: one of Jane's receipts, already in the index before the feed starts.
  std::ofstream(drop.path / "backlog.xml") << Document({{"S042", 5001}});
  FeedPublisher feed("tcp://127.0.0.1:*");
  ChangeSink changes;
  auto adapter = Make({{"drop_dir", drop.path.string()},
                       {"poll_ms", "10"},
                       {"feed", feed.endpoint()},
                       {"publish_changes", changes.endpoint()}});
  ASSERT_NE(adapter, nullptr);
  int64_t sequence = 0;
  ASSERT_TRUE(Join(feed, changes, sequence).has_value());
  const auto joined = Counters(*adapter);

  // File first, then live: the live copy is a duplicate, announced by nobody.
  feed.Send({"poslog/S042", Document({{"S042", 5001}})});
  feed.Send({"poslog/S900", Document({{"S900", ++sequence}})});
  auto change = NextChange(changes);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->subject(), "S900-R01-2026-11-29-" + std::to_string(sequence));

  // Live first, then in a dropped file with a new receipt: only the new one is announced.
  const int64_t live = ++sequence;
  feed.Send({"poslog/S900", Document({{"S900", live}})});
  change = NextChange(changes);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->subject(), "S900-R01-2026-11-29-" + std::to_string(live));
  const int64_t only_in_file = ++sequence;
  {
    std::ofstream out(drop.path / "S900-2026-11-29.xml.part");
    out << Document({{"S900", live}, {"S900", only_in_file}});
  }
  fs::rename(drop.path / "S900-2026-11-29.xml.part", drop.path / "S900-2026-11-29.xml");
  change = NextChange(changes);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->subject(), "S900-R01-2026-11-29-" + std::to_string(only_in_file));

  auto data = FetchDemo(*adapter);
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(OrdersNumbered(*data, "S042-R01-2026-11-29-5001"), 1u);
  EXPECT_EQ(OrdersNumbered(*data, "S900-R01-2026-11-29-" + std::to_string(live)), 1u);
  EXPECT_EQ(OrdersNumbered(*data, "S900-R01-2026-11-29-" + std::to_string(only_in_file)), 1u);

  // What the connector counted since it joined: three live messages (one a duplicate), one file
  // (counted when its sweep ends, just after its change went out), three new receipts.
  auto counters = Counters(*adapter);
  for (int i = 0; i < 500 && counters.at("files_processed") < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    counters = Counters(*adapter);
  }
  EXPECT_EQ(counters.at("files_processed"), 2u);  // the backlog and S900's file
  EXPECT_EQ(counters.at("files_quarantined"), 0u);
  EXPECT_EQ(counters.at("transactions_indexed") - joined.at("transactions_indexed"), 3u);
  EXPECT_EQ(counters.at("duplicates_ignored") - joined.at("duplicates_ignored"), 2u);
  EXPECT_EQ(counters.at("live_messages") - joined.at("live_messages"), 3u);
  EXPECT_EQ(counters.at("live_rejected"), 0u);
  EXPECT_EQ(counters.at("changes_unpublished"), 0u);
}

TEST(PoslogLiveAdapterTest, PublisherMayBindForAHubSubscribingDirectly) {
  const std::string endpoint =
      "ipc://" +
      (fs::temp_directory_path() / ("poslog-changes-" + std::to_string(::getpid()) + ".ipc"))
          .string();
  FeedPublisher feed("tcp://127.0.0.1:*");
  auto adapter = Make(
      {{"feed", feed.endpoint()}, {"publish_changes", endpoint}, {"publish_changes_bind", "true"}});
  ASSERT_NE(adapter, nullptr);
  ChangeSink changes(endpoint);
  int64_t sequence = 0;
  auto first = Join(feed, changes, sequence);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->type(), v1::EVENT_TYPE_POS_TRANSACTION);
  adapter.reset();
  std::error_code ignored;
  fs::remove(endpoint.substr(6), ignored);
}

TEST(PoslogLiveAdapterTest, TheStartUpBacklogIsNotAnnounced) {
  TempDir drop;
  std::ofstream(drop.path / "backlog.xml") << Document({{"S042", 7001}, {"S042", 7002}});
  FeedPublisher feed("tcp://127.0.0.1:*");
  ChangeSink changes;
  auto adapter = Make({{"drop_dir", drop.path.string()},
                       {"feed", feed.endpoint()},
                       {"publish_changes", changes.endpoint()}});
  ASSERT_NE(adapter, nullptr);
  int64_t sequence = 0;
  auto first = Join(feed, changes, sequence);
  ASSERT_TRUE(first.has_value());
  EXPECT_THAT(first->subject(), ::testing::StartsWith("S900-"));
}

TEST(PoslogLiveAdapterTest, LiveSettingsErrorsAreNamed) {
  sdk::AdapterEnvironment environment{Executor()};
  auto neither = MakePoslogAdapter({"pos", "poslog", {}, "hubd.xml:9"}, environment);
  ASSERT_FALSE(neither.ok());
  EXPECT_THAT(std::string(neither.status().message()), HasSubstr("'drop_dir'"));
  EXPECT_THAT(std::string(neither.status().message()), HasSubstr("'feed'"));

  auto malformed = MakePoslogAdapter(
      {"pos", "poslog", {{"feed", "tcp://127.0.0.1:5556, nonsense"}}, "x:1"}, environment);
  ASSERT_FALSE(malformed.ok());
  EXPECT_THAT(std::string(malformed.status().message()), HasSubstr("nonsense"));

  std::string seventeen;
  for (int i = 0; i < 17; ++i) seventeen += "tcp://127.0.0.1:" + std::to_string(6000 + i) + " ";
  auto many = MakePoslogAdapter({"pos", "poslog", {{"feed", seventeen}}, "x:1"}, environment);
  ASSERT_FALSE(many.ok());
  EXPECT_THAT(std::string(many.status().message()), HasSubstr("at most 16"));

  auto size = MakePoslogAdapter(
      {"pos", "poslog", {{"feed", "tcp://127.0.0.1:5556"}, {"max_message_bytes", "10"}}, "x:1"},
      environment);
  ASSERT_FALSE(size.ok());
  EXPECT_THAT(std::string(size.status().message()), HasSubstr("max_message_bytes"));

  auto system = MakePoslogAdapter(
      {"Store Tills",
       "poslog",
       {{"feed", "tcp://127.0.0.1:5556"}, {"publish_changes", "tcp://127.0.0.1:5570"}},
       "x:1"},
      environment);
  ASSERT_FALSE(system.ok());
  EXPECT_THAT(std::string(system.status().message()), HasSubstr("cannot publish changes"));

  auto publish = MakePoslogAdapter(
      {"pos", "poslog", {{"feed", "tcp://127.0.0.1:5556"}, {"publish_changes", "nowhere"}}, "x:1"},
      environment);
  ASSERT_FALSE(publish.ok());
  EXPECT_THAT(std::string(publish.status().message()), HasSubstr("nowhere"));

  // The live feed alone is a valid connector; nobody publishing yet is not an error.
  auto live_only = Make({{"feed", "tcp://127.0.0.1:1"}});
  EXPECT_NE(live_only, nullptr);
}

}  // namespace
}  // namespace omnihub::poslog

// FetchAndWait comes with the conformance kit, which runs in poslog_adapter_test, not here.
namespace omnihub::sdk::testing {
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(AdapterConformance);
}  // namespace omnihub::sdk::testing
