// The odbc connector over mappings/systems/erp.xml, on an ERP database loaded by erp-load's
// library (SQLite, or PostgreSQL as odbc_connector_postgres_test): the conformance kit, the demo
// customer's Customer 360 slice, and the identity scan.
#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "adapters/odbc/connector/odbc_adapter.h"
#include "adapters/sdk/testing/conformance.h"
#include "tests/odbc/test_database.h"
#include "tools/simulators/erp/erp_loader.h"

namespace omnihub::odbc {
namespace {

using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;
using std::chrono::seconds;
using testing::TestDatabase;

// One database loaded once for the whole binary (60 generated customers).
struct LoadedErp {
  TestDatabase database;
  world::World world;
  absl::Status loaded = absl::OkStatus();
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  std::thread io_thread{[this] { io.run(); }};

  LoadedErp() {
    if (database.connection_string().empty()) return;
    world::GeneratorOptions options;
    options.customers = 60;
    world = world::Generate(options);
    auto environment = Environment::Create();
    auto connection =
        Connection::Open(*environment, database.connection_string(), Clock::now() + seconds(30));
    if (!connection.ok()) {
      loaded = connection.status();
      return;
    }
    erp::LoadOptions load;
    load.replace = true;
    loaded = erp::LoadErp(world, **connection, load).status();
  }
  ~LoadedErp() {
    guard.reset();
    io.stop();
    io_thread.join();
  }
};

LoadedErp& Erp() {
  static LoadedErp erp;  // loaded on first use by a test, never at test discovery
  return erp;
}

bool DatabaseConfigured() {
  const char* pg = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
  return !testing::kPostgres || (pg != nullptr && *pg != '\0');
}

std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& connection) {
  OdbcAdapterOptions options;
  options.system = "erp";
  options.mapping_path = std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/erp.xml";
  options.connection = connection;
  options.dialect = testing::kPostgres ? "postgresql" : "sqlite";
  options.pool_size = 4;
  options.scan_page_size = 25;
  auto adapter = CreateOdbcAdapter(options, Erp().io.get_executor());
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  if (!adapter.ok()) return nullptr;
  return std::move(*adapter);
}

ConformanceTarget Target() {
  ConformanceTarget target;
  target.name = testing::kPostgres ? "odbc_postgres" : "odbc_sqlite";
  target.make_healthy = [] { return MakeAdapter(Erp().database.connection_string()); };
  target.known_accounts = {"C0100001"};
  target.unknown_account = "C9999999";
  // Nothing listens on port 1: every connection attempt is refused.
  target.make_failing = [] {
    return MakeAdapter("Driver=OmnihubPostgreSQL;Server=127.0.0.1;Port=1;Database=x;Uid=x");
  };
  return target;
}

class OdbcConnectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!DatabaseConfigured()) GTEST_SKIP() << TestDatabase::skip_reason();
    ASSERT_TRUE(Erp().loaded.ok()) << Erp().loaded;
  }
};

TEST_F(OdbcConnectorTest, DemoCustomerHasProfileOrdersShipmentsAndInvoices) {
  auto adapter = MakeAdapter(Erp().database.connection_string());
  ASSERT_NE(adapter, nullptr);
  sdk::FetchRequest request;
  request.account_ids = {"C0100001"};
  request.sections = {v1::SECTION_PROFILE, v1::SECTION_ORDERS, v1::SECTION_LOYALTY};
  auto data =
      sdk::testing::FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(seconds(10)));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_TRUE(data->profile.has_value());
  EXPECT_EQ(data->profile->given_name(), "Jane");
  EXPECT_EQ(data->profile->family_name(), "Doe");
  EXPECT_EQ(data->profile->email(), "jane.doe@example.com");
  EXPECT_EQ(data->profile->address().postal_code(), "LS1 4AB");
  ASSERT_EQ(data->orders.size(), 4u);
  bool delayed_order = false, unpaid_invoice = false;
  for (const auto& order : data->orders) {
    EXPECT_EQ(order.source_system(), "erp");
    EXPECT_FALSE(order.lines().empty()) << order.order_number();
    EXPECT_FALSE(order.invoices().empty()) << order.order_number();
    if (order.order_number() == "W1000002") {
      ASSERT_EQ(order.shipments_size(), 1);
      EXPECT_FALSE(order.shipments(0).has_delivered_at());
      delayed_order = true;
    }
    for (const auto& invoice : order.invoices()) unpaid_invoice = unpaid_invoice || !invoice.paid();
  }
  EXPECT_TRUE(delayed_order);
  EXPECT_TRUE(unpaid_invoice);
  ASSERT_TRUE(data->loyalty.has_value());
  EXPECT_EQ(data->loyalty->card_number(), "6335000000000003");
}

TEST_F(OdbcConnectorTest, OneOrderByNumber) {
  auto adapter = MakeAdapter(Erp().database.connection_string());
  sdk::FetchRequest request;
  request.account_ids = {"C0100001"};
  request.sections = {v1::SECTION_ORDERS};
  request.order_number = "W1000003";
  auto data =
      sdk::testing::FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(seconds(10)));
  ASSERT_TRUE(data.ok()) << data.status();
  ASSERT_EQ(data->orders.size(), 1u);
  EXPECT_EQ(data->orders[0].order_number(), "W1000003");
}

TEST_F(OdbcConnectorTest, ScanPagesThroughEveryCustomerWithIdentifiers) {
  auto adapter = MakeAdapter(Erp().database.connection_string());
  std::string cursor;
  std::vector<std::string> seen;
  for (int page = 0; page < 100; ++page) {
    std::promise<absl::StatusOr<sdk::IdentityPage>> promise;
    adapter->ScanIdentities(
        cursor, sdk::CallContext::WithTimeout(seconds(10)),
        [&](absl::StatusOr<sdk::IdentityPage> result) { promise.set_value(std::move(result)); });
    auto result = promise.get_future().get();
    ASSERT_TRUE(result.ok()) << result.status();
    for (const auto& account : result->accounts) {
      seen.push_back(account.account_id);
      if (account.account_id == "C0100001") {
        bool email = false, legacy = false;
        for (const auto& identifier : account.identifiers) {
          email = email || (identifier.type() == v1::IDENTIFIER_TYPE_EMAIL &&
                            identifier.value() == "jane.doe@example.com");
          legacy =
              legacy || (identifier.type() == v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER &&
                         identifier.system() == "mainframe" && identifier.value() == "00104217");
        }
        EXPECT_TRUE(email);
        EXPECT_TRUE(legacy);
        EXPECT_EQ(account.display_name, "Jane Doe");
      }
    }
    if (result->next_cursor.empty()) break;
    cursor = result->next_cursor;
  }
  EXPECT_EQ(seen.size(), Erp().world.erp_customers.size());
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  std::promise<absl::StatusOr<sdk::IdentityPage>> hostile;
  adapter->ScanIdentities(std::string(500, 'x'), sdk::CallContext::WithTimeout(seconds(10)),
                          [&](auto result) { hostile.set_value(std::move(result)); });
  EXPECT_EQ(hostile.get_future().get().status().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(OdbcConnectorTest, BadSettingsAreRefusedAtCreation) {
  OdbcAdapterOptions options;
  options.system = "erp";
  options.mapping_path = std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/erp.xml";
  options.dialect = "oracle";
  EXPECT_EQ(CreateOdbcAdapter(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.dialect = "";
  options.system = "ecommerce";
  EXPECT_EQ(CreateOdbcAdapter(options).status().code(), absl::StatusCode::kInvalidArgument);
  options.system = "erp";
  options.mapping_path = "/nonexistent/erp.xml";
  EXPECT_EQ(CreateOdbcAdapter(options).status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace omnihub::odbc

namespace omnihub::sdk::testing {
INSTANTIATE_TEST_SUITE_P(Odbc, AdapterConformance, ::testing::Values(odbc::Target()),
                         ConformanceName);
}  // namespace omnihub::sdk::testing

namespace {
// Every test of the binary (the conformance kit's too) is skipped, not failed, when PostgreSQL
// is not running: the tests exist for ctest whether or not a server ran at build time.
class NeedsDatabase : public ::testing::Environment {
 public:
  void SetUp() override {
    if (!omnihub::odbc::DatabaseConfigured()) {
      GTEST_SKIP() << omnihub::odbc::testing::TestDatabase::skip_reason();
    }
  }
};
const auto* const kNeedsDatabase = ::testing::AddGlobalTestEnvironment(new NeedsDatabase);
}  // namespace
