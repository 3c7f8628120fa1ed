// hubd with the ecommerce system on the http-json connector, against a real ecommerce-sim
// process (both on ephemeral ports): the identity scan at start-up links Jane Doe's web account,
// her Customer 360 has the ecommerce source OK with her web orders, and a stopped simulator
// leaves the rest of a view intact with ecommerce UNAVAILABLE.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/core/child_process.h"
#include "tests/support/hubd_config.h"
#include "tests/support/ready_file.h"

namespace omnihub::testing {
namespace {

using namespace std::chrono_literals;
namespace fs = std::filesystem;

v1::Customer360 Customer360(grpc::Channel& channel, const std::string& email,
                            grpc::Status& status) {
  auto stub =
      v1::CustomerService::NewStub(std::shared_ptr<grpc::Channel>(&channel, [](grpc::Channel*) {}));
  v1::GetCustomer360Request request;
  request.mutable_customer()->mutable_identifier()->set_type(v1::IDENTIFIER_TYPE_EMAIL);
  request.mutable_customer()->mutable_identifier()->set_value(email);
  v1::Customer360 view;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  status = stub->GetCustomer360(&context, request, &view);
  return view;
}

const v1::SourceStatus* Source(const v1::Customer360& view, const std::string& system) {
  for (const auto& source : view.sources()) {
    if (source.system() == system) return &source;
  }
  return nullptr;
}

TEST(HubdHttpJsonE2eTest, EcommerceThroughTheSimulatorAndWithoutIt) {
  const fs::path dir =
      fs::temp_directory_path() / ("omnihub-http-json-e2e-" + std::to_string(getpid()));
  fs::create_directories(dir);
  ::setenv("OMNIHUB_ECOMMERCE_API_KEY", "e2e-key", 1);  // inherited by both processes
  auto sim = std::make_unique<ChildProcess>(
      std::vector<std::string>{OMNIHUB_ECOMMERCE_SIM_PATH, "--listen", "127.0.0.1:0",
                               "--api-key-env", "OMNIHUB_ECOMMERCE_API_KEY", "--ready-file",
                               (dir / "sim.ready").string()},
      (dir / "sim.log").string());
  auto sim_ready = WaitForReadyFile(dir / "sim.ready", *sim, 1);
  ASSERT_EQ(sim_ready.count("ecommerce"), 1u) << sim->Log();

  const std::string config =
      ConfigWithConnector("ecommerce", "http-json", "http://" + sim_ready["ecommerce"]);
  ASSERT_FALSE(config.empty()) << "config/hubd.xml has no reference ecommerce adapter";
  std::ofstream(dir / "hubd.xml") << config;
  ChildProcess hubd(
      {OMNIHUB_HUBD_PATH, "--config", (dir / "hubd.xml").string(), "--grpc-listen", "127.0.0.1:0",
       "--admin-listen", "127.0.0.1:0", "--ready-file", (dir / "hubd.ready").string(),
       "--store-file", (dir / "hub-store.db").string()},
      (dir / "hubd.log").string());
  auto ready = WaitForReadyFile(dir / "hubd.ready", hubd, 2);
  ASSERT_EQ(ready.count("grpc"), 1u) << hubd.Log();
  EXPECT_NE(hubd.Log().find("identity scan: ecommerce: 695 accounts"), std::string::npos)
      << hubd.Log();
  auto channel = grpc::CreateChannel(ready["grpc"], grpc::InsecureChannelCredentials());

  grpc::Status status;
  auto jane = Customer360(*channel, "JANE.DOE@example.com", status);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd.Log();
  for (const auto& source : jane.sources()) {
    EXPECT_EQ(source.state(), v1::SOURCE_STATE_OK) << source.system() << ": " << source.detail();
  }
  ASSERT_NE(Source(jane, "ecommerce"), nullptr);
  bool linked = false;
  for (const auto& account : jane.customer().accounts()) {
    linked = linked || (account.system() == "ecommerce" && account.account_id() == "6108000123");
  }
  EXPECT_TRUE(linked) << jane.customer().DebugString();
  bool web_note = false;
  for (const auto& contact : jane.recent_contacts()) {
    web_note = web_note || contact.source_system() == "ecommerce";
  }
  EXPECT_TRUE(web_note);

  EXPECT_EQ(sim->Stop(), 0) << sim->Log();
  // Someone else (Jane's view may be served from the cache): ecommerce down, the rest intact.
  auto other = Customer360(*channel, "leo1975@gmail.com", status);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd.Log();
  const auto* ecommerce = Source(other, "ecommerce");
  ASSERT_NE(ecommerce, nullptr);
  EXPECT_EQ(ecommerce->state(), v1::SOURCE_STATE_UNAVAILABLE) << ecommerce->detail();
  for (const auto& source : other.sources()) {
    if (source.system() == "ecommerce") continue;
    EXPECT_EQ(source.state(), v1::SOURCE_STATE_OK) << source.system() << ": " << source.detail();
  }
  // The test's channel stays open, as a CS application's would: the hub must not wait for it
  // (gRPC's Shutdown waits up to its grace for idle clients to notice, ~5 s), only for calls.
  const auto stopping = std::chrono::steady_clock::now();
  EXPECT_EQ(hubd.Stop(), 0) << hubd.Log();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 3s) << hubd.Log();
  fs::remove_all(dir);
}

}  // namespace
}  // namespace omnihub::testing
