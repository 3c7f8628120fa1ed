// The tn3270 connector with the shipped mapping (mappings/systems/mainframe.xml) against the
// in-process mainframe simulator: the adapter conformance kit (healthy, slow, refusing and
// garbage-speaking hosts), the demo customer's profile, store card and notes, adding a note,
// error screens, dropped sessions, and the factory's settings checks.
#include "adapters/tn3270/connector/tn3270_adapter.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <thread>

#include "adapters/sdk/testing/conformance.h"
#include "mainframe_adapter.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;
using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;
using sdk::testing::FetchAndWait;
using testing::IoThreads;
using testing::RunningSim;

// Shared by every test of this binary (never destroyed: adapters made by the conformance kit may
// still hold sessions when the process ends).
IoThreads& Io() {
  static auto* io = new IoThreads(2);
  return *io;
}

void SetCredentials() {
  setenv("OMNIHUB_MAINFRAME_USER", "CSR0001", 1);
  setenv("OMNIHUB_MAINFRAME_PASSWORD", "OMNIHUB", 1);
}

std::uint16_t ClosedPort() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(
      io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
  return acceptor.local_endpoint().port();
}

// A host that answers every connection with bytes that are neither telnet nor 3270.
std::uint16_t GarbageHostPort() {
  static std::uint16_t port = [] {
    auto* io = new boost::asio::io_context;
    auto* acceptor = new boost::asio::ip::tcp::acceptor(
        *io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    const auto bound = acceptor->local_endpoint().port();
    std::thread([io, acceptor] {
      for (;;) {
        auto socket = std::make_shared<boost::asio::ip::tcp::socket>(*io);
        boost::system::error_code error;
        acceptor->accept(*socket, error);
        if (error) return;
        const std::string junk = "\xff\xfa\x18\x01garbage\x00\xf5\xc3\x11\xff\xff\xff\x1d";
        boost::asio::write(*socket, boost::asio::buffer(junk), error);
        std::thread([socket] { std::this_thread::sleep_for(30s); }).detach();  // keep it open
      }
    }).detach();
    return bound;
  }();
  return port;
}

RunningSim& Sim(int slow_ms = 0) {
  if (slow_ms == 0) {
    static auto* sim = new RunningSim();
    return *sim;
  }
  static auto* slow = new RunningSim({.host = "127.0.0.1", .port = 0, .slow_ms = 3000});
  return *slow;
}

// The port comes in `settings`.
absl::StatusOr<std::unique_ptr<sdk::Adapter>> Make(std::map<std::string, std::string> settings) {
  settings.emplace("account_id_pattern", "[0-9]{1,8}");
  return testing::MakeMainframeAdapter(Io().executor(), 0, std::move(settings));
}

std::unique_ptr<sdk::Adapter> MakeOrDie(std::map<std::string, std::string> settings) {
  auto adapter = Make(std::move(settings));
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  return adapter.ok() ? *std::move(adapter) : nullptr;
}

std::string Port(std::uint16_t port) { return std::to_string(port); }

std::vector<ConformanceTarget> Targets() {
  ConformanceTarget target;
  target.name = "mainframe_sim";
  target.make_healthy = [] { return MakeOrDie({{"port", Port(Sim().port())}}); };
  target.known_accounts = {testing::kDemoAccount};
  for (size_t i = 1; i < 4; ++i) {
    target.known_accounts.push_back(testing::SimWorld().mainframe_accounts[i].account_number);
  }
  target.unknown_account = "99999999";
  target.search_known = {
      .surname = "Doe",
      .postal_code = testing::SimWorld().mainframe_account(testing::kDemoAccount)->postcode,
      .limit = 20};
  target.search_nobody = {.surname = "Nobodyhere", .postal_code = "", .limit = 20};
  target.make_slow = [] { return MakeOrDie({{"port", Port(Sim(3000).port())}}); };
  target.slow_backend_at_least = 3000ms;
  target.make_failing = [] { return MakeOrDie({{"port", Port(ClosedPort())}}); };
  target.make_garbage = [] {
    return MakeOrDie({{"port", Port(GarbageHostPort())}, {"connect_timeout_ms", "300"}});
  };
  return {target};
}

}  // namespace

INSTANTIATE_TEST_SUITE_P(Tn3270, AdapterConformance, ::testing::ValuesIn(Targets()),
                         sdk::testing::ConformanceName);

namespace {

sdk::FetchRequest Everything(std::string account) {
  sdk::FetchRequest request;
  request.account_ids = {std::move(account)};
  request.sections = {v1::SECTION_PROFILE, v1::SECTION_CONTACTS, v1::SECTION_LOYALTY};
  return request;
}

absl::StatusOr<sdk::ActionResponse> ActAndWait(sdk::Adapter& adapter,
                                               const sdk::ActionRequest& request) {
  std::promise<absl::StatusOr<sdk::ActionResponse>> promise;
  adapter.Act(
      request, sdk::CallContext::WithTimeout(5s),
      [&promise](absl::StatusOr<sdk::ActionResponse> r) { promise.set_value(std::move(r)); });
  return promise.get_future().get();
}

TEST(Tn3270Adapter, DeclaresWhatTheMappingDeclares) {
  auto adapter = MakeOrDie({{"port", Port(Sim().port())}});
  ASSERT_NE(adapter, nullptr);
  const auto& caps = adapter->info().capabilities;
  EXPECT_EQ(adapter->info().type, "tn3270");
  EXPECT_TRUE(caps.Has(sdk::Capability::kProfile));
  EXPECT_TRUE(caps.Has(sdk::Capability::kContacts));
  EXPECT_TRUE(caps.Has(sdk::Capability::kLoyalty));
  EXPECT_TRUE(caps.Has(sdk::Capability::kAddNote));
  EXPECT_TRUE(caps.Has(sdk::Capability::kSearch));
  EXPECT_FALSE(caps.Has(sdk::Capability::kOrders));
}

TEST(Tn3270Adapter, TheDemoCustomersAccountStoreCardAndNotes) {
  auto adapter = MakeOrDie({{"port", Port(Sim().port())}});
  auto data =
      FetchAndWait(*adapter, Everything(testing::kDemoAccount), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->profile->family_name(), "Doe");
  EXPECT_EQ(data->profile->given_name(), "Jane");
  const world::MainframeAccount* account =
      testing::SimWorld().mainframe_account(testing::kDemoAccount);
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(data->profile->address().postal_code(), account->postcode);
  ASSERT_TRUE(data->loyalty.has_value());
  EXPECT_EQ(data->loyalty->store_card().account_number(), account->card_number);
  EXPECT_EQ(data->loyalty->store_card().balance().currency_code(), "GBP");
  EXPECT_EQ(data->loyalty->source_system(), "mainframe");
  EXPECT_EQ(data->contacts.size(), account->notes.size());
  for (const auto& contact : data->contacts) {
    EXPECT_EQ(contact.source_system(), "mainframe");
    EXPECT_FALSE(contact.summary().empty());
  }
}

TEST(Tn3270Adapter, RecentLimitCutsTheNotes) {
  auto adapter = MakeOrDie({{"port", Port(Sim().port())}});
  auto request = Everything(testing::kDemoAccount);
  request.recent_limit = 2;
  auto data = FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(data.ok()) << data.status();
  EXPECT_EQ(data->contacts.size(), 2u);
}

TEST(Tn3270Adapter, AddsANoteThatTheSameSessionThenShows) {
  RunningSim sim;  // its own: added notes stay in the simulator's terminal session
  auto adapter = MakeOrDie({{"port", Port(sim.port())}, {"pool_size", "1"}});
  sdk::ActionRequest note;
  note.kind = sdk::ActionRequest::Kind::kAddNote;
  note.account_id = testing::kDemoAccount;
  note.text = "Customer called about her store card";
  note.agent_id = "agent7";
  auto added = ActAndWait(*adapter, note);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_NE(added->detail.find(testing::kDemoAccount), std::string::npos);
  sdk::FetchRequest request = Everything(testing::kDemoAccount);
  request.sections = {v1::SECTION_CONTACTS};
  auto data = FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_FALSE(data->contacts.empty());
  EXPECT_EQ(data->contacts.front().summary(), "CUSTOMER CALLED ABOUT HER STORE CARD");

  note.text = "line one\nline two";
  EXPECT_EQ(ActAndWait(*adapter, note).status().code(), absl::StatusCode::kInvalidArgument);
  note.text = std::string(71, 'X');  // the NOTE field holds 70
  auto too_long = ActAndWait(*adapter, note);
  EXPECT_EQ(too_long.status().code(), absl::StatusCode::kInvalidArgument) << too_long.status();
  note.kind = sdk::ActionRequest::Kind::kRefund;
  EXPECT_EQ(ActAndWait(*adapter, note).status().code(), absl::StatusCode::kUnimplemented);
}

TEST(Tn3270Adapter, AnAbendIsUnavailableWithTheScreenMessageAndTheSessionRecovers) {
  // Without the account pattern, a non-numeric account reaches the screen and abends.
  auto adapter =
      MakeOrDie({{"port", Port(Sim().port())}, {"account_id_pattern", ""}, {"pool_size", "1"}});
  auto result = FetchAndWait(*adapter, Everything("12AB"), sdk::CallContext::WithTimeout(5s));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable) << result.status();
  EXPECT_NE(result.status().message().find("abended"), std::string::npos) << result.status();
  EXPECT_NE(result.status().message().find("DFHAC2206"), std::string::npos) << result.status();
  auto next =
      FetchAndWait(*adapter, Everything(testing::kDemoAccount), sdk::CallContext::WithTimeout(5s));
  EXPECT_TRUE(next.ok()) << next.status();
}

TEST(Tn3270Adapter, SignsOnAgainAfterDroppedSessions) {
  RunningSim sim({.host = "127.0.0.1", .port = 0, .disconnect_rate = 0.1, .seed = 3});
  auto adapter = MakeOrDie({{"port", Port(sim.port())}, {"pool_size", "2"}});
  int ok = 0, unavailable = 0;
  for (int i = 0; i < 200 && ok < 15; ++i) {
    auto result = FetchAndWait(*adapter, Everything(testing::kDemoAccount),
                               sdk::CallContext::WithTimeout(5s));
    if (result.ok()) {
      ++ok;
      EXPECT_EQ(result->profile->family_name(), "Doe");
      continue;
    }
    ASSERT_EQ(result.status().code(), absl::StatusCode::kUnavailable) << result.status();
    ++unavailable;
    std::this_thread::sleep_for(50ms);  // the pool's back-off after a failed sign-on
  }
  EXPECT_EQ(ok, 15);
  EXPECT_GT(unavailable, 0);
}

TEST(Tn3270Adapter, RefusesBadSettingsWithClearMessages) {
  auto missing = Make({{"mapping", "/nonexistent/mainframe.xml"}});
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  auto wrong =
      Make({{"mapping", std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/ecommerce.xml"}});
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kInvalidArgument);
  auto code_page = Make({{"code_page", "500"}});
  EXPECT_NE(code_page.status().message().find("code_page"), std::string::npos)
      << code_page.status();
  auto unknown = Make({{"colour", "green"}});
  EXPECT_NE(unknown.status().message().find("colour"), std::string::npos) << unknown.status();
  auto pattern = Make({{"account_id_pattern", "[0-9"}});
  EXPECT_NE(pattern.status().message().find("account_id_pattern"), std::string::npos)
      << pattern.status();
  auto tls = Make({{"tls", "maybe"}});
  EXPECT_NE(tls.status().message().find("'tls' must be true or false"), std::string::npos)
      << tls.status();
  auto ca = Make({{"tls", "true"}, {"tls_ca", "/nonexistent/ca.pem"}});
  EXPECT_NE(ca.status().message().find("TLS CA certificates"), std::string::npos) << ca.status();
  unsetenv("OMNIHUB_MAINFRAME_PASSWORD");
  sdk::AdapterConfig config;
  config.system = "mainframe";
  config.origin = "test:1";
  config.settings = {
      {"mapping", std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/mainframe.xml"}};
  auto no_password = MakeTn3270Adapter(config, sdk::AdapterEnvironment{Io().executor()});
  EXPECT_NE(no_password.status().message().find("OMNIHUB_MAINFRAME_PASSWORD"), std::string::npos)
      << no_password.status();
  SetCredentials();
}

}  // namespace
}  // namespace omnihub::tn3270
