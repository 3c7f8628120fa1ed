// The poslog connector on a drop directory holding the world's POS transactions as a backlog:
// the conformance kit, the demo customer's store orders and returns, settings errors.
#include "adapters/poslog/poslog_adapter.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "adapters/poslog/poslog_writer.h"
#include "adapters/sdk/testing/conformance.h"

namespace omnihub::poslog {
namespace {

namespace fs = std::filesystem;
using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;

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

const world::World& World() {
  static const world::World* generated = [] {
    world::GeneratorOptions options;
    options.customers = 200;
    return new world::World(world::Generate(options));
  }();
  return *generated;
}

// Removes the drop directories this process made when it exits.
struct Cleanup {
  std::vector<fs::path> dirs;
  ~Cleanup() {
    std::error_code ignored;
    for (const auto& dir : dirs) fs::remove_all(dir, ignored);
  }
};

// A fresh drop directory holding the whole world's POS transactions as one backlog file.
fs::path Backlog() {
  static Cleanup cleanup;
  static std::atomic<int> counter{0};
  fs::path dir = fs::temp_directory_path() /
                 ("poslog-adapter-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(dir);
  fs::create_directories(dir);
  cleanup.dirs.push_back(dir);
  std::ofstream(dir / "backlog.xml") << WritePoslog(World().pos_transactions);
  return dir;
}

std::unique_ptr<sdk::Adapter> Make(std::map<std::string, std::string> settings) {
  sdk::AdapterConfig config{"pos", "poslog", std::move(settings), "test.xml:1"};
  auto adapter = MakePoslogAdapter(config, sdk::AdapterEnvironment{Executor()});
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  return adapter.ok() ? *std::move(adapter) : nullptr;
}

ConformanceTarget Target() {
  ConformanceTarget target;
  target.name = "poslog";
  target.make_healthy = [] { return Make({{"drop_dir", Backlog().string()}}); };
  target.known_accounts = {kDemoCard};
  for (size_t i = 0; i < World().pos_transactions.size() && target.known_accounts.size() < 4; ++i) {
    std::string card = world::DigitsOnly(World().pos_transactions[i].loyalty_card);
    if (card != target.known_accounts.back()) target.known_accounts.push_back(card);
  }
  target.unknown_account = "6335000000000011";
  return target;
}

INSTANTIATE_TEST_SUITE_P(Poslog, AdapterConformance, ::testing::Values(Target()),
                         sdk::testing::ConformanceName);

TEST(PoslogAdapterTest, DemoCustomerStoreOrdersAndReturns) {
  auto adapter = Make({{"drop_dir", Backlog().string()}});
  ASSERT_NE(adapter, nullptr);
  sdk::FetchRequest request;
  request.account_ids = {kDemoCard};
  request.sections = {v1::SECTION_ORDERS, v1::SECTION_CONTACTS};
  request.recent_limit = 100;
  auto data = sdk::testing::FetchAndWait(*adapter, request,
                                         sdk::CallContext::WithTimeout(std::chrono::seconds(5)));
  ASSERT_TRUE(data.ok()) << data.status();
  size_t expected = 0, returns = 0;
  for (const auto& t : World().pos_transactions) {
    if (world::DigitsOnly(t.loyalty_card) != kDemoCard) continue;
    ++expected;
    if (t.is_return) ++returns;
  }
  ASSERT_GT(expected, 0u);
  EXPECT_EQ(data->orders.size(), expected);
  EXPECT_EQ(data->contacts.size(), returns);
  for (size_t i = 1; i < data->orders.size(); ++i) {
    EXPECT_GE(data->orders[i - 1].placed_at().seconds(), data->orders[i].placed_at().seconds());
  }
  for (const auto& order : data->orders) {
    EXPECT_EQ(order.channel(), v1::CHANNEL_STORE);
    EXPECT_EQ(order.source_system(), "pos");
    EXPECT_EQ(order.order_id(), "pos:" + order.order_number());
    EXPECT_EQ(order.total().currency_code(), "GBP");
  }
  for (const auto& contact : data->contacts) {
    EXPECT_EQ(contact.summary().rfind("Return at ", 0), 0u) << contact.summary();
  }
}

TEST(PoslogAdapterTest, CountersSayWhatTheDropDirectoryHeld) {
  const fs::path dir = Backlog();
  std::ofstream(dir / "broken.xml") << "<POSLog><Transaction>";  // truncated: quarantined
  auto adapter = Make({{"drop_dir", dir.string()}});
  ASSERT_NE(adapter, nullptr);
  std::map<std::string, uint64_t> counters;
  for (const auto& counter : adapter->Counters()) counters[counter.name] = counter.value;
  EXPECT_EQ(counters.at("files_processed"), 1u);
  EXPECT_EQ(counters.at("files_quarantined"), 1u);
  EXPECT_GT(counters.at("transactions_indexed"), 0u);
  EXPECT_LE(counters.at("transactions_indexed"), World().pos_transactions.size());
  EXPECT_GT(counters.at("loyalty_cards"), 0u);
  EXPECT_EQ(counters.at("duplicates_ignored"), 0u);
  EXPECT_EQ(counters.count("live_messages"), 0u) << "no live feed configured";
  EXPECT_TRUE(fs::exists(dir / "quarantine" / "broken.xml"));
}

TEST(PoslogAdapterTest, SettingsErrorsAreNamed) {
  sdk::AdapterEnvironment environment{Executor()};
  auto missing = MakePoslogAdapter({"pos", "poslog", {}, "hubd.xml:9"}, environment);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("drop_dir"), std::string::npos) << missing.status();
  auto bad = MakePoslogAdapter(
      {"pos", "poslog", {{"drop_dir", "/nonexistent/poslog"}, {"max_per_card", "0"}}, "x:1"},
      environment);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("max_per_card"), std::string::npos) << bad.status();
  auto no_dir = MakePoslogAdapter({"pos", "poslog", {{"drop_dir", "/nonexistent/poslog"}}, "x:1"},
                                  environment);
  ASSERT_FALSE(no_dir.ok());
  EXPECT_NE(no_dir.status().message().find("is not a directory"), std::string::npos);
  auto currency = MakePoslogAdapter(
      {"pos", "poslog", {{"drop_dir", Backlog().string()}, {"currency", "pounds"}}, "x:1"},
      environment);
  ASSERT_FALSE(currency.ok());
  EXPECT_NE(currency.status().message().find("currency"), std::string::npos);
}

// A `mapping` setting names the mapping file, relative to the configuration file.
TEST(PoslogAdapterTest, MappingSettingNamesTheMappingFile) {
  sdk::AdapterEnvironment environment{Executor()};
  auto make = [&](const std::string& name, const std::string& mapping) {
    return MakePoslogAdapter({name,
                              "poslog",
                              {{"drop_dir", Backlog().string()}, {"mapping", mapping}},
                              OMNIHUB_MAPPINGS_DIR "/hubd.xml:12"},  // as if beside systems/
                             environment);
  };
  auto ok = make("pos", "systems/pos.xml");
  EXPECT_TRUE(ok.ok()) << ok.status();
  auto renamed = make("tills", "systems/pos.xml");
  ASSERT_FALSE(renamed.ok());
  EXPECT_NE(renamed.status().message().find("describes system 'pos'; name the adapter 'pos'"),
            std::string::npos)
      << renamed.status();
  auto other = make("pos", "systems/payment.xml");
  ASSERT_FALSE(other.ok());
  EXPECT_NE(other.status().message().find("is for connector 'http-xml'"), std::string::npos)
      << other.status();
}

}  // namespace
}  // namespace omnihub::poslog
