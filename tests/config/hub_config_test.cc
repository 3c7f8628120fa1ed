// Loading good configurations: the shipped default, defaults for absent parts, secrets from the
// environment and from files, exposure.
#include "hub/config/hub_config.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

namespace omnihub::hub {
namespace {

namespace fs = std::filesystem;

constexpr char kOneAdapter[] = R"(
  <adapters>
    <adapter name="erp" type="reference"><setting key="slice" value="erp"/></adapter>
  </adapters>)";

std::string Hub(const std::string& body) {
  return "<?xml version=\"1.0\"?>\n<hub xmlns=\"urn:omnihub:config:v1\">" + body + "\n</hub>\n";
}

TEST(HubConfigTest, DefaultConfigLoads) {
  auto config = LoadHubConfig(OMNIHUB_DEFAULT_CONFIG);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->source_path, OMNIHUB_DEFAULT_CONFIG);
  EXPECT_EQ(config->grpc_listen, (ListenAddress{"127.0.0.1", 50051}));
  EXPECT_EQ(config->admin_listen, (ListenAddress{"127.0.0.1", 9464}));
  EXPECT_EQ(config->default_deadline, std::chrono::milliseconds(2000));
  EXPECT_EQ(config->max_deadline, std::chrono::milliseconds(30000));
  EXPECT_EQ(config->io_threads, 2);
  EXPECT_EQ(config->recent_limit, 20);
  EXPECT_EQ(config->default_country, "GB");

  using Order = std::vector<std::string>;
  EXPECT_EQ(config->survivorship.size(), 3u);
  EXPECT_EQ(config->survivorship.at("*"), (Order{"erp", "ecommerce", "mainframe"}));
  EXPECT_EQ(config->survivorship.at("phone"), (Order{"ecommerce", "erp", "mainframe"}));
  EXPECT_EQ(config->survivorship.at("address"), (Order{"erp", "mainframe"}));
  // From mappings/landscape.xml, which <landscape file> names.
  EXPECT_TRUE(config->landscape_file.ends_with("/mappings/landscape.xml"))
      << config->landscape_file;

  const std::vector<std::pair<std::string, std::string>> expected = {
      {"mainframe", "60"}, {"erp", "25"}, {"ecommerce", "15"}, {"payment", "20"}, {"pos", "5"}};
  ASSERT_EQ(config->adapters.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& adapter = config->adapters[i];
    EXPECT_EQ(adapter.system, expected[i].first);
    EXPECT_EQ(adapter.type, "reference");
    EXPECT_EQ(adapter.settings,
              (std::map<std::string, std::string>{{"slice", expected[i].first},
                                                  {"seed", "42"},
                                                  {"customers", "1000"},
                                                  {"latency_ms", expected[i].second}}));
    EXPECT_EQ(adapter.origin.rfind(std::string(OMNIHUB_DEFAULT_CONFIG) + ":", 0), 0u)
        << adapter.origin;
  }
}

TEST(HubConfigTest, AbsentElementsTakeDefaults) {
  auto config = ParseHubConfig(Hub(kOneAdapter), "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  const HubConfig defaults;
  EXPECT_EQ(config->source_path, "mem.xml");
  EXPECT_EQ(config->grpc_listen, defaults.grpc_listen);
  EXPECT_EQ(config->admin_listen, defaults.admin_listen);
  EXPECT_EQ(config->default_deadline, defaults.default_deadline);
  EXPECT_EQ(config->max_deadline, defaults.max_deadline);
  EXPECT_EQ(config->io_threads, defaults.io_threads);
  EXPECT_EQ(config->recent_limit, defaults.recent_limit);
  EXPECT_EQ(config->default_country, "GB");
  EXPECT_TRUE(config->survivorship.empty());
  ASSERT_EQ(config->adapters.size(), 1u);
  EXPECT_EQ(config->adapters[0].origin, "mem.xml:4");
}

TEST(HubConfigTest, ValuesAreRead) {
  auto config = ParseHubConfig(Hub(R"(
  <runtime default-country="FR" io-threads="8" recent-limit="50"/>
  <grpc listen="[::1]:0" default-deadline-ms="500" max-deadline-ms="500"/>
  <admin listen="localhost:0"/>)" + std::string(kOneAdapter)),
                               "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->default_country, "FR");
  EXPECT_EQ(config->io_threads, 8);
  EXPECT_EQ(config->recent_limit, 50);
  EXPECT_EQ(config->grpc_listen, (ListenAddress{"::1", 0}));
  EXPECT_EQ(config->admin_listen, (ListenAddress{"localhost", 0}));
  EXPECT_EQ(config->default_deadline, std::chrono::milliseconds(500));
  EXPECT_EQ(config->max_deadline, std::chrono::milliseconds(500));
}

TEST(HubConfigTest, ExposeAllowsEveryInterface) {
  auto config = ParseHubConfig(Hub(R"(
  <grpc listen="0.0.0.0:50051" expose="true"/>
  <admin listen="[::]:9464" expose="true"/>)" +
                                   std::string(kOneAdapter)),
                               "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->grpc_listen.ToString(), "0.0.0.0:50051");
  EXPECT_EQ(config->admin_listen.ToString(), "[::]:9464");
}

TEST(HubConfigTest, ExposeFalseStillRefusesEveryInterface) {
  auto config = ParseHubConfig(
      Hub(R"(<admin listen="0.0.0.0:9464" expose="false"/>)" + std::string(kOneAdapter)),
      "mem.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("add expose=\"true\""), std::string::npos);
}

TEST(HubConfigTest, SecretFromEnvironment) {
  setenv("OMNIHUB_TEST_ERP_PASSWORD", "s3cret", 1);
  auto config = ParseHubConfig(Hub(R"(
  <adapters>
    <adapter name="erp" type="odbc">
      <setting key="db_password" value-from-env="OMNIHUB_TEST_ERP_PASSWORD"/>
      <setting key="user" value-from-env="OMNIHUB_TEST_ERP_PASSWORD"/>
    </adapter>
  </adapters>)"),
                               "mem.xml");
  unsetenv("OMNIHUB_TEST_ERP_PASSWORD");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->adapters[0].settings.at("db_password"), "s3cret");
  EXPECT_EQ(config->adapters[0].settings.at("user"), "s3cret");
}

TEST(HubConfigTest, StoreDefaultsToTheSqliteFile) {
  auto config = ParseHubConfig(Hub(kOneAdapter), "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store.connection, "");
  EXPECT_EQ(config->store.sqlite_file, ".run/hub-store.db");
  EXPECT_EQ(config->store.pool_size, 2);
}

TEST(HubConfigTest, StoreConnectionFromEnvironment) {
  setenv("OMNIHUB_TEST_STORE", "Driver=OmnihubPostgreSQL;Server=db;Uid=hub;Pwd=s3cret", 1);
  auto config = ParseHubConfig(Hub(std::string(kOneAdapter) + R"(
  <store connection-from-env="OMNIHUB_TEST_STORE" pool-size="8" threads="3" timeout-ms="2500"
         refresh-ms="0"/>)"),
                               "mem.xml");
  unsetenv("OMNIHUB_TEST_STORE");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store.connection, "Driver=OmnihubPostgreSQL;Server=db;Uid=hub;Pwd=s3cret");
  EXPECT_EQ(config->store.pool_size, 8);
  EXPECT_EQ(config->store.threads, 3);
  EXPECT_EQ(config->store.timeout, std::chrono::milliseconds(2500));
  EXPECT_EQ(config->store.refresh_interval, std::chrono::milliseconds(0));
}

TEST(HubConfigTest, IdentityRules) {
  auto config = ParseHubConfig(Hub(std::string(kOneAdapter) + R"(
  <identity>
    <rule identifier="phone" links="automatic"/>
    <rule identifier="twitter" links="never"/>
  </identity>)"),
                               "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  const auto& rules = config->identity_rules;
  EXPECT_EQ(rules.For(omnihub::v1::IDENTIFIER_TYPE_PHONE), IdentifierStrength::kStrong);
  EXPECT_EQ(rules.For(omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE), IdentifierStrength::kWeak);
  // Not listed: the defaults.
  EXPECT_EQ(rules.For(omnihub::v1::IDENTIFIER_TYPE_EMAIL), IdentifierStrength::kStrong);
  EXPECT_EQ(rules.For(omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS), IdentifierStrength::kWeak);
}

TEST(HubConfigTest, StoreSqliteFile) {
  auto config = ParseHubConfig(
      Hub(std::string(kOneAdapter) + R"(<store sqlite-file="/var/lib/omnihub/hub.db"/>)"),
      "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->store.sqlite_file, "/var/lib/omnihub/hub.db");
  EXPECT_EQ(config->store.connection, "");
}

TEST(HubConfigTest, EmptyEnvironmentVariableIsAnError) {
  setenv("OMNIHUB_TEST_EMPTY", "", 1);
  auto config = ParseHubConfig(Hub(R"(
  <adapters>
    <adapter name="erp" type="odbc"><setting key="api_token" value-from-env="OMNIHUB_TEST_EMPTY"/></adapter>
  </adapters>)"),
                               "mem.xml");
  unsetenv("OMNIHUB_TEST_EMPTY");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find(
                "mem.xml:4: adapter 'erp': setting 'api_token': environment variable "
                "OMNIHUB_TEST_EMPTY is empty"),
            std::string::npos)
      << config.status().message();
}

TEST(HubConfigTest, SecretFromFileRelativeToTheConfig) {
  const fs::path dir = fs::path(testing::TempDir()) / "omnihub_config_secret_test";
  fs::create_directories(dir / "secrets");
  {
    std::ofstream(dir / "secrets" / "payment.secret") << "abc123\n";
    std::ofstream(dir / "hubd.xml") << Hub(R"(
  <adapters>
    <adapter name="payment" type="http_xml">
      <setting key="client_secret" value-from-file="secrets/payment.secret"/>
    </adapter>
  </adapters>)");
  }
  auto config = LoadHubConfig((dir / "hubd.xml").string());
  fs::remove_all(dir);
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->adapters[0].settings.at("client_secret"), "abc123");
}

TEST(HubConfigTest, SchemaIsStrictAboutTheNamespaceOfChildren) {
  auto config = ParseHubConfig(
      "<hub xmlns=\"urn:omnihub:config:v1\"><admin xmlns=\"urn:other\" listen=\"x\"/>" +
          std::string(kOneAdapter) + "</hub>",
      "mem.xml");
  ASSERT_FALSE(config.ok());
  EXPECT_NE(config.status().message().find("mem.xml:1: Element '{urn:other}admin'"),
            std::string::npos)
      << config.status().message();
}

TEST(HubConfigTest, EditorSchemaLocationHintIsAcceptedAndNotLoaded) {
  auto config = ParseHubConfig(
      "<hub xmlns=\"urn:omnihub:config:v1\" "
      "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
      "xsi:schemaLocation=\"urn:omnihub:config:v1 /nonexistent/hubd.xsd\">" +
          std::string(kOneAdapter) + "</hub>",
      "mem.xml");
  EXPECT_TRUE(config.ok()) << config.status();
}

TEST(HubConfigTest, Utf8TextIsAccepted) {
  auto config = ParseHubConfig(Hub(R"(
  <adapters>
    <adapter name="erp" type="reference"><setting key="note" value="café ☕"/></adapter>
  </adapters>)"),
                               "mem.xml");
  ASSERT_TRUE(config.ok()) << config.status();
  EXPECT_EQ(config->adapters[0].settings.at("note"), "café ☕");
}

}  // namespace
}  // namespace omnihub::hub
