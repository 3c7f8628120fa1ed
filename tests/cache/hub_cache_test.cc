// The aggregate cache inside a Hub: GetCustomer360 twice through gRPC, the admin port's /cache
// figures, and the <cache> configuration.
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/cache/aggregate_cache.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "tests/admin/raw_http_client.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;

class HubCacheTest : public ::testing::Test {
 protected:
  void StartHub(bool cache_enabled) {
    HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "ecommerce"}}};
    config.cache.enabled = cache_enabled;
    for (const char* system : {"erp", "ecommerce"}) {
      config.adapters.push_back({system, "fake", {}, "test"});
    }
    ASSERT_TRUE(registry_
                    .Register("fake",
                              [this](const omnihub::sdk::AdapterConfig& adapter_config,
                                     const omnihub::sdk::AdapterEnvironment& environment)
                                  -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                                auto fake = std::make_unique<FakeAdapter>(
                                    environment.executor, adapter_config.system,
                                    omnihub::sdk::Capabilities{
                                        Capability::kProfile, Capability::kOrders,
                                        Capability::kContacts, Capability::kIdentityScan},
                                    5ms);
                                omnihub::v1::Identifier email;
                                email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
                                email.set_value("jane.doe@example.com");
                                fake->identities = {
                                    {"A-" + adapter_config.system, {email}, "Jane Doe", "LS1 4AB"}};
                                fake->data.profile.emplace();
                                fake->data.profile->set_display_name("Jane Doe");
                                fake->data.orders.resize(2);
                                fake->data.orders[0].set_order_number("W1");
                                fake->data.orders[1].set_order_number("W2");
                                fakes_[adapter_config.system] = fake.get();
                                return fake;
                              })
                    .ok());
    auto hub = Hub::Create(config, registry_);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = *std::move(hub);
    ASSERT_TRUE(hub_->Start().ok());
    customers_ = omnihub::v1::CustomerService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(hub_->grpc_port()), grpc::InsecureChannelCredentials()));
  }

  omnihub::v1::Customer360 Get360() {
    omnihub::v1::GetCustomer360Request request;
    request.mutable_customer()->mutable_identifier()->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
    request.mutable_customer()->mutable_identifier()->set_value("Jane.Doe@example.com");
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    auto status = customers_->GetCustomer360(&context, request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  }

  nlohmann::json AdminJson(const std::string& path) {
    testing_support::RawHttpClient client(static_cast<uint16_t>(hub_->admin_port()));
    EXPECT_TRUE(client.Send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    auto response = client.ReadResponse();
    if (!response || response->status != 200) return nullptr;
    return nlohmann::json::parse(response->body, nullptr, /*allow_exceptions=*/false);
  }

  omnihub::sdk::AdapterRegistry registry_;
  std::map<std::string, FakeAdapter*> fakes_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> customers_;
};

TEST_F(HubCacheTest, TheSecondCustomer360IsServedFromMemoryWithEverySourceOk) {
  StartHub(/*cache_enabled=*/true);
  auto first = Get360();
  auto second = Get360();
  EXPECT_EQ(fakes_["erp"]->calls(), 1);
  EXPECT_EQ(fakes_["ecommerce"]->calls(), 1);
  ASSERT_EQ(second.sources_size(), 3);  // erp, ecommerce and the hub's logged contacts
  for (const auto& source : second.sources()) {
    EXPECT_EQ(source.state(), omnihub::v1::SOURCE_STATE_OK) << source.system();
    EXPECT_TRUE(source.has_as_of());
  }
  EXPECT_EQ(second.recent_orders_size(), first.recent_orders_size());
  EXPECT_EQ(second.customer().display_name(), "Jane Doe");
  EXPECT_EQ(second.SerializeAsString(), first.SerializeAsString())
      << "the kept answer, byte for byte";

  // A profile alone is served from the kept sections.
  omnihub::v1::GetCustomerRequest request;
  request.mutable_customer()->set_customer_id(second.customer().customer_id());
  omnihub::v1::GetCustomerResponse profile;
  grpc::ClientContext context;
  ASSERT_TRUE(customers_->GetCustomer(&context, request, &profile).ok());
  EXPECT_EQ(profile.customer().display_name(), "Jane Doe");
  EXPECT_EQ(fakes_["erp"]->calls(), 1);

  auto cache = AdminJson("/cache");
  ASSERT_TRUE(cache.is_object());
  EXPECT_EQ(cache["enabled"], true);
  EXPECT_EQ(cache["entries"], 8)
      << "two systems, three sections; the hub's logged contacts and open cases";
  EXPECT_EQ(cache["misses"], 8);
  EXPECT_EQ(cache["hits"], 2) << "the profile of two systems";
  EXPECT_EQ(cache["replies"], 1);
  EXPECT_EQ(cache["reply_hits"], 1);
  EXPECT_DOUBLE_EQ(cache["hit_ratio"].get<double>(), 2.0 / 10);
  EXPECT_GT(cache["reply_bytes"].get<int64_t>(), first.ByteSizeLong());
  EXPECT_GT(cache["size_bytes"].get<int64_t>(), cache["reply_bytes"].get<int64_t>());
  auto status = AdminJson("/status");
  ASSERT_TRUE(status.is_object());
  EXPECT_EQ(status["cache"]["entries"], 8);
}

TEST_F(HubCacheTest, AKeptAnswerIsDroppedWhenOneOfItsSectionsChanges) {
  StartHub(/*cache_enabled=*/true);
  auto first = Get360();
  ASSERT_NE(hub_->cache(), nullptr);
  const std::string id = first.customer().customer_id();
  EXPECT_TRUE(hub_->cache()->Update(
      id, "erp", omnihub::v1::SECTION_ORDERS, [](omnihub::sdk::SourceData& data) {
        data.orders[0].set_status(omnihub::v1::ORDER_STATUS_CANCELLED);
      }));
  auto second = Get360();
  bool cancelled = false;
  for (const auto& order : second.recent_orders()) {
    cancelled = cancelled || order.status() == omnihub::v1::ORDER_STATUS_CANCELLED;
  }
  EXPECT_TRUE(cancelled) << "the update is in the next answer";
  EXPECT_EQ(fakes_["erp"]->calls(), 1) << "from the held sections";
  EXPECT_TRUE(hub_->cache()->Invalidate(id, "ecommerce", omnihub::v1::SECTION_CONTACTS));
  Get360();
  EXPECT_EQ(fakes_["ecommerce"]->calls(), 2);
  EXPECT_EQ(fakes_["ecommerce"]->last_request().sections,
            std::vector<omnihub::v1::Section>{omnihub::v1::SECTION_CONTACTS});
}

TEST_F(HubCacheTest, WithTheCacheOffEveryCallGoesToTheBackends) {
  StartHub(/*cache_enabled=*/false);
  Get360();
  Get360();
  EXPECT_EQ(fakes_["erp"]->calls(), 2);
  auto cache = AdminJson("/cache");
  ASSERT_TRUE(cache.is_object());
  EXPECT_EQ(cache["enabled"], false);
}

constexpr char kConfigHead[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<hub xmlns="urn:omnihub:config:v1">
)";

TEST(CacheConfigTest, ReadsTheCacheElementAndEachAdaptersTtl) {
  auto config = ParseHubConfig(std::string(kConfigHead) + R"(
  <cache max-mib="64" default-ttl-ms="30000" max-staleness-ms="0" fetch-timeout-ms="1500"/>
  <adapters>
    <adapter name="erp" type="reference" cache-ttl-ms="5000"/>
    <adapter name="pos" type="reference"/>
  </adapters>
</hub>)",
                               "hubd.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->cache.enabled);
  EXPECT_EQ(config->cache.max_bytes, size_t{64} << 20);
  EXPECT_EQ(config->cache.TtlOf("erp"), 5000ms);
  EXPECT_EQ(config->cache.TtlOf("pos"), 30000ms);
  EXPECT_EQ(config->cache.max_staleness, 0ms);
  EXPECT_EQ(config->cache.fetch_timeout, 1500ms);
}

TEST(CacheConfigTest, DefaultsWithoutACacheElement) {
  auto config = ParseHubConfig(std::string(kConfigHead) + R"(
  <adapters><adapter name="erp" type="reference"/></adapters>
</hub>)",
                               "hubd.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_TRUE(config->cache.enabled);
  EXPECT_EQ(config->cache.max_bytes, size_t{256} << 20);
  EXPECT_EQ(config->cache.TtlOf("erp"), 60000ms);
}

TEST(CacheConfigTest, RejectsBadValuesNamingTheLine) {
  const std::vector<std::string> bad = {
      R"(<cache max-mib="0"/>)",         R"(<cache max-mib="lots"/>)",
      R"(<cache default-ttl-ms="-5"/>)", R"(<cache max-staleness-ms="999999999999"/>)",
      R"(<cache enabled="maybe"/>)",     R"(<cache ttl="5"/>)",
  };
  for (const auto& element : bad) {
    auto config = ParseHubConfig(std::string(kConfigHead) + "  " + element + R"(
  <adapters><adapter name="erp" type="reference"/></adapters>
</hub>)",
                                 "hubd.xml");
    ASSERT_FALSE(config.ok()) << element;
    EXPECT_NE(config.status().message().find("hubd.xml:3:"), std::string::npos)
        << element << ": " << config.status().message();
  }
  auto config = ParseHubConfig(std::string(kConfigHead) + R"(
  <adapters><adapter name="erp" type="reference" cache-ttl-ms="0"/></adapters>
</hub>)",
                               "hubd.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("cache-ttl-ms"), std::string::npos)
      << config.status().message();
}

}  // namespace
}  // namespace omnihub::hub
