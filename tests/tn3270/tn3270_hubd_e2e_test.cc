// End to end: hubd (a real process) with the mainframe served by the tn3270 connector and the
// shipped mapping, against the mainframe simulator (in this process, on 127.0.0.1:0); the ERP's
// reference adapter over the same generated world links Jane Doe to her legacy account.
// GetCustomer360 must show her mainframe account, store-card balance and account notes; a
// mainframe that drops connections or answers slowly must leave the rest of her view intact, the
// mainframe's source marked, and the hub must recover its sessions.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <thread>
#include <vector>

#include "omnihub/v1/customer.grpc.pb.h"
#include "running_sim.h"
#include "tests/core/child_process.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;

std::filesystem::path TempDir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("omnihub-tn3270-e2e-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

std::map<std::string, std::string> WaitForReadyFile(const std::filesystem::path& path,
                                                    omnihub::testing::ChildProcess& hubd) {
  std::map<std::string, std::string> values;
  for (int i = 0; i < 600 && values.count("grpc") == 0; ++i) {
    if (hubd.WaitForExit(0ms) != -1) break;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      auto equals = line.find('=');
      if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    if (values.count("grpc") == 0) std::this_thread::sleep_for(50ms);
  }
  return values;
}

// Seed 42 and 50 customers, as the simulator's test world (testing::SimWorld). Without the
// aggregate cache when `cache` is false (every call then asks the mainframe).
std::string Config(std::uint16_t mainframe_port, bool cache = true) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<hub xmlns="urn:omnihub:config:v1">
  <grpc listen="127.0.0.1:0" default-deadline-ms="5000" max-deadline-ms="30000"/>
  <admin listen="127.0.0.1:0"/>
  <runtime io-threads="2" recent-limit="20" default-country="GB"/>
  <cache enabled=")") +
         (cache ? "true" : "false") + R"("/>
  <adapters>
    <adapter name="mainframe" type="tn3270">
      <setting key="mapping" value=")" +
         std::string(OMNIHUB_SOURCE_DIR) + R"(/mappings/systems/mainframe.xml"/>
      <setting key="host" value="127.0.0.1"/>
      <setting key="port" value=")" +
         std::to_string(mainframe_port) + R"("/>
      <setting key="pool_size" value="2"/>
      <setting key="account_id_pattern" value="[0-9]{1,8}"/>
    </adapter>
    <adapter name="erp" type="reference">
      <setting key="slice" value="erp"/>
      <setting key="seed" value="42"/>
      <setting key="customers" value="50"/>
    </adapter>
  </adapters>
</hub>
)";
}

TEST(Tn3270HubdEndToEnd, Customer360ShowsTheMainframeAccountStoreCardAndNotes) {
  testing::RunningSim sim;
  const auto dir = TempDir();
  std::ofstream(dir / "hubd.xml") << Config(sim.port());
  setenv("OMNIHUB_MAINFRAME_USER", "CSR0001", 1);
  setenv("OMNIHUB_MAINFRAME_PASSWORD", "OMNIHUB", 1);
  omnihub::testing::ChildProcess hubd(
      {OMNIHUB_HUBD_PATH, "--config", (dir / "hubd.xml").string(), "--grpc-listen", "127.0.0.1:0",
       "--admin-listen", "127.0.0.1:0", "--ready-file", (dir / "ready").string(), "--store-file",
       (dir / "hub-store.db").string()},
      (dir / "hubd.log").string());
  ASSERT_TRUE(hubd.started());
  auto ready = WaitForReadyFile(dir / "ready", hubd);
  ASSERT_EQ(ready.count("grpc"), 1u) << "hubd did not become ready:\n" << hubd.Log();
  auto stub = omnihub::v1::CustomerService::NewStub(
      grpc::CreateChannel(ready["grpc"], grpc::InsecureChannelCredentials()));

  omnihub::v1::GetCustomer360Request request;
  auto* identifier = request.mutable_customer()->mutable_identifier();
  identifier->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier->set_value("jane.doe@example.com");
  omnihub::v1::Customer360 view;
  {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    const grpc::Status status = stub->GetCustomer360(&context, request, &view);
    ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd.Log();
  }
  stub.reset();  // an open call or channel would hold hubd's graceful shutdown to its grace period

  bool mainframe_ok = false;
  for (const auto& source : view.sources()) {
    if (source.system() == "mainframe") {
      mainframe_ok = source.state() == omnihub::v1::SOURCE_STATE_OK;
      EXPECT_TRUE(mainframe_ok) << source.detail() << "\n" << hubd.Log();
    }
  }
  EXPECT_TRUE(mainframe_ok) << view.DebugString();
  const auto* account = testing::SimWorld().mainframe_account(testing::kDemoAccount);
  ASSERT_NE(account, nullptr);
  ASSERT_TRUE(view.has_loyalty()) << view.DebugString();
  EXPECT_EQ(view.loyalty().store_card().account_number(), account->card_number)
      << view.DebugString();
  EXPECT_TRUE(view.loyalty().store_card().has_balance());
  int mainframe_notes = 0;
  for (const auto& contact : view.recent_contacts()) {
    if (contact.source_system() == "mainframe") ++mainframe_notes;
  }
  EXPECT_EQ(mainframe_notes, static_cast<int>(account->notes.size())) << view.DebugString();
  bool has_legacy_account = false;
  for (const auto& id : view.customer().identifiers()) {
    if (id.value() == testing::kDemoAccount) has_legacy_account = true;
  }
  EXPECT_TRUE(has_legacy_account) << view.customer().DebugString();

  EXPECT_EQ(hubd.Stop(), 0) << hubd.Log();
  std::filesystem::remove_all(dir);
}

// hubd over `sim` (cache off), for the fault tests below.
class HubdOverSim {
 public:
  explicit HubdOverSim(std::uint16_t sim_port) : dir_(TempDir()) {
    std::ofstream(dir_ / "hubd.xml") << Config(sim_port, /*cache=*/false);
    setenv("OMNIHUB_MAINFRAME_USER", "CSR0001", 1);
    setenv("OMNIHUB_MAINFRAME_PASSWORD", "OMNIHUB", 1);
    hubd_ = std::make_unique<omnihub::testing::ChildProcess>(
        std::vector<std::string>{OMNIHUB_HUBD_PATH, "--config", (dir_ / "hubd.xml").string(),
                                 "--grpc-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                                 "--ready-file", (dir_ / "ready").string(), "--store-file",
                                 (dir_ / "hub-store.db").string()},
        (dir_ / "hubd.log").string());
    if (!hubd_->started()) return;
    auto ready = WaitForReadyFile(dir_ / "ready", *hubd_);
    if (ready.count("grpc") == 0) return;
    stub_ = omnihub::v1::CustomerService::NewStub(
        grpc::CreateChannel(ready["grpc"], grpc::InsecureChannelCredentials()));
  }
  ~HubdOverSim() { std::filesystem::remove_all(dir_); }

  bool ready() const { return stub_ != nullptr; }
  std::string Log() { return hubd_->Log(); }

  // Jane's Customer 360 under `deadline`; the gRPC status must be OK whatever the mainframe does.
  omnihub::v1::Customer360 Jane(std::chrono::milliseconds deadline) {
    omnihub::v1::GetCustomer360Request request;
    request.mutable_customer()->mutable_identifier()->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
    request.mutable_customer()->mutable_identifier()->set_value("jane.doe@example.com");
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + deadline);
    const grpc::Status status = stub_->GetCustomer360(&context, request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();
    return view;
  }

  // SearchCustomers by name and postcode; the gRPC status must be OK whatever the mainframe does.
  omnihub::v1::SearchCustomersResponse Search(const std::string& name, const std::string& postcode,
                                              int page_size = 0, const std::string& token = "") {
    omnihub::v1::SearchCustomersRequest request;
    request.mutable_name()->set_name(name);
    request.mutable_name()->set_postal_code(postcode);
    request.set_page_size(page_size);
    request.set_page_token(token);
    omnihub::v1::SearchCustomersResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    const grpc::Status status = stub_->SearchCustomers(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();
    return response;
  }

  // Stops hubd (its exit status).
  int Stop() {
    stub_.reset();
    return hubd_->Stop();
  }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<omnihub::testing::ChildProcess> hubd_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> stub_;
};

const omnihub::v1::SourceStatus* SourceOf(const omnihub::v1::Customer360& view,
                                          const std::string& system) {
  for (const auto& source : view.sources()) {
    if (source.system() == system) return &source;
  }
  return nullptr;
}

// A mainframe that drops a tenth of its connections after answering: every Customer 360 still
// answers, the ERP's part always; the mainframe's part is either there or marked (unavailable or
// timed out, with the reason); and the pool signs on again, so the mainframe keeps answering.
TEST(Tn3270HubdEndToEnd, DroppedConnectionsMarkTheMainframeAndTheHubRecovers) {
  testing::RunningSim sim({.host = "127.0.0.1", .port = 0, .disconnect_rate = 0.1, .seed = 7});
  HubdOverSim hub(sim.port());
  ASSERT_TRUE(hub.ready()) << hub.Log();
  int mainframe_ok = 0, mainframe_marked = 0;
  std::set<std::string> reasons;
  for (int call = 0; call < 20; ++call) {
    const auto view = hub.Jane(10s);
    const auto* erp = SourceOf(view, "erp");
    ASSERT_NE(erp, nullptr) << view.DebugString();
    EXPECT_EQ(erp->state(), omnihub::v1::SOURCE_STATE_OK) << erp->detail();
    const auto* mainframe = SourceOf(view, "mainframe");
    ASSERT_NE(mainframe, nullptr) << view.DebugString();
    if (mainframe->state() == omnihub::v1::SOURCE_STATE_OK) {
      ++mainframe_ok;
      EXPECT_TRUE(view.has_loyalty() && view.loyalty().has_store_card()) << view.DebugString();
    } else {
      ++mainframe_marked;
      EXPECT_TRUE(mainframe->state() == omnihub::v1::SOURCE_STATE_UNAVAILABLE ||
                  mainframe->state() == omnihub::v1::SOURCE_STATE_TIMEOUT)
          << mainframe->ShortDebugString();
      EXPECT_FALSE(mainframe->detail().empty()) << "a marked source says why";
      reasons.insert(mainframe->detail().substr(0, 120));
    }
  }
  std::cout << "mainframe ok " << mainframe_ok << ", marked " << mainframe_marked << " of 20\n";
  for (const auto& reason : reasons) std::cout << "  marked: " << reason << "\n";
  EXPECT_GT(mainframe_ok, 0) << "sessions signed on again after the drops\n" << hub.Log();
  EXPECT_EQ(hub.Stop(), 0) << hub.Log();
}

// A mainframe answering every screen after 300 ms: a Customer 360 with a 600 ms deadline
// answers in time with the ERP's part and the mainframe marked TIMEOUT; the next one, with time
// enough for the whole navigation, has the mainframe's part again (the session the timed-out
// navigation left on some screen was recovered or replaced).
TEST(Tn3270HubdEndToEnd, ASlowMainframeTimesOutAloneAndItsSessionRecovers) {
  testing::RunningSim sim({.host = "127.0.0.1", .port = 0, .slow_ms = 300});
  HubdOverSim hub(sim.port());
  ASSERT_TRUE(hub.ready()) << hub.Log();
  const auto hasty = hub.Jane(600ms);
  const auto* erp = SourceOf(hasty, "erp");
  ASSERT_NE(erp, nullptr);
  EXPECT_EQ(erp->state(), omnihub::v1::SOURCE_STATE_OK) << erp->detail();
  const auto* mainframe = SourceOf(hasty, "mainframe");
  ASSERT_NE(mainframe, nullptr);
  EXPECT_EQ(mainframe->state(), omnihub::v1::SOURCE_STATE_TIMEOUT) << mainframe->ShortDebugString();

  const auto patient = hub.Jane(30s);
  mainframe = SourceOf(patient, "mainframe");
  ASSERT_NE(mainframe, nullptr);
  EXPECT_EQ(mainframe->state(), omnihub::v1::SOURCE_STATE_OK)
      << mainframe->ShortDebugString() << "\n"
      << hub.Log();
  EXPECT_TRUE(patient.has_loyalty() && patient.loyalty().has_store_card());
  EXPECT_EQ(hub.Stop(), 0) << hub.Log();
}

// A mainframe account no ERP record cross-references (the hub's identity index cannot know it),
// held under a two-word "SURNAME GIVEN" name: the query "Given Surname" and its postcode.
struct MainframeOnly {
  std::string account;
  std::string name;
  std::string postcode;
};

std::optional<MainframeOnly> FindMainframeOnly(const world::World& world) {
  std::set<std::string> cross_referenced;
  for (const auto& erp : world.erp_customers) cross_referenced.insert(erp.legacy_account);
  for (const auto& account : world.mainframe_accounts) {
    if (cross_referenced.count(account.account_number)) continue;
    const auto space = account.name_upper.find(' ');
    if (space == std::string::npos || account.name_upper.find(' ', space + 1) != std::string::npos)
      continue;
    return MainframeOnly{
        account.account_number,
        account.name_upper.substr(space + 1) + " " + account.name_upper.substr(0, space),
        account.postcode};
  }
  return std::nullopt;
}

// SearchCustomers by name asks the mainframe's own search through the connector: Jane Doe (known
// to the index through the ERP's cross-reference) gets the mainframe's evidence; a customer only
// the mainframe knows is a match of its own, with no golden id and the mainframe account; the
// mainframe's status is reported; paging walks the combined list.
TEST(Tn3270HubdEndToEnd, SearchByNameAsksTheMainframeAndShowsCustomersOnlyItKnows) {
  const auto only = FindMainframeOnly(testing::SimWorld());
  ASSERT_TRUE(only.has_value()) << "the seed-42 world of 50 has a mainframe-only account";
  testing::RunningSim sim;
  HubdOverSim hub(sim.port());
  ASSERT_TRUE(hub.ready()) << hub.Log();

  const auto jane = hub.Search("Jane Doe", "LS1 4AB");
  ASSERT_EQ(jane.sources_size(), 1) << jane.DebugString();
  EXPECT_EQ(jane.sources(0).system(), "mainframe");
  EXPECT_EQ(jane.sources(0).state(), omnihub::v1::SOURCE_STATE_OK) << jane.sources(0).detail();
  ASSERT_GE(jane.matches_size(), 1) << jane.DebugString();
  const auto& best = jane.matches(0);
  EXPECT_FALSE(best.customer().customer_id().empty()) << best.DebugString();
  bool mainframe_evidence = false;
  for (const auto& evidence : best.evidence()) {
    if (evidence.find(std::string("mainframe's search found account account:mainframe:") +
                      testing::kDemoAccount) != std::string::npos)
      mainframe_evidence = true;
  }
  EXPECT_TRUE(mainframe_evidence) << best.DebugString();

  const auto found = hub.Search(only->name, only->postcode);
  ASSERT_EQ(found.sources_size(), 1);
  EXPECT_EQ(found.sources(0).state(), omnihub::v1::SOURCE_STATE_OK) << found.sources(0).detail();
  const omnihub::v1::CustomerMatch* mainframe_only = nullptr;
  for (const auto& match : found.matches()) {
    if (match.customer().customer_id().empty() && match.customer().accounts_size() == 1 &&
        match.customer().accounts(0).account_id() == only->account)
      mainframe_only = &match;
  }
  ASSERT_NE(mainframe_only, nullptr)
      << only->name << " " << only->postcode << " " << only->account << "\n"
      << found.DebugString();
  EXPECT_EQ(mainframe_only->kind(), omnihub::v1::MATCH_KIND_CANDIDATE);
  EXPECT_EQ(mainframe_only->customer().accounts(0).system(), "mainframe");
  EXPECT_EQ(mainframe_only->customer().address().postal_code(), only->postcode);

  // One match a page: the pages together are the whole list, in order.
  std::vector<std::string> paged;
  std::string token;
  for (int page = 0; page < 20; ++page) {
    const auto one = hub.Search(only->name, only->postcode, 1, token);
    ASSERT_LE(one.matches_size(), 1);
    for (const auto& match : one.matches()) paged.push_back(match.SerializeAsString());
    token = one.next_page_token();
    if (token.empty()) break;
  }
  ASSERT_EQ(paged.size(), static_cast<size_t>(found.matches_size()));
  for (int i = 0; i < found.matches_size(); ++i) {
    omnihub::v1::CustomerMatch match;
    ASSERT_TRUE(match.ParseFromString(paged[i]));
    EXPECT_EQ(match.customer().customer_id(), found.matches(i).customer().customer_id()) << i;
    EXPECT_EQ(match.customer().display_name(), found.matches(i).customer().display_name()) << i;
  }
  EXPECT_EQ(hub.Stop(), 0) << hub.Log();
}

}  // namespace
}  // namespace omnihub::tn3270
