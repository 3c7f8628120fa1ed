// End to end: hubd (a real process) with the mainframe served by the tn3270 connector and the
// shipped mapping, against the mainframe simulator (in this process, on 127.0.0.1:0); the ERP's
// reference adapter over the same generated world links Jane Doe to her legacy account.
// GetCustomer360 must show her mainframe account, store-card balance and account notes.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

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

// Seed 42 and 50 customers, as the simulator's test world (testing::SimWorld).
std::string Config(std::uint16_t mainframe_port) {
  return std::string(R"(<?xml version="1.0" encoding="UTF-8"?>
<hub xmlns="urn:omnihub:config:v1">
  <grpc listen="127.0.0.1:0" default-deadline-ms="5000" max-deadline-ms="30000"/>
  <admin listen="127.0.0.1:0"/>
  <runtime io-threads="2" recent-limit="20" default-country="GB"/>
  <adapters>
    <adapter name="mainframe" type="tn3270">
      <setting key="mapping" value=")") +
         OMNIHUB_SOURCE_DIR + R"(/mappings/systems/mainframe.xml"/>
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
       "--admin-listen", "127.0.0.1:0", "--ready-file", (dir / "ready").string()},
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

}  // namespace
}  // namespace omnihub::tn3270
