// New and changed web-shop accounts reach a running hub's identity index, end to end: ecommerce-sim
// publishes a customer-changed change (--publish-changes) to an event forwarder, hubd (ecommerce on
// the http-json connector) subscribes to it, reads that account's profile and adds it to the
// index. A customer created through the shop's admin API is NOT_FOUND before and found by its
// e-mail after (GetCustomer, GetCustomer360, SearchCustomers) with the web account behind it; a
// changed e-mail of an existing customer resolves to the same golden customer, and the e-mail it
// replaced stops resolving at once (or, still held by another system, resolves to the accounts it
// joined, split off as a restart would).
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>

#include "adapters/events/event_forwarder.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/admin/raw_http_client.h"
#include "tests/core/child_process.h"
#include "tests/support/hubd_config.h"
#include "tests/support/ready_file.h"

namespace omnihub::testing {
namespace {

using namespace std::chrono_literals;
using hub::testing_support::RawHttpClient;
using hub::testing_support::RawResponse;
using nlohmann::json;
namespace fs = std::filesystem;

constexpr char kApiKey[] = "e2e-live-key";
constexpr auto kDeadline = 60s;  // generous: the machine may be busy; polls end as soon as true
constexpr auto kPollEvery = 100ms;

uint16_t PortOf(const std::string& host_port) {
  return static_cast<uint16_t>(std::stoi(host_port.substr(host_port.rfind(':') + 1)));
}

// One request to a simulator or the hub's admin port; nullopt when nothing answered.
std::optional<RawResponse> Http(const std::string& host_port, const std::string& method,
                                const std::string& target, const std::string& body = "") {
  RawHttpClient client(PortOf(host_port));
  if (!client.connected()) return std::nullopt;
  std::string request = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "X-Api-Key: " + kApiKey + "\r\nConnection: close\r\n";
  if (!body.empty()) {
    request +=
        "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
  }
  if (!client.Send(request + "\r\n" + body)) return std::nullopt;
  return client.ReadResponse();
}

class Hub {
 public:
  explicit Hub(const std::string& grpc_address)
      : stub_(v1::CustomerService::NewStub(
            grpc::CreateChannel(grpc_address, grpc::InsecureChannelCredentials()))) {}

  grpc::Status GetCustomer(const std::string& email, v1::GetCustomerResponse& response) {
    v1::GetCustomerRequest request;
    *request.mutable_customer()->mutable_identifier() = Email(email);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    return stub_->GetCustomer(&context, request, &response);
  }

  grpc::Status GetCustomer360(const std::string& email, v1::Customer360& view) {
    v1::GetCustomer360Request request;
    *request.mutable_customer()->mutable_identifier() = Email(email);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    return stub_->GetCustomer360(&context, request, &view);
  }

  grpc::Status Search(const std::string& email, v1::SearchCustomersResponse& response) {
    v1::SearchCustomersRequest request;
    *request.mutable_identifier() = Email(email);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    return stub_->SearchCustomers(&context, request, &response);
  }

  // Polls GetCustomer until `email` resolves or kDeadline passes; the last answer's status.
  grpc::Status WaitUntilResolved(const std::string& email, v1::GetCustomerResponse& response) {
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    grpc::Status status;
    do {
      response.Clear();
      status = GetCustomer(email, response);
      if (status.ok()) return status;
      std::this_thread::sleep_for(kPollEvery);
    } while (std::chrono::steady_clock::now() < until);
    return status;
  }

 private:
  static v1::Identifier Email(const std::string& email) {
    v1::Identifier identifier;
    identifier.set_type(v1::IDENTIFIER_TYPE_EMAIL);
    identifier.set_value(email);
    return identifier;
  }

  std::unique_ptr<v1::CustomerService::Stub> stub_;
};

bool HasAccount(const v1::Customer& customer, const std::string& system, const std::string& id) {
  for (const auto& account : customer.accounts()) {
    if (account.system() == system && account.account_id() == id) return true;
  }
  return false;
}

// The hub's /status, parsed (null when unreadable).
json Status(const std::string& admin) {
  auto response = Http(admin, "GET", "/status");
  if (!response || response->status != 200) return nullptr;
  return json::parse(response->body, nullptr, /*allow_exceptions=*/false);
}

class IdentityLiveE2eTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("omnihub-identity-live-e2e-" + std::to_string(getpid()));
    fs::create_directories(dir_);
    ::setenv("OMNIHUB_ECOMMERCE_API_KEY", kApiKey, 1);  // inherited by both processes
    auto forwarder = events::EventForwarder::Start("tcp://127.0.0.1:*", "tcp://127.0.0.1:*");
    ASSERT_TRUE(forwarder.ok()) << forwarder.status();
    forwarder_ = *std::move(forwarder);

    sim_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{OMNIHUB_ECOMMERCE_SIM_PATH, "--listen", "127.0.0.1:0",
                                 "--api-key-env", "OMNIHUB_ECOMMERCE_API_KEY", "--ready-file",
                                 (dir_ / "sim.ready").string(), "--publish-changes",
                                 forwarder_->frontend()},
        (dir_ / "sim.log").string());
    auto sim_ready = WaitForReadyFile(dir_ / "sim.ready", *sim_, 1);
    ASSERT_EQ(sim_ready.count("ecommerce"), 1u) << sim_->Log();
    shop_ = sim_ready["ecommerce"];

    const std::string config =
        ConfigWithConnector("ecommerce", "http-json", "http://" + shop_, forwarder_->backend());
    ASSERT_FALSE(config.empty()) << "config/hubd.xml has no reference ecommerce adapter or events";
    std::ofstream(dir_ / "hubd.xml") << config;
    hubd_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{OMNIHUB_HUBD_PATH, "--config", (dir_ / "hubd.xml").string(),
                                 "--grpc-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                                 "--ready-file", (dir_ / "hubd.ready").string(), "--store-file",
                                 (dir_ / "hub-store.db").string()},
        (dir_ / "hubd.log").string());
    auto ready = WaitForReadyFile(dir_ / "hubd.ready", *hubd_, 2);
    ASSERT_EQ(ready.count("grpc"), 1u) << hubd_->Log();
    admin_ = ready["admin"];
    hub_ = std::make_unique<Hub>(ready["grpc"]);
  }

  void TearDown() override {
    if (hubd_) {
      EXPECT_EQ(hubd_->Stop(), 0) << hubd_->Log();
    }
    if (sim_) {
      EXPECT_EQ(sim_->Stop(), 0) << sim_->Log();
    }
    if (forwarder_) forwarder_->Stop();
    fs::remove_all(dir_);
  }

  // PUB/SUB drops what is published before a subscriber has joined, so the test first proves the
  // path live: it adds notes to Jane's web account until hubd has received a change (a note on an
  // existing account changes no identity). True once it has.
  bool WaitForLiveBus() {
    const auto until = std::chrono::steady_clock::now() + kDeadline;
    do {
      auto note = Http(shop_, "POST", "/admin/customers/6108000123/notes.json",
                       R"({"note": {"body": "bus check", "author": "e2e"}})");
      if (!note || note->status != 201) return false;
      const json status = Status(admin_);
      if (status.is_object() && status["events"].value("changes_received", 0) > 0) return true;
      std::this_thread::sleep_for(kPollEvery);
    } while (std::chrono::steady_clock::now() < until);
    return false;
  }

  // A customer created through the shop's admin API: their web account number ("" and a test
  // failure when the shop refuses).
  std::string CreateInShop(const json& customer) {
    auto created =
        Http(shop_, "POST", "/admin/customers.json", json{{"customer", customer}}.dump());
    EXPECT_TRUE(created.has_value());
    if (!created) return "";
    EXPECT_EQ(created->status, 201) << created->body;
    return created->status == 201 ? json::parse(created->body)["customer"].value("id", "") : "";
  }

  // Changes the e-mail of the shop's account `account` and waits until the hub resolves it: the
  // answer's status.
  grpc::Status ChangeEmailInShop(const std::string& account, const std::string& email,
                                 v1::GetCustomerResponse& found) {
    auto changed = Http(shop_, "PUT", "/admin/customers/" + account + ".json",
                        json{{"customer", {{"email", email}}}}.dump());
    if (!changed || changed->status != 200) {
      return grpc::Status(grpc::StatusCode::INTERNAL,
                          "the shop refused the change: " + (changed ? changed->body : ""));
    }
    return hub_->WaitUntilResolved(email, found);
  }

  // True once the hub's log has `line`: the hub logs an update after publishing it, so the line may
  // follow the answer by a moment.
  bool WaitForLogLine(const std::string& line) {
    for (int i = 0; i < 100 && hubd_->Log().find(line) == std::string::npos; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return hubd_->Log().find(line) != std::string::npos;
  }

  fs::path dir_;
  std::unique_ptr<events::EventForwarder> forwarder_;
  std::unique_ptr<ChildProcess> sim_;
  std::unique_ptr<ChildProcess> hubd_;
  std::string shop_;   // HOST:PORT
  std::string admin_;  // HOST:PORT
  std::unique_ptr<Hub> hub_;
};

TEST_F(IdentityLiveE2eTest, ACustomerCreatedInTheShopIsFoundByTheHub) {
  const std::string email = "Fresh.Customer." + std::to_string(getpid()) + "@Example.org";
  v1::GetCustomerResponse before;
  EXPECT_EQ(hub_->GetCustomer(email, before).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::Customer360 view_before;
  EXPECT_EQ(hub_->GetCustomer360(email, view_before).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(WaitForLiveBus()) << sim_->Log() << "\n" << hubd_->Log();

  const std::string account = CreateInShop({{"email", email},
                                            {"first_name", "Fresh"},
                                            {"last_name", "Customer"},
                                            {"phone", "07700 900555"}});
  ASSERT_FALSE(account.empty());

  v1::GetCustomerResponse found;
  const grpc::Status status = hub_->WaitUntilResolved(email, found);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();
  const std::string customer_id = found.customer().customer_id();
  EXPECT_FALSE(customer_id.empty());
  EXPECT_TRUE(HasAccount(found.customer(), "ecommerce", account)) << found.DebugString();
  EXPECT_TRUE(WaitForLogLine("identity: account ecommerce:" + account + " -> " + customer_id +
                             " (new customer)"))
      << hubd_->Log();

  // In another case, as agents type it; through the Customer 360 and the search too.
  v1::Customer360 view;
  const grpc::Status view_status =
      hub_->GetCustomer360("fresh.customer." + std::to_string(getpid()) + "@example.ORG", view);
  ASSERT_TRUE(view_status.ok()) << view_status.error_message();
  EXPECT_EQ(view.customer().customer_id(), customer_id);
  EXPECT_TRUE(HasAccount(view.customer(), "ecommerce", account)) << view.customer().DebugString();
  bool ecommerce_ok = false;
  for (const auto& source : view.sources()) {
    ecommerce_ok =
        ecommerce_ok || (source.system() == "ecommerce" && source.state() == v1::SOURCE_STATE_OK);
  }
  EXPECT_TRUE(ecommerce_ok) << view.DebugString();
  EXPECT_EQ(view.customer().display_name().find("Fresh"), 0u) << view.customer().DebugString();

  v1::SearchCustomersResponse search;
  const grpc::Status search_status = hub_->Search(email, search);
  ASSERT_TRUE(search_status.ok()) << search_status.error_message();
  ASSERT_GE(search.matches_size(), 1) << search.DebugString();
  EXPECT_EQ(search.matches(0).customer().customer_id(), customer_id);
  EXPECT_EQ(search.matches(0).kind(), v1::MATCH_KIND_EXACT);

  const json status_page = Status(admin_);
  ASSERT_TRUE(status_page.is_object());
  EXPECT_GE(status_page["identity"]["account_updates"].value("applied", 0), 1)
      << status_page.dump(2);
}

TEST_F(IdentityLiveE2eTest, AChangedEmailResolvesToTheSameCustomer) {
  v1::GetCustomerResponse jane;
  ASSERT_TRUE(hub_->GetCustomer("jane.doe@example.com", jane).ok());
  const std::string moved = "jane.moved." + std::to_string(getpid()) + "@example.net";
  v1::GetCustomerResponse before;
  EXPECT_EQ(hub_->GetCustomer(moved, before).error_code(), grpc::StatusCode::NOT_FOUND);
  ASSERT_TRUE(WaitForLiveBus()) << sim_->Log() << "\n" << hubd_->Log();

  v1::GetCustomerResponse found;
  const grpc::Status status = ChangeEmailInShop("6108000123", moved, found);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();
  EXPECT_EQ(found.customer().customer_id(), jane.customer().customer_id());
  EXPECT_TRUE(HasAccount(found.customer(), "ecommerce", "6108000123"));
  // Her old e-mail was all that joined the web account to her other accounts: those are a
  // customer of their own now, as after a restart, still found by the e-mail the ERP holds (the
  // web account keeps the id: issued to all at once, the smallest account key keeps it).
  v1::GetCustomerResponse rest;
  ASSERT_TRUE(hub_->GetCustomer("jane.doe@example.com", rest).ok());
  EXPECT_NE(rest.customer().customer_id(), found.customer().customer_id());
  EXPECT_FALSE(HasAccount(rest.customer(), "ecommerce", "6108000123")) << rest.DebugString();
  EXPECT_TRUE(WaitForLogLine("split ")) << hubd_->Log();
}

TEST_F(IdentityLiveE2eTest, AnEmailReplacedInTheShopStopsResolving) {
  const std::string first = "first." + std::to_string(getpid()) + "@example.org";
  const std::string second = "second." + std::to_string(getpid()) + "@example.org";
  ASSERT_TRUE(WaitForLiveBus()) << sim_->Log() << "\n" << hubd_->Log();
  const std::string account =
      CreateInShop({{"email", first}, {"first_name", "Wanda"}, {"last_name", "Moved"}});
  ASSERT_FALSE(account.empty());
  v1::GetCustomerResponse found;
  const grpc::Status status = hub_->WaitUntilResolved(first, found);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();

  v1::GetCustomerResponse moved;
  const grpc::Status moved_status = ChangeEmailInShop(account, second, moved);
  ASSERT_TRUE(moved_status.ok()) << moved_status.error_message() << "\n" << hubd_->Log();
  EXPECT_EQ(moved.customer().customer_id(), found.customer().customer_id());
  // The same change that added the new e-mail withdrew the old one.
  v1::GetCustomerResponse gone;
  EXPECT_EQ(hub_->GetCustomer(first, gone).error_code(), grpc::StatusCode::NOT_FOUND)
      << gone.DebugString();
  EXPECT_TRUE(
      WaitForLogLine("withdrew email:" + first + " (no longer on ecommerce:" + account + ")"))
      << hubd_->Log();
  const json status_page = Status(admin_);
  ASSERT_TRUE(status_page.is_object());
  EXPECT_GE(status_page["identity"]["account_updates"].value("identifiers_withdrawn", 0), 1)
      << status_page.dump(2);
}

}  // namespace
}  // namespace omnihub::testing
