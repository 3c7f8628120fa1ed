// The http-json connector against the in-process ecommerce simulator: what the demo customer
// looks like through the mapping, pagination, identity scans, rate limits, refused credentials,
// and the factory's refusals (broken mapping, missing credential, unknown setting).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <future>

#include "adapters/sdk/testing/conformance.h"
#include "tests/http_json/running_shop.h"

namespace omnihub::http_json::testing {
namespace {

using namespace std::chrono_literals;
using sdk::testing::FetchAndWait;

sdk::FetchRequest AllSections(std::string account, int recent_limit = 20) {
  sdk::FetchRequest request;
  request.account_ids = {std::move(account)};
  request.sections = {v1::SECTION_PROFILE, v1::SECTION_ORDERS, v1::SECTION_CONTACTS};
  request.recent_limit = recent_limit;
  return request;
}

absl::StatusOr<sdk::IdentityPage> ScanAndWait(sdk::Adapter& adapter, const std::string& cursor) {
  std::promise<absl::StatusOr<sdk::IdentityPage>> promise;
  adapter.ScanIdentities(cursor, sdk::CallContext::WithTimeout(5s),
                         [&](absl::StatusOr<sdk::IdentityPage> page) { promise.set_value(page); });
  return promise.get_future().get();
}

TEST(HttpJsonAdapterTest, DeclaresWhatTheMappingDeclares) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  const auto& info = adapter->info();
  EXPECT_EQ(info.system, "ecommerce");
  EXPECT_EQ(info.type, "http-json");
  for (auto capability : {sdk::Capability::kProfile, sdk::Capability::kOrders,
                          sdk::Capability::kContacts, sdk::Capability::kIdentityScan}) {
    EXPECT_TRUE(info.capabilities.Has(capability)) << sdk::CapabilityName(capability);
  }
  EXPECT_FALSE(info.capabilities.Has(sdk::Capability::kRefund));
}

TEST(HttpJsonAdapterTest, DemoCustomerWithOrdersTrackingAndNotes) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url());
  auto data = FetchAndWait(*adapter, AllSections("6108000123"), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->profile->email(), "jane.doe@example.com");
  EXPECT_EQ(data->profile->display_name(), "Jane Doe");
  EXPECT_EQ(data->profile->phone(), "+447700900123");
  ASSERT_EQ(data->profile->accounts_size(), 1);
  EXPECT_EQ(data->profile->accounts(0).account_id(), "6108000123");
  ASSERT_EQ(data->orders.size(), 3u);
  EXPECT_EQ(data->orders[0].order_number(), "W1000002");  // newest first
  EXPECT_GT(data->orders[0].lines_size(), 0);
  ASSERT_EQ(data->orders[0].shipments_size(), 1);
  EXPECT_FALSE(data->orders[0].shipments(0).tracking_number().empty());
  for (const auto& order : data->orders) EXPECT_EQ(order.source_system(), "ecommerce");
  ASSERT_EQ(data->contacts.size(), 3u);
  EXPECT_EQ(data->contacts[0].summary().rfind("W1000002: ", 0), 0u) << data->contacts[0].summary();
  EXPECT_EQ(data->contacts[0].direction(), v1::CONTACT_DIRECTION_OUTBOUND);
  EXPECT_EQ(data->contacts[2].direction(), v1::CONTACT_DIRECTION_INBOUND);
}

TEST(HttpJsonAdapterTest, ListsFollowPagesUpToRecentLimit) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url(), {{"page_size", "1"}});
  auto two =
      FetchAndWait(*adapter, AllSections("6108000123", 2), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(two.ok()) << two.status();
  EXPECT_EQ(two->orders.size(), 2u);
  EXPECT_EQ(two->contacts.size(), 2u);
  auto all =
      FetchAndWait(*adapter, AllSections("6108000123", 20), sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->orders.size(), 3u);  // three pages of one
  auto one = AllSections("6108000123");
  one.order_number = "W1000001";  // the oldest: on the last page
  auto found = FetchAndWait(*adapter, one, sdk::CallContext::WithTimeout(5s));
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_EQ(found->orders.size(), 1u);
  EXPECT_EQ(found->orders[0].order_number(), "W1000001");
}

TEST(HttpJsonAdapterTest, IdentityScanPagesThroughEveryCustomer) {
  RunningShop shop;
  auto adapter = MakeAdapter(shop.url(), {{"page_size", "100"}});
  std::set<std::string> accounts;
  std::string cursor;
  int pages = 0;
  bool jane = false;
  do {
    auto page = ScanAndWait(*adapter, cursor);
    ASSERT_TRUE(page.ok()) << page.status();
    for (const auto& account : page->accounts) {
      EXPECT_TRUE(accounts.insert(account.account_id).second) << account.account_id;
      if (account.account_id != "6108000123") continue;
      jane = true;
      EXPECT_EQ(account.display_name, "Jane Doe");
      std::set<std::pair<int, std::string>> identifiers;
      for (const auto& id : account.identifiers) identifiers.insert({id.type(), id.value()});
      EXPECT_TRUE(identifiers.count({v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com"}));
      EXPECT_TRUE(identifiers.count({v1::IDENTIFIER_TYPE_TWITTER_HANDLE, "@janedoe"}));
      EXPECT_TRUE(identifiers.count({v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "6108000123"}));
    }
    cursor = page->next_cursor;
    ASSERT_LT(++pages, 50);
  } while (!cursor.empty());
  EXPECT_TRUE(jane);
  EXPECT_EQ(accounts.size(), SharedWorld()->ecom_customers.size());
  EXPECT_EQ(pages, static_cast<int>((accounts.size() + 99) / 100));
  auto forged = ScanAndWait(*adapter, "not-a-cursor");
  EXPECT_EQ(forged.status().code(), absl::StatusCode::kInvalidArgument) << forged.status();
}

TEST(HttpJsonAdapterTest, RateLimitWithRetryAfterIsWaitedOut) {
  ecommerce_sim::ApiOptions options;
  options.rate_limit_every = 2;
  options.retry_after_s = 0;
  RunningShop shop(options);
  auto adapter = MakeAdapter(shop.url());
  for (int i = 0; i < 3; ++i) {
    auto data =
        FetchAndWait(*adapter, AllSections("6108000123"), sdk::CallContext::WithTimeout(5s));
    EXPECT_TRUE(data.ok()) << data.status();
  }
}

TEST(HttpJsonAdapterTest, RefusedCredentialsAreAFailedPreconditionWithoutTheKey) {
  ecommerce_sim::ApiOptions options;
  options.api_key = "the-real-key";
  RunningShop shop(options);
  auto adapter = MakeAdapter(shop.url());  // sends kApiKey
  auto data = FetchAndWait(*adapter, AllSections("6108000123"), sdk::CallContext::WithTimeout(5s));
  EXPECT_EQ(data.status().code(), absl::StatusCode::kFailedPrecondition) << data.status();
  EXPECT_NE(data.status().message().find("401"), std::string::npos);
  EXPECT_EQ(data.status().message().find(kApiKey), std::string::npos);
}

TEST(HttpJsonAdapterTest, UnreachableBackendIsUnavailable) {
  std::string url;
  {
    RunningShop gone;
    url = gone.url();
  }
  auto adapter = MakeAdapter(url);
  auto data = FetchAndWait(*adapter, AllSections("6108000123"), sdk::CallContext::WithTimeout(3s));
  EXPECT_EQ(data.status().code(), absl::StatusCode::kUnavailable) << data.status();
}

TEST(HttpJsonFactoryTest, BrokenMappingRefusesToStartListingEveryDiagnostic) {
  const auto path = std::filesystem::path(::testing::TempDir()) / "broken-ecommerce.xml";
  std::ofstream(path) << R"(<?xml version="1.0"?>
<system xmlns="urn:omnihub:mapping:v1" name="ecommerce" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:1"/></settings>
  <operation name="get-customer">
    <request method="GET" path="/c/{acount_id}.json"/>
    <response root="/customer">
      <field target="customer.emial" source="/email"/>
    </response>
  </operation>
</system>
)";
  auto config = Config("http://127.0.0.1:1", {{"mapping", path.string()}});
  auto adapter = MakeHttpJsonAdapter(config, {AdapterExecutor()});
  ASSERT_EQ(adapter.status().code(), absl::StatusCode::kInvalidArgument);
  const std::string message(adapter.status().message());
  EXPECT_NE(message.find("test.xml:1: adapter 'ecommerce'"), std::string::npos) << message;
  EXPECT_NE(message.find("acount_id"), std::string::npos) << message;
  EXPECT_NE(message.find("customer.emial"), std::string::npos) << message;
}

TEST(HttpJsonFactoryTest, MissingCredentialNamesTheVariable) {
  auto config = Config("http://127.0.0.1:1");
  ::unsetenv("OMNIHUB_ECOMMERCE_API_KEY");
  auto adapter = MakeHttpJsonAdapter(config, {AdapterExecutor()});
  ::setenv("OMNIHUB_ECOMMERCE_API_KEY", kApiKey, 1);
  ASSERT_EQ(adapter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(adapter.status().message().find("OMNIHUB_ECOMMERCE_API_KEY"), std::string::npos)
      << adapter.status();
}

TEST(HttpJsonFactoryTest, BadSettingsAreAllReported) {
  auto config = Config("http://127.0.0.1:1", {{"pool_size", "0x"}, {"colour", "blue"}});
  auto adapter = MakeHttpJsonAdapter(config, {AdapterExecutor()});
  ASSERT_EQ(adapter.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(adapter.status().message().find("pool_size"), std::string::npos) << adapter.status();
  EXPECT_NE(adapter.status().message().find("colour"), std::string::npos) << adapter.status();
  config = Config("http://127.0.0.1:1");
  config.system = "shop";
  EXPECT_NE(MakeHttpJsonAdapter(config, {AdapterExecutor()}).status().message().find("'ecommerce'"),
            std::string::npos);
}

}  // namespace
}  // namespace omnihub::http_json::testing
