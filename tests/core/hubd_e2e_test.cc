// hubd as a real process: started on ephemeral ports with the repository's default configuration,
// called through generated clients (API, health, reflection) like any other program would.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "grpc/health/v1/health.grpc.pb.h"
#include "grpc/reflection/v1alpha/reflection.grpc.pb.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/core/child_process.h"

namespace omnihub::testing {
namespace {

using namespace std::chrono_literals;

std::filesystem::path TempDir() {
  auto dir = std::filesystem::temp_directory_path() /
             ("omnihub-e2e-" + std::to_string(getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name());
  std::filesystem::create_directories(dir);
  return dir;
}

// Reads "key=value" lines of hubd's ready file, waiting for it to appear.
std::map<std::string, std::string> WaitForReadyFile(const std::filesystem::path& path,
                                                    ChildProcess& hubd) {
  std::map<std::string, std::string> values;
  for (int i = 0; i < 600 && values.size() < 2; ++i) {
    if (hubd.WaitForExit(0ms) != -1) break;
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      auto equals = line.find('=');
      if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
    }
    if (values.size() < 2) std::this_thread::sleep_for(50ms);
  }
  return values;
}

class HubdProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir();
    hubd_ = std::make_unique<ChildProcess>(
        std::vector<std::string>{OMNIHUB_HUBD_PATH, "--config", OMNIHUB_DEFAULT_CONFIG,
                                 "--grpc-listen", "127.0.0.1:0", "--admin-listen", "127.0.0.1:0",
                                 "--ready-file", (dir_ / "ready").string(), "--store-file",
                                 (dir_ / "hub-store.db").string()},
        (dir_ / "hubd.log").string());
    ASSERT_TRUE(hubd_->started());
    auto ready = WaitForReadyFile(dir_ / "ready", *hubd_);
    ASSERT_EQ(ready.count("grpc"), 1u) << "hubd did not become ready:\n" << hubd_->Log();
    channel_ = grpc::CreateChannel(ready["grpc"], grpc::InsecureChannelCredentials());
  }
  void TearDown() override {
    channel_.reset();
    if (hubd_) {
      EXPECT_EQ(hubd_->Stop(), 0) << "hubd must stop cleanly on SIGTERM:\n" << hubd_->Log();
    }
    std::filesystem::remove_all(dir_);
  }

  std::filesystem::path dir_;
  std::unique_ptr<ChildProcess> hubd_;
  std::shared_ptr<grpc::Channel> channel_;
};

TEST_F(HubdProcessTest, DemoCustomer360ByHerEmailInAnyCase) {
  auto stub = omnihub::v1::CustomerService::NewStub(channel_);
  omnihub::v1::GetCustomer360Request request;
  auto* identifier = request.mutable_customer()->mutable_identifier();
  identifier->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier->set_value("JANE.DOE@Example.com ");
  omnihub::v1::Customer360 view;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 5s);
  auto status = stub->GetCustomer360(&context, request, &view);
  ASSERT_TRUE(status.ok()) << status.error_message() << "\n" << hubd_->Log();
  EXPECT_EQ(view.customer().email(), "jane.doe@example.com");
  EXPECT_NE(view.customer().display_name().find("Jane"), std::string::npos);
  std::set<std::string> systems;
  for (const auto& source : view.sources()) {
    systems.insert(source.system());
    EXPECT_EQ(source.state(), omnihub::v1::SOURCE_STATE_OK)
        << source.system() << ": " << source.detail();
  }
  // The five backends, and the hub's own store (contacts logged through the hub).
  EXPECT_EQ(systems,
            (std::set<std::string>{"mainframe", "erp", "ecommerce", "payment", "pos", "hub"}));
  EXPECT_GT(view.recent_orders_size(), 0);
  EXPECT_GT(view.recent_contacts_size(), 0);
  EXPECT_GT(view.payments().recent_payments_size(), 0);
  EXPECT_TRUE(view.has_loyalty());
}

TEST_F(HubdProcessTest, HealthServiceAnswersServing) {
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest request;
  grpc::health::v1::HealthCheckResponse response;
  grpc::ClientContext context;
  ASSERT_TRUE(stub->Check(&context, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
  grpc::ClientContext per_service;
  request.set_service("omnihub.v1.CustomerService");
  ASSERT_TRUE(stub->Check(&per_service, request, &response).ok());
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);
}

// A load balancer keeps a health watch open for as long as the hub runs. Stopping must say
// NOT_SERVING on it and end it, not wait out the stop's whole grace (5 s) for it.
TEST_F(HubdProcessTest, AnOpenHealthWatchSeesNotServingAndDoesNotHoldTheStop) {
  auto stub = grpc::health::v1::Health::NewStub(channel_);
  grpc::health::v1::HealthCheckRequest request;
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + 30s);
  auto watch = stub->Watch(&context, request);
  grpc::health::v1::HealthCheckResponse response;
  ASSERT_TRUE(watch->Read(&response));
  EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING);

  const auto stopping = std::chrono::steady_clock::now();
  std::thread stop([this] { EXPECT_EQ(hubd_->Stop(), 0) << hubd_->Log(); });
  std::vector<grpc::health::v1::HealthCheckResponse::ServingStatus> seen;
  while (watch->Read(&response)) seen.push_back(response.status());
  stop.join();
  hubd_.reset();
  EXPECT_LT(std::chrono::steady_clock::now() - stopping, 3s) << "the watch held the stop";
  EXPECT_EQ(seen, std::vector{grpc::health::v1::HealthCheckResponse::NOT_SERVING});
  EXPECT_FALSE(watch->Finish().ok()) << "the stream was ended by the hub, not the client";
}

TEST_F(HubdProcessTest, ReflectionListsTheServices) {
  auto stub = grpc::reflection::v1alpha::ServerReflection::NewStub(channel_);
  grpc::ClientContext context;
  auto stream = stub->ServerReflectionInfo(&context);
  grpc::reflection::v1alpha::ServerReflectionRequest request;
  request.set_list_services("");
  ASSERT_TRUE(stream->Write(request));
  stream->WritesDone();
  grpc::reflection::v1alpha::ServerReflectionResponse response;
  ASSERT_TRUE(stream->Read(&response));
  std::set<std::string> services;
  for (const auto& service : response.list_services_response().service()) {
    services.insert(service.name());
  }
  for (const char* expected :
       {"omnihub.v1.CustomerService", "omnihub.v1.OrderService", "omnihub.v1.ContactService",
        "omnihub.v1.EventService", "grpc.health.v1.Health"}) {
    EXPECT_EQ(services.count(expected), 1u) << expected;
  }
  while (stream->Read(&response)) {
  }
  EXPECT_TRUE(stream->Finish().ok());
}

TEST(HubdConfigTest, ABadConfigExitsNonZeroNamingFileAndLine) {
  auto dir = TempDir();
  auto config = dir / "bad.xml";
  std::ofstream(config) << "<hub xmlns=\"urn:omnihub:config:v1\">\n"
                           "  <grpc listen=\"127.0.0.1:99999\"/>\n"
                           "</hub>\n";
  ChildProcess hubd({OMNIHUB_HUBD_PATH, "--config", config.string()}, (dir / "log").string());
  ASSERT_TRUE(hubd.started());
  EXPECT_EQ(hubd.WaitForExit(10s), 2);
  EXPECT_NE(hubd.Log().find(config.string() + ":2"), std::string::npos) << hubd.Log();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace omnihub::testing
