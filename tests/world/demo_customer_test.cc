// Jane Doe, the demo customer, in every system with the variants world.h documents.
#include <gtest/gtest.h>

#include <algorithm>

#include "tools/simulators/world/world.h"

namespace omnihub::world {
namespace {

class DemoCustomerTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    GeneratorOptions options;
    options.seed = GetParam();
    options.customers = 300;
    world_ = Generate(options);
  }
  World world_;
};

TEST_P(DemoCustomerTest, GroundTruth) {
  const Person& jane = world_.people.front();
  EXPECT_EQ(jane.person_id, "P0000001");
  EXPECT_EQ(jane.given_name, "Jane");
  EXPECT_EQ(jane.family_name, "Doe");
  EXPECT_EQ(jane.email, "jane.doe@example.com");
  EXPECT_EQ(jane.phone_e164, "+447700900123");
  EXPECT_EQ(jane.twitter_handle, "janedoe");
  EXPECT_EQ(jane.address.line1, "12 High Street");
  EXPECT_EQ(jane.address.city, "Leeds");
  EXPECT_EQ(jane.address.postcode, "LS1 4AB");
  EXPECT_EQ(jane.loyalty_card, "6335000000000003");
  EXPECT_TRUE(LuhnValid(jane.loyalty_card));
  EXPECT_EQ(world_.person("P0000001"), &jane);
  EXPECT_EQ(world_.loyalty_card_holder("6335000000000003"), &jane);
}

TEST_P(DemoCustomerTest, Mainframe) {
  const MainframeAccount* account = world_.mainframe_account("00104217");
  ASSERT_NE(account, nullptr);
  EXPECT_EQ(account->person_id, "P0000001");
  EXPECT_EQ(account->name_upper, "DOE JANE");
  EXPECT_EQ(account->address_line1, "12 HIGH ST");
  EXPECT_EQ(account->postcode, "LS1 4AB");
  EXPECT_GT(account->balance_minor, 0);
  EXPECT_EQ(account->status, 'A');
  EXPECT_GE(account->notes.size(), 3u);
}

TEST_P(DemoCustomerTest, Erp) {
  const ErpCustomer* customer = world_.erp_customer("C0100001");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ(customer->legacy_account, "00104217");
  EXPECT_EQ(customer->email, "jane.doe@example.com");
  std::vector<const ErpOrder*> orders;
  for (const auto& order : world_.erp_orders) {
    if (order.customer_number == "C0100001") orders.push_back(&order);
  }
  ASSERT_GE(orders.size(), 3u);
  bool delayed = false, unpaid = false;
  for (const auto* order : orders) {
    EXPECT_FALSE(order->invoices.empty()) << order->order_number;
    for (const auto& shipment : order->shipments) {
      auto promised_end =
          Time{std::chrono::sys_days{shipment.promised_date} + std::chrono::days{1}};
      if (!shipment.delivered_at && world_.options.anchor > promised_end) delayed = true;
    }
    for (const auto& invoice : order->invoices) unpaid = unpaid || !invoice.paid;
  }
  EXPECT_TRUE(delayed);
  EXPECT_TRUE(unpaid);
  EXPECT_TRUE(std::any_of(world_.erp_returns.begin(), world_.erp_returns.end(),
                          [](const ErpReturn& r) { return r.order_number == "W1000003"; }));
}

TEST_P(DemoCustomerTest, Ecommerce) {
  const EcomCustomer* customer = world_.ecom_customer("6108000123");
  ASSERT_NE(customer, nullptr);
  EXPECT_EQ(customer->email, "Jane.Doe@Example.com");
  EXPECT_EQ(customer->phone, "07700 900123");
  EXPECT_EQ(customer->twitter_handle, "@JaneDoe");
  EXPECT_FALSE(customer->facebook_id.empty());
  size_t orders = 0, notes = 0, tracked = 0;
  for (const auto& order : world_.ecom_orders) {
    if (order.customer_id != "6108000123") continue;
    ++orders;
    notes += order.notes.size();
    tracked += order.tracking.has_value();
    EXPECT_EQ(order.order_number[0], 'W');
  }
  EXPECT_EQ(orders, 3u);
  EXPECT_GT(notes, 0u);
  EXPECT_EQ(tracked, 3u);
}

TEST_P(DemoCustomerTest, Payments) {
  bool partial_refund = false, review = false;
  for (const auto& payment : world_.payments) {
    if (payment.shopper_reference != "6108000123") continue;
    partial_refund =
        partial_refund || (payment.state == "PARTIALLY_REFUNDED" && payment.refunded_minor > 0 &&
                           payment.refunded_minor < payment.captured_minor);
    review = review || payment.fraud_decision == "REVIEW" || payment.fraud_decision == "HOLD";
  }
  EXPECT_TRUE(partial_refund);
  EXPECT_TRUE(review);
}

TEST_P(DemoCustomerTest, PointOfSale) {
  size_t sales = 0;
  bool return_line = false, negative_sale = false, spaced_card = false;
  for (const auto& t : world_.pos_transactions) {
    if (t.person_id != "P0000001") continue;
    EXPECT_EQ(DigitsOnly(t.loyalty_card), "6335000000000003");
    spaced_card = spaced_card || t.loyalty_card.find(' ') != std::string::npos;
    if (!t.is_return) ++sales;
    for (const auto& line : t.lines) {
      return_line = return_line || line.line_kind == "RETURN";
      negative_sale = negative_sale || (line.line_kind == "SALE" && line.quantity < 0);
    }
  }
  EXPECT_GE(sales, 2u);
  EXPECT_TRUE(return_line);
  EXPECT_TRUE(negative_sale);
  EXPECT_TRUE(spaced_card);
}

INSTANTIATE_TEST_SUITE_P(AnySeed, DemoCustomerTest, ::testing::Values(1, 42, 987654321));

}  // namespace
}  // namespace omnihub::world
