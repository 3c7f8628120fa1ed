// The hub's admin port while the identity index is being built: it answers at once, says it is not
// ready, and shows how far the build has got; then the hub becomes ready.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <nlohmann/json.hpp>
#include <thread>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/server/hub.h"
#include "tests/admin/raw_http_client.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;

// A system whose identity scan answers only when the test releases it.
class HeldScanAdapter : public FakeAdapter {
 public:
  HeldScanAdapter(boost::asio::any_io_executor executor, std::string system,
                  std::shared_future<void> release)
      : FakeAdapter(std::move(executor), std::move(system),
                    omnihub::sdk::Capabilities{Capability::kProfile, Capability::kIdentityScan},
                    1ms),
        release_(std::move(release)) {}

  void ScanIdentities(const std::string& cursor, std::shared_ptr<omnihub::sdk::CallContext> context,
                      omnihub::sdk::ScanCallback done) override {
    release_.wait();
    FakeAdapter::ScanIdentities(cursor, std::move(context), std::move(done));
  }

 private:
  std::shared_future<void> release_;
};

struct AdminAnswer {
  int status = 0;
  std::string body;
};

AdminAnswer AdminGet(int port, const std::string& path) {
  testing_support::RawHttpClient client(static_cast<uint16_t>(port));
  if (!client.Send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n")) return {};
  auto response = client.ReadResponse();
  if (!response) return {};
  return {response->status, response->body};
}

TEST(HubStatusDuringBuild, TheAdminPortShowsTheBuildBeforeTheHubIsReady) {
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  omnihub::sdk::AdapterRegistry registry;
  ASSERT_TRUE(registry
                  .Register("held",
                            [&](const omnihub::sdk::AdapterConfig& adapter_config,
                                const omnihub::sdk::AdapterEnvironment& environment)
                                -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                              auto fake = std::make_unique<HeldScanAdapter>(
                                  environment.executor, adapter_config.system, released);
                              omnihub::v1::Identifier email;
                              email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
                              email.set_value("jane.doe@example.com");
                              fake->identities = {{"A1", {email}, "Jane Doe", "LS1 4AB"}};
                              return fake;
                            })
                  .ok());
  HubConfig config;
  config.grpc_listen = {"127.0.0.1", 0};
  config.admin_listen = {"127.0.0.1", 0};
  config.survivorship = {{"*", {"erp"}}};
  config.adapters.push_back({"erp", "held", {}, "test"});
  auto hub = Hub::Create(config, registry);
  ASSERT_TRUE(hub.ok()) << hub.status();

  std::future<absl::Status> started =
      std::async(std::launch::async, [&hub] { return (*hub)->Start(); });
  // If anything below fails, the scan must still be let go so Start (and the test) ends.
  struct ReleaseOnExit {
    std::promise<void>& release;
    ~ReleaseOnExit() {
      try {
        release.set_value();
      } catch (const std::future_error&) {
      }
    }
  } release_on_exit{release};

  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while ((*hub)->admin_port() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(5ms);
  }
  const int port = (*hub)->admin_port();
  ASSERT_NE(port, 0) << "the admin port opens before the identity scan ends";

  EXPECT_EQ(AdminGet(port, "/readyz").status, 503);
  EXPECT_EQ(AdminGet(port, "/healthz").status, 503);
  const AdminAnswer building = AdminGet(port, "/status");
  ASSERT_EQ(building.status, 200);
  const auto during = nlohmann::json::parse(building.body, nullptr, false);
  ASSERT_TRUE(during.is_object()) << building.body;
  EXPECT_EQ(during["ready"], false);
  EXPECT_EQ(during["identity"]["build"]["phase"], "scanning") << building.body;
  EXPECT_EQ(during["identity"]["build"]["systems"], 1);
  EXPECT_EQ(during["identity"]["build"]["systems_done"], 0);
  EXPECT_EQ(during["identity"]["customers"], 0);
  EXPECT_EQ(AdminGet(port, "/identity/audit").status, 200);
  EXPECT_EQ(started.wait_for(0ms), std::future_status::timeout) << "Start waits for the scan";

  release.set_value();
  ASSERT_EQ(started.wait_for(30s), std::future_status::ready);
  ASSERT_TRUE(started.get().ok());
  EXPECT_EQ(AdminGet(port, "/readyz").status, 200);
  const auto after = nlohmann::json::parse(AdminGet(port, "/status").body, nullptr, false);
  ASSERT_TRUE(after.is_object());
  EXPECT_EQ(after["ready"], true);
  EXPECT_EQ(after["identity"]["build"]["phase"], "ready");
  EXPECT_EQ(after["identity"]["customers"], 1);
  (*hub)->Shutdown();
}

TEST(HubStatusDuringBuild, AnAdminPortInUseStopsTheHubBeforeTheScan) {
  omnihub::sdk::AdapterRegistry registry;
  ASSERT_TRUE(registry
                  .Register("fake",
                            [&](const omnihub::sdk::AdapterConfig& adapter_config,
                                const omnihub::sdk::AdapterEnvironment& environment)
                                -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                              // A scan that never ends: Start returning at all shows it
                              // failed before the scan began.
                              static std::promise<void> never;
                              static const std::shared_future<void> held =
                                  never.get_future().share();
                              return std::make_unique<HeldScanAdapter>(environment.executor,
                                                                       adapter_config.system, held);
                            })
                  .ok());
  // Another hub holds the admin port.
  HubConfig first_config;
  first_config.grpc_listen = {"127.0.0.1", 0};
  first_config.admin_listen = {"127.0.0.1", 0};
  auto first = Hub::Create(first_config, registry);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE((*first)->Start().ok());

  HubConfig config;
  config.grpc_listen = {"127.0.0.1", 0};
  config.admin_listen = {"127.0.0.1", static_cast<uint16_t>((*first)->admin_port())};
  config.survivorship = {{"*", {"erp"}}};
  config.adapters.push_back({"erp", "fake", {}, "test"});
  auto hub = Hub::Create(config, registry);
  ASSERT_TRUE(hub.ok()) << hub.status();
  auto status = (*hub)->Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable) << status;
  (*first)->Shutdown();
}

}  // namespace
}  // namespace omnihub::hub
