// The ground truth is consistent: every record and cross-reference belongs to the right person.
#include <gtest/gtest.h>

#include <map>

#include "tools/simulators/world/world.h"

namespace omnihub::world {
namespace {

class TruthTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    GeneratorOptions options;
    options.seed = 77;
    options.customers = 5000;
    world_ = new World(Generate(options));
  }
  static void TearDownTestSuite() { delete world_; }
  static World* world_;
};
World* TruthTest::world_ = nullptr;

TEST_F(TruthTest, ErpCrossReferencesPointToTheSamePersonsMainframeAccount) {
  size_t cross_referenced = 0;
  for (const auto& customer : world_->erp_customers) {
    if (customer.legacy_account.empty()) continue;
    const MainframeAccount* account = world_->mainframe_account(customer.legacy_account);
    ASSERT_NE(account, nullptr) << customer.legacy_account;
    EXPECT_EQ(account->person_id, customer.person_id);
    ++cross_referenced;
  }
  EXPECT_GT(cross_referenced, world_->mainframe_accounts.size() / 2);
}

TEST_F(TruthTest, OrdersAndPaymentsBelongToTheirCustomers) {
  for (const auto& order : world_->erp_orders) {
    ASSERT_NE(world_->erp_customer(order.customer_number), nullptr);
    EXPECT_TRUE(order.order_number[0] == 'W' || order.order_number[0] == 'P');
    EXPECT_EQ(order.channel, order.order_number[0] == 'W' ? "WEB" : "PHONE");
  }
  std::map<std::string, std::string> web_order_owner;
  for (const auto& order : world_->ecom_orders) {
    const EcomCustomer* customer = world_->ecom_customer(order.customer_id);
    ASSERT_NE(customer, nullptr);
    web_order_owner[order.order_number] = customer->person_id;
  }
  for (const auto& order : world_->erp_orders) {
    if (order.channel != "WEB") continue;
    auto it = web_order_owner.find(order.order_number);
    ASSERT_NE(it, web_order_owner.end()) << order.order_number;
    EXPECT_EQ(it->second, world_->erp_customer(order.customer_number)->person_id);
  }
  for (const auto& payment : world_->payments) {
    ASSERT_NE(world_->ecom_customer(payment.shopper_reference), nullptr);
    auto it = web_order_owner.find(payment.merchant_reference);
    ASSERT_NE(it, web_order_owner.end()) << payment.merchant_reference;
    EXPECT_EQ(it->second, world_->ecom_customer(payment.shopper_reference)->person_id);
    EXPECT_EQ(payment.psp_reference.size(), 16u);
    EXPECT_LE(payment.fraud_score, 100);
  }
}

TEST_F(TruthTest, PosCardsBelongToTheirHolders) {
  for (const auto& t : world_->pos_transactions) {
    const Person* holder = world_->loyalty_card_holder(DigitsOnly(t.loyalty_card));
    ASSERT_NE(holder, nullptr) << t.loyalty_card;
    EXPECT_EQ(holder->person_id, t.person_id);
    int64_t sum = 0;
    for (const auto& line : t.lines) sum += line.amount_minor;
    EXPECT_EQ(sum, t.total_minor);
  }
}

TEST_F(TruthTest, TruthRowsCoverEverySystemAndResolve) {
  std::map<System, size_t> per_system;
  for (const auto& row : world_->Truth()) {
    ++per_system[row.system];
    EXPECT_NE(world_->person(row.person_id), nullptr) << row.account_id;
  }
  EXPECT_EQ(per_system[System::kMainframe], world_->mainframe_accounts.size());
  EXPECT_EQ(per_system[System::kErp], world_->erp_customers.size());
  EXPECT_EQ(per_system[System::kEcommerce], world_->ecom_customers.size());
  EXPECT_GT(per_system[System::kPayment], 0u);
  EXPECT_GT(per_system[System::kPos], 0u);
}

TEST_F(TruthTest, LookupsRejectUnknownIds) {
  EXPECT_EQ(world_->person("P9999999"), nullptr);
  EXPECT_EQ(world_->person("P0000000"), nullptr);
  EXPECT_EQ(world_->person("X"), nullptr);
  EXPECT_EQ(world_->mainframe_account("nope"), nullptr);
  EXPECT_EQ(world_->erp_customer(""), nullptr);
}

}  // namespace
}  // namespace omnihub::world
