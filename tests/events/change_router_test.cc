// What the hub does with a backend's change: attribute it to the right customer, make exactly
// the affected sections out of date, broadcast it, and ignore a repeat.
#include "hub/events/change_router.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace omnihub::hub {
namespace {

omnihub::v1::Identifier Email(const std::string& value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier.set_value(value);
  return identifier;
}

omnihub::events::BackendChange Change(const std::string& id, const std::string& system,
                                      const std::string& account) {
  omnihub::events::BackendChange change;
  change.set_event_id(id);
  change.set_type(omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1793534400);
  change.set_system(system);
  change.set_account_id(account);
  change.set_subject("W1000002");
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  return change;
}

struct Invalidation {
  std::string customer_id;
  std::string system;
  std::vector<omnihub::v1::Section> sections;
};

class ChangeRouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::vector<IdentityIndex::SystemAccounts> systems = {
        {"erp",
         {{"C0100001", {Email("jane.doe@example.com")}, "Jane Doe", "LS1 4AB"},
          {"C0100002", {Email("john@example.com")}, "John Roe", "M1 1AA"}}},
        {"ecommerce", {{"6108000123", {Email("Jane.Doe@Example.com")}, "Jane Doe", ""}}}};
    directory_.Replace(IdentityIndex::Build(systems, {"erp", "ecommerce"}, normalizer_));
    router_.SetInvalidateHook([this](const std::string& customer, const std::string& system,
                                     const std::vector<omnihub::v1::Section>& sections) {
      invalidations_.push_back({customer, system, sections});
    });
    subscription_ = broadcaster_.Subscribe({}, nullptr);
  }

  std::string CustomerOf(const std::string& email) {
    auto normalized = normalizer_.Normalize(Email(email));
    return directory_.snapshot()->Find(*normalized).front()->customer_id;
  }

  std::vector<omnihub::v1::Event> Broadcast() {
    std::vector<omnihub::v1::Event> events;
    while (auto next = subscription_->TakeNext()) {
      events.push_back(*next);
      subscription_->WriteDone();
    }
    return events;
  }

  IdentifierNormalizer normalizer_{"GB"};
  CustomerDirectory directory_{normalizer_};
  EventBroadcaster broadcaster_{64};
  ChangeRouter router_{directory_, broadcaster_, 3};
  std::shared_ptr<EventSubscription> subscription_;
  std::vector<Invalidation> invalidations_;
};

TEST_F(ChangeRouterTest, AttributesInvalidatesExactlyTheAffectedSectionAndBroadcasts) {
  router_.OnChange(Change("e1", "ecommerce", "6108000123"));
  const std::string jane = CustomerOf("jane.doe@example.com");
  ASSERT_EQ(invalidations_.size(), 1u);
  EXPECT_EQ(invalidations_[0].customer_id, jane);
  EXPECT_EQ(invalidations_[0].system, "ecommerce");
  EXPECT_EQ(invalidations_[0].sections, std::vector{omnihub::v1::SECTION_ORDERS});
  const auto events = Broadcast();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].customer_id(), jane);
  EXPECT_EQ(events[0].event_id(), "ecommerce:e1");
  EXPECT_EQ(events[0].source_system(), "ecommerce");
  EXPECT_EQ(events[0].subject(), "W1000002");
  EXPECT_NE(jane, CustomerOf("john@example.com"));
}

TEST_F(ChangeRouterTest, AChangeNamingNoSectionAffectsTheWholeView) {
  auto change = Change("e1", "erp", "C0100002");
  change.clear_affected_sections();
  router_.OnChange(change);
  ASSERT_EQ(invalidations_.size(), 1u);
  EXPECT_EQ(invalidations_[0].customer_id, CustomerOf("john@example.com"));
  EXPECT_EQ(invalidations_[0].sections.size(), 6u);
}

TEST_F(ChangeRouterTest, RepeatsAreIgnoredWithinTheWindow) {
  router_.OnChange(Change("e1", "erp", "C0100001"));
  router_.OnChange(Change("e1", "erp", "C0100001"));
  router_.OnChange(Change("e1", "ecommerce", "6108000123"));  // another system's e1
  EXPECT_EQ(invalidations_.size(), 2u);
  EXPECT_EQ(router_.stats().duplicates, 1u);
  // The window holds 3: after three other changes e1 is forgotten.
  for (const char* id : {"e2", "e3", "e4"}) router_.OnChange(Change(id, "erp", "C0100001"));
  router_.OnChange(Change("e1", "erp", "C0100001"));
  EXPECT_EQ(router_.stats().duplicates, 1u);
}

TEST_F(ChangeRouterTest, UnknownAccountsAreBroadcastWithoutACustomerAndInvalidateNothing) {
  router_.OnChange(Change("e1", "erp", "C9999999"));
  router_.OnChange(Change("e2", "pos", "C0100001"));  // right number, wrong system
  EXPECT_TRUE(invalidations_.empty());
  EXPECT_EQ(router_.stats().unattributed, 2u);
  const auto events = Broadcast();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_TRUE(events[0].customer_id().empty());
}

// The poslog connector's change: its account id is the loyalty card (which its identity scan
// gives the hub as the pos account number and as a loyalty card); the card holder's store orders
// and contacts are dropped, nothing else.
TEST(ChangeRouterPosTest, APosTransactionReachesTheCardHoldersStoreSections) {
  auto identifier = [](omnihub::v1::IdentifierType type, const std::string& value,
                       const std::string& system) {
    omnihub::v1::Identifier out;
    out.set_type(type);
    out.set_value(value);
    out.set_system(system);
    return out;
  };
  const std::string card = "6335000000000003";
  IdentifierNormalizer normalizer{"GB"};
  CustomerDirectory directory{normalizer};
  std::vector<IdentityIndex::SystemAccounts> systems = {
      {"erp",
       {{"C0100001",
         {Email("jane.doe@example.com"),
          identifier(omnihub::v1::IDENTIFIER_TYPE_LOYALTY_CARD, card, "")},
         "Jane Doe",
         "LS1 4AB"}}},
      {"pos",
       {{card,
         {identifier(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, card, "pos"),
          identifier(omnihub::v1::IDENTIFIER_TYPE_LOYALTY_CARD, card, "")},
         "",
         ""}}}};
  directory.Replace(IdentityIndex::Build(systems, {"erp", "pos"}, normalizer));
  EventBroadcaster broadcaster{8};
  auto subscription = broadcaster.Subscribe({}, nullptr);
  ChangeRouter router{directory, broadcaster};
  std::vector<Invalidation> invalidations;
  router.SetInvalidateHook([&](const std::string& customer, const std::string& system,
                               const std::vector<omnihub::v1::Section>& sections) {
    invalidations.push_back({customer, system, sections});
  });

  omnihub::events::BackendChange change = Change("pos-S042-R03-2026-11-29-7", "pos", card);
  change.set_type(omnihub::v1::EVENT_TYPE_POS_TRANSACTION);
  change.set_subject("S042-R03-2026-11-29-7");
  change.add_affected_sections(omnihub::v1::SECTION_CONTACTS);
  router.OnChange(change);

  auto jane = directory.snapshot()->Find(*normalizer.Normalize(Email("jane.doe@example.com")));
  ASSERT_EQ(jane.size(), 1u);
  ASSERT_EQ(invalidations.size(), 1u);
  EXPECT_EQ(invalidations[0].customer_id, jane.front()->customer_id);
  EXPECT_EQ(invalidations[0].system, "pos");
  EXPECT_EQ(invalidations[0].sections,
            (std::vector<omnihub::v1::Section>{omnihub::v1::SECTION_ORDERS,
                                               omnihub::v1::SECTION_CONTACTS}));
  auto event = subscription->TakeNext();
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->type(), omnihub::v1::EVENT_TYPE_POS_TRANSACTION);
  EXPECT_EQ(event->customer_id(), jane.front()->customer_id);
  EXPECT_EQ(event->subject(), "S042-R03-2026-11-29-7");
}

}  // namespace
}  // namespace omnihub::hub
