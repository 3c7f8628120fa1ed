// The odbc connector over mappings/systems/erp.xml, on an ERP database loaded by erp-load's
// library (SQLite, or PostgreSQL as odbc_connector_postgres_test): the conformance kit, the demo
// customer's Customer 360 slice, and the identity scan.
// The odbc connector over mappings/systems/erp.xml, on an ERP database loaded by erp-load's
// library (SQLite, or PostgreSQL as odbc_connector_postgres_test): the conformance kit (with a
// slow backend and a garbage backend in side databases), the demo customer's Customer 360 slice,
// and the identity scan.
#include <gtest/gtest.h>

#include <future>

#include "adapters/sdk/testing/conformance.h"
#include "tests/odbc/connector_support.h"

namespace omnihub::odbc {
namespace {

using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;
using std::chrono::seconds;
using testing::DatabaseConfigured;
using testing::Erp;
using testing::ExecuteOn;
using testing::TestDatabase;

std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& connection) {
  return testing::MakeOdbcAdapter(connection);
}

// A backend that takes minutes to answer get-customer: its customers table is a view over a
// statement that runs for minutes (a recursive CTE counting to 5e9 on SQLite, pg_sleep(600) on
// PostgreSQL). Only cancelling the statement on the database ends it sooner.
const std::string& SlowDatabase() {
  static const std::string connection = [] {
    std::string side = testing::SideDatabase("slow");
    ExecuteOn(side,
              "CREATE TABLE addresses (customer_id VARCHAR(16), line1 VARCHAR(200), "
              "line2 VARCHAR(200), town VARCHAR(100), postcode VARCHAR(16), country CHAR(2))");
    const std::string columns =
        "CAST('C0100001' AS VARCHAR(16)) AS customer_id, CAST('Jane' AS VARCHAR(100)) AS "
        "given_name, CAST('Doe' AS VARCHAR(100)) AS family_name, CAST(NULL AS VARCHAR(254)) AS "
        "email, CAST(NULL AS VARCHAR(40)) AS phone, CAST(NULL AS VARCHAR(19)) AS loyalty_card, "
        "CAST(NULL AS VARCHAR(16)) AS legacy_account, CAST(NULL AS VARCHAR(16)) AS tier, ";
    if (testing::kPostgres) {
      ExecuteOn(side, "CREATE VIEW customers AS SELECT " + columns +
                          "CAST('2020-01-01T00:00:00Z' AS TIMESTAMPTZ) AS created_at "
                          "FROM pg_sleep(600)");
    } else {
      ExecuteOn(side, "CREATE VIEW customers AS SELECT " + columns +
                          "'2020-01-01T00:00:00Z' AS created_at FROM (WITH RECURSIVE r(i) AS "
                          "(SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 5000000000) "
                          "SELECT COUNT(*) AS n FROM r) WHERE n > 0");
    }
    return side;
  }();
  return connection;
}

// A backend whose data the mapping cannot convert: the ERP data set with the demo customer's
// orders in currency "ZZZ" (no ISO 4217 code), which the money transform refuses.
const std::string& GarbageDatabase() {
  static const std::string connection = [] {
    std::string side = testing::SideDatabase("garbage");
    auto database = testing::LoadedErp::Open(side);
    EXPECT_TRUE(database.ok()) << database.status();
    if (!database.ok()) return side;
    erp::LoadOptions load;
    load.replace = true;
    auto loaded = erp::LoadErp(Erp().world, **database, load);
    EXPECT_TRUE(loaded.ok()) << loaded.status();
    ExecuteOn(side, "UPDATE orders SET currency = 'ZZZ' WHERE customer_id = 'C0100001'");
    return side;
  }();
  return connection;
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
  target.make_slow = [] { return MakeAdapter(SlowDatabase()); };
  target.make_garbage = [] { return MakeAdapter(GarbageDatabase()); };
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

TEST_F(OdbcConnectorTest, GarbageInAColumnIsDataLossNamingTheColumn) {
  auto adapter = MakeAdapter(GarbageDatabase());
  ASSERT_NE(adapter, nullptr);
  sdk::FetchRequest request;
  request.account_ids = {"C0100001"};
  request.sections = {v1::SECTION_ORDERS};
  auto data =
      sdk::testing::FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(seconds(10)));
  EXPECT_EQ(data.status().code(), absl::StatusCode::kDataLoss) << data.status();
  EXPECT_NE(data.status().message().find("currency"), std::string::npos) << data.status();
  EXPECT_NE(data.status().message().find("ZZZ"), std::string::npos) << data.status();
  EXPECT_NE(data.status().message().find("list-orders"), std::string::npos) << data.status();
}

// A timestamp column holding text that is no time: SQLite stores whatever it is given (the
// column is ISO text there), and the mapping refuses it naming the column. PostgreSQL cannot hold
// such a value (timestamptz): the database itself refuses the UPDATE.
TEST_F(OdbcConnectorTest, MalformedTimestampIsDataLossNamingTheColumn) {
  std::string side = testing::SideDatabase("bad_time");
  {
    auto database = testing::LoadedErp::Open(side);
    ASSERT_TRUE(database.ok()) << database.status();
    erp::LoadOptions load;
    load.replace = true;
    ASSERT_TRUE(erp::LoadErp(Erp().world, **database, load).ok());
    auto updated = (*database)->Execute(
        "UPDATE customers SET created_at = 'last tuesday' WHERE customer_id = 'C0100001'", {},
        testing::ConnectorSoon());
    if (testing::kPostgres) {
      EXPECT_EQ(updated.status().code(), absl::StatusCode::kInvalidArgument) << updated.status();
      return;
    }
    ASSERT_TRUE(updated.ok()) << updated.status();
  }
  auto adapter = MakeAdapter(side);
  ASSERT_NE(adapter, nullptr);
  sdk::FetchRequest request;
  request.account_ids = {"C0100001"};
  request.sections = {v1::SECTION_PROFILE};
  auto data =
      sdk::testing::FetchAndWait(*adapter, request, sdk::CallContext::WithTimeout(seconds(10)));
  EXPECT_EQ(data.status().code(), absl::StatusCode::kDataLoss) << data.status();
  EXPECT_NE(data.status().message().find("created_at"), std::string::npos) << data.status();
  EXPECT_NE(data.status().message().find("get-customer"), std::string::npos) << data.status();
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
    if (!omnihub::odbc::testing::DatabaseConfigured()) {
      GTEST_SKIP() << omnihub::odbc::testing::TestDatabase::skip_reason();
    }
  }
};
const auto* const kNeedsDatabase = ::testing::AddGlobalTestEnvironment(new NeedsDatabase);
}  // namespace
