// The ERP data set loaded through omnihub_odbc (SQLite, or PostgreSQL as odbc_postgres_test):
// every generated row arrives, the demo customer reads back exactly, reloading needs --replace.
#include <gtest/gtest.h>

#include "tests/odbc/test_database.h"
#include "tools/simulators/erp/erp_loader.h"

namespace omnihub::odbc {
namespace {

using std::chrono::seconds;
using testing::TestDatabase;

class ErpLoadTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (database_.connection_string().empty()) GTEST_SKIP() << TestDatabase::skip_reason();
    auto environment = Environment::Create();
    ASSERT_TRUE(environment.ok());
    auto connection =
        Connection::Open(*environment, database_.connection_string(), Clock::now() + seconds(20));
    ASSERT_TRUE(connection.ok()) << connection.status();
    db_ = std::move(*connection);
    world::GeneratorOptions options;
    options.customers = 60;
    world_ = world::Generate(options);
  }
  std::string One(const std::string& sql, std::vector<SqlParam> params = {}) {
    auto result = db_->Query(sql, params, Clock::now() + seconds(20));
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
    if (!result.ok() || result->rows.empty() || !result->rows[0][0]) return "<none>";
    return *result->rows[0][0];
  }

  TestDatabase database_;
  std::unique_ptr<Connection> db_;
  world::World world_;
};

TEST_F(ErpLoadTest, LoadsEveryRowAndTheDemoCustomerExactly) {
  erp::LoadOptions options;
  options.replace = true;
  options.batch_rows = 37;  // several batches
  auto counts = erp::LoadErp(world_, *db_, options);
  ASSERT_TRUE(counts.ok()) << counts.status();
  EXPECT_EQ(counts->customers, static_cast<int64_t>(world_.erp_customers.size()));
  EXPECT_EQ(counts->orders, static_cast<int64_t>(world_.erp_orders.size()));
  EXPECT_EQ(One("SELECT COUNT(*) FROM customers"), std::to_string(counts->customers));
  EXPECT_EQ(One("SELECT COUNT(*) FROM order_lines"), std::to_string(counts->order_lines));
  EXPECT_EQ(One("SELECT COUNT(*) FROM shipments"), std::to_string(counts->shipments));
  EXPECT_EQ(One("SELECT COUNT(*) FROM invoices"), std::to_string(counts->invoices));
  EXPECT_EQ(One("SELECT COUNT(*) FROM products"), std::to_string(counts->products));

  auto jane = db_->Query(
      "SELECT c.given_name, c.family_name, c.email, c.legacy_account, c.tier, c.created_at, "
      "a.line1, a.town, a.postcode FROM customers c JOIN addresses a ON a.customer_id = "
      "c.customer_id WHERE c.customer_id = ?",
      {SqlParam::Text("C0100001")}, Clock::now() + seconds(20));
  ASSERT_TRUE(jane.ok()) << jane.status();
  ASSERT_EQ(jane->rows.size(), 1u);
  const world::ErpCustomer& truth = *world_.erp_customer("C0100001");
  const auto& row = jane->rows[0];
  EXPECT_EQ(*row[0], "Jane");
  EXPECT_EQ(*row[1], "Doe");
  EXPECT_EQ(*row[2], "jane.doe@example.com");
  EXPECT_EQ(*row[3], "00104217");
  EXPECT_EQ(*row[4], "GOLD");
  EXPECT_EQ(*row[5], world::FormatIso8601(truth.created_at));
  EXPECT_EQ(*row[6], "12 High Street");
  EXPECT_EQ(*row[7], "Leeds");
  EXPECT_EQ(*row[8], "LS1 4AB");
  // Her delayed order: shipped, not delivered, promised date in the past.
  EXPECT_EQ(One("SELECT s.delivered_at FROM shipments s JOIN orders o ON o.order_id = s.order_id "
                "WHERE o.order_number = ?",
                {SqlParam::Text("W1000002")}),
            "<none>");
  EXPECT_EQ(
      One("SELECT o.status FROM orders o WHERE o.order_number = ?", {SqlParam::Text("W1000002")}),
      "S");
  EXPECT_EQ(One("SELECT COUNT(*) FROM orders WHERE customer_id = ?", {SqlParam::Text("C0100001")}),
            "4");
  EXPECT_EQ(One("SELECT i.paid FROM invoices i JOIN orders o ON o.order_id = i.order_id WHERE "
                "o.order_number = ?",
                {SqlParam::Text("P1000001")}),
            "0");
  // Money sums exactly in minor units.
  int64_t total = 0;
  for (const auto& order : world_.erp_orders) total += order.total_minor;
  EXPECT_EQ(One("SELECT SUM(total_minor) FROM orders"), std::to_string(total));
}

TEST_F(ErpLoadTest, ReloadingWithoutReplaceIsRefused) {
  erp::LoadOptions options;
  options.replace = true;
  ASSERT_TRUE(erp::LoadErp(world_, *db_, options).ok());
  options.replace = false;
  auto again = erp::LoadErp(world_, *db_, options);
  EXPECT_EQ(again.status().code(), absl::StatusCode::kFailedPrecondition) << again.status();
  EXPECT_EQ(One("SELECT COUNT(*) FROM customers"), std::to_string(world_.erp_customers.size()));
}

TEST(ErpSchemaTest, SchemaSplitsIntoStatementsWithoutComments) {
  auto statements = erp::SchemaStatements();
  ASSERT_GE(statements.size(), 10u);
  for (const auto& statement : statements) {
    EXPECT_EQ(statement.find("--"), std::string::npos) << statement;
    EXPECT_EQ(statement.find(';'), std::string::npos) << statement;
  }
  EXPECT_EQ(erp::OrderId(0), "SO00000001");
  EXPECT_EQ(erp::OrderId(99999999), "SO100000000");
}

}  // namespace
}  // namespace omnihub::odbc
