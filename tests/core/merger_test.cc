// Merging answers of several systems: survivorship, order de-duplication, statuses.
#include "hub/aggregate/merger.h"

#include <gtest/gtest.h>

#include "google/protobuf/util/time_util.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;

SourceOutcome Answered(const std::string& system) {
  SourceOutcome outcome;
  outcome.system = system;
  outcome.status = absl::OkStatus();
  outcome.latency = std::chrono::milliseconds(5);
  outcome.as_of = std::chrono::system_clock::now();
  return outcome;
}

omnihub::v1::Order Order(const std::string& number, const std::string& system, int64_t placed) {
  omnihub::v1::Order order;
  order.set_order_number(number);
  order.set_order_id(system + ":" + number);
  order.set_source_system(system);
  order.add_seen_in(system);
  *order.mutable_placed_at() = TimeUtil::SecondsToTimestamp(placed);
  return order;
}

class MergerTest : public ::testing::Test {
 protected:
  IdentifierNormalizer normalizer_{"GB"};
  Merger merger_{SurvivorshipRules(
                     {{"*", {"erp", "ecommerce", "mainframe"}}, {"phone", {"ecommerce", "erp"}}}),
                 normalizer_};
  GoldenCustomer golden_{"C-1", {{"erp", "C1", "anchor account"}}, {}, "Jane Doe", "LS1 4AB", {},
                         {}};
};

TEST_F(MergerTest, EachProfileFieldComesFromItsWinningSystem) {
  auto erp = Answered("erp");
  erp.data.profile.emplace();
  erp.data.profile->set_email("jane.doe@example.com");
  erp.data.profile->set_phone("+44 113 496 0000");
  auto web = Answered("ecommerce");
  web.data.profile.emplace();
  web.data.profile->set_email("Jane.Doe@Example.com");
  web.data.profile->set_phone("07700 900123");
  web.data.profile->set_display_name("jane doe");
  auto profile = merger_.Profile(golden_, {web, erp});
  EXPECT_EQ(profile.email(), "jane.doe@example.com");
  EXPECT_EQ(profile.field_sources().at("email"), "erp");
  EXPECT_EQ(profile.phone(), "+447700900123") << "phone is E.164 from the phone winner";
  EXPECT_EQ(profile.field_sources().at("phone"), "ecommerce");
  EXPECT_EQ(profile.display_name(), "jane doe") << "erp has no name: the next system's wins";
  EXPECT_EQ(profile.customer_id(), "C-1");
}

TEST_F(MergerTest, AnUnreadablePhoneLosesToTheNextSystem) {
  auto web = Answered("ecommerce");
  web.data.profile.emplace();
  web.data.profile->set_phone("call me maybe");
  auto erp = Answered("erp");
  erp.data.profile.emplace();
  erp.data.profile->set_phone("+44 7700 900123");
  auto profile = merger_.Profile(golden_, {web, erp});
  EXPECT_EQ(profile.phone(), "+447700900123");
  EXPECT_EQ(profile.field_sources().at("phone"), "erp");
}

TEST_F(MergerTest, TheSameOrderFromTwoSystemsIsOneOrderCompletedFromBoth) {
  auto erp = Answered("erp");
  auto erp_order = Order("W1001", "erp", 2000);
  erp_order.add_shipments()->set_carrier("DPD");
  erp.data.orders.push_back(erp_order);
  erp.data.orders.push_back(Order("P2002", "erp", 1000));
  auto web = Answered("ecommerce");
  auto web_order = Order("W1001", "ecommerce", 2000);
  web_order.add_shipments()->set_tracking_number("TRACK-1");
  web_order.add_lines()->set_sku("SKU-1");
  web.data.orders.push_back(web_order);
  web.data.orders.push_back(Order("W3003", "ecommerce", 3000));

  auto orders = merger_.Orders({web, erp});
  ASSERT_EQ(orders.size(), 3u);
  EXPECT_EQ(orders[0].order_number(), "W3003") << "newest first";
  const auto& merged = orders[1];
  EXPECT_EQ(merged.order_number(), "W1001");
  EXPECT_EQ(merged.source_system(), "erp");
  EXPECT_EQ(merged.seen_in_size(), 2);
  EXPECT_EQ(merged.shipments(0).carrier(), "DPD");
  EXPECT_EQ(merged.shipments(0).tracking_number(), "TRACK-1");
  EXPECT_EQ(merged.lines_size(), 1);
}

TEST_F(MergerTest, FailedSourcesContributeNothingButAreReported) {
  auto erp = Answered("erp");
  erp.data.orders.push_back(Order("W1", "erp", 1));
  auto slow = Answered("mainframe");
  slow.status = absl::DeadlineExceededError("no answer before the deadline");
  slow.latency.reset();
  slow.data.orders.push_back(Order("X", "mainframe", 2));
  auto missing = Answered("pos");
  missing.status = absl::NotFoundError("the customer has no account in pos");
  auto down = Answered("payment");
  down.status = absl::UnavailableError("connection refused");

  EXPECT_EQ(merger_.Orders({erp, slow, missing, down}).size(), 1u);
  auto statuses = Merger::Statuses({erp, slow, missing, down});
  ASSERT_EQ(statuses.size(), 4u);
  EXPECT_EQ(statuses[0].state(), omnihub::v1::SOURCE_STATE_OK);
  EXPECT_TRUE(statuses[0].has_latency());
  EXPECT_EQ(statuses[1].state(), omnihub::v1::SOURCE_STATE_TIMEOUT);
  EXPECT_EQ(statuses[1].detail(), "no answer before the deadline");
  EXPECT_EQ(statuses[2].state(), omnihub::v1::SOURCE_STATE_NOT_FOUND);
  EXPECT_EQ(statuses[3].state(), omnihub::v1::SOURCE_STATE_UNAVAILABLE);
}

TEST_F(MergerTest, ASectionAnsweredInPartIsReportedInTheSourcesDetail) {
  auto payment = Answered("payment");
  payment.data.payments.emplace_back();
  payment.data.incomplete[omnihub::v1::SECTION_PAYMENTS] = "fraud assessments missing for 2 orders";
  payment.note = "served from the cache: read 70 s ago";
  auto statuses = Merger::Statuses({payment, Answered("erp")});
  EXPECT_EQ(statuses[0].state(), omnihub::v1::SOURCE_STATE_OK);
  EXPECT_EQ(statuses[0].detail(),
            "fraud assessments missing for 2 orders; served from the cache: read 70 s ago");
  EXPECT_EQ(statuses[1].detail(), "");
}

TEST_F(MergerTest, PaymentTotalsAndFraudHold) {
  auto payment = Answered("payment");
  for (int i = 0; i < 2; ++i) {
    omnihub::v1::Payment entry;
    entry.mutable_captured()->set_currency_code("GBP");
    entry.mutable_captured()->set_amount_minor(1000);
    entry.mutable_refunded()->set_currency_code("GBP");
    entry.mutable_refunded()->set_amount_minor(i == 0 ? 250 : 0);
    if (i == 1) entry.mutable_fraud()->set_decision(omnihub::v1::FRAUD_DECISION_HOLD);
    payment.data.payments.push_back(entry);
  }
  auto summary = merger_.Payments({payment}, 20);
  EXPECT_EQ(summary.total_captured().amount_minor(), 2000);
  EXPECT_EQ(summary.total_refunded().amount_minor(), 250);
  EXPECT_EQ(summary.total_captured().currency_code(), "GBP");
  EXPECT_TRUE(summary.has_fraud_hold());
}

TEST_F(MergerTest, OpenCasesAreTheOpenOrPendingOnesMostRecentlyUpdatedFirst) {
  auto hub = Answered("hub");
  auto add = [&hub](const std::string& id, omnihub::v1::CaseStatus status, int64_t updated) {
    omnihub::v1::Case c;
    c.set_case_id(id);
    c.set_customer_id("C-merged-away");
    c.set_status(status);
    *c.mutable_updated_at() = TimeUtil::SecondsToTimestamp(updated);
    hub.data.cases.push_back(c);
  };
  add("K-old-open", omnihub::v1::CASE_STATUS_OPEN, 100);
  add("K-resolved", omnihub::v1::CASE_STATUS_RESOLVED, 500);
  add("K-pending", omnihub::v1::CASE_STATUS_PENDING, 300);
  add("K-closed", omnihub::v1::CASE_STATUS_CLOSED, 400);
  add("K-new-open", omnihub::v1::CASE_STATUS_OPEN, 200);
  auto failed = Answered("other");
  failed.status = absl::UnavailableError("down");
  failed.data.cases = hub.data.cases;

  const auto cases = merger_.OpenCases({hub, failed}, "C-1");
  std::vector<std::string> ids;
  for (const auto& c : cases) {
    ids.push_back(c.case_id());
    EXPECT_EQ(c.customer_id(), "C-1") << "shown as the customer's own";
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"K-pending", "K-new-open", "K-old-open"}));

  const auto view = merger_.Customer360(golden_, {hub}, 2);
  ASSERT_EQ(view.open_cases_size(), 2) << "at most recent_limit";
  EXPECT_EQ(view.open_cases(0).case_id(), "K-pending");
  EXPECT_EQ(view.open_cases(1).case_id(), "K-new-open");
}

TEST_F(MergerTest, LoyaltyCardAndStoreCardMayComeFromDifferentSystems) {
  auto erp = Answered("erp");
  erp.data.loyalty.emplace();
  erp.data.loyalty->set_card_number("6335000000000001");
  erp.data.loyalty->set_points_balance(420);
  erp.data.loyalty->set_source_system("erp");
  auto mainframe = Answered("mainframe");
  mainframe.data.loyalty.emplace();
  mainframe.data.loyalty->mutable_store_card()->set_status("ACTIVE");
  auto loyalty = merger_.Loyalty({mainframe, erp});
  ASSERT_TRUE(loyalty.has_value());
  EXPECT_EQ(loyalty->card_number(), "6335000000000001");
  EXPECT_EQ(loyalty->store_card().status(), "ACTIVE");
}

}  // namespace
}  // namespace omnihub::hub
