// Identity rules from configuration: a type made to link automatically joins the accounts that
// share it; one made never to link only finds them; manual links follow the same rules.
#include <gtest/gtest.h>

#include "hub/identity/identity_index.h"
#include "hub/identity/manual_links.h"

namespace omnihub::hub {
namespace {

omnihub::v1::Identifier Id(omnihub::v1::IdentifierType type, std::string value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  return identifier;
}

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;

class IdentityRulesTest : public ::testing::Test {
 protected:
  std::shared_ptr<const IdentityIndex> Build(const IdentityRules& rules) {
    std::vector<IdentityIndex::SystemAccounts> systems = {
        {"erp", {{"C1", {Id(kEmail, "ann@example.com"), Id(kPhone, "07700 900123")}, "Ann", ""}}},
        {"ecommerce",
         {{"E1", {Id(kEmail, "ann@example.com")}, "Ann", ""},
          {"E2", {Id(kPhone, "07700 900123")}, "Bea", ""}}},
    };
    return IdentityIndex::Build(systems, {"erp", "ecommerce"}, normalizer_, rules);
  }
  size_t CustomersFor(const IdentityIndex& index, const omnihub::v1::Identifier& raw) {
    return index.Find(*normalizer_.Normalize(raw)).size();
  }
  IdentifierNormalizer normalizer_{"GB"};
};

TEST_F(IdentityRulesTest, DefaultsLinkEmailButNotPhone) {
  auto index = Build({});
  EXPECT_EQ(index->stats().customers, 2u);  // C1+E1 by e-mail, E2 alone
  EXPECT_EQ(CustomersFor(*index, Id(kPhone, "+447700900123")), 2u);
}

TEST_F(IdentityRulesTest, ConfiguredRulesDecide) {
  IdentityRules rules;
  rules.strength[kEmail] = IdentifierStrength::kWeak;
  rules.strength[kPhone] = IdentifierStrength::kStrong;
  auto index = Build(rules);
  // C1 and E2 share the phone (now linking); E1 shares only the e-mail (no longer linking).
  EXPECT_EQ(index->stats().customers, 2u);
  EXPECT_EQ(CustomersFor(*index, Id(kPhone, "+447700900123")), 1u);
  EXPECT_EQ(CustomersFor(*index, Id(kEmail, "ann@example.com")), 2u);

  // A manual link of an e-mail someone holds adds it instead of merging (it is weak here).
  ManualLinks links(index);
  const auto bea = index->Find(*normalizer_.Normalize(Id(kEmail, "ann@example.com")));
  ManualLinkEvent event;
  event.customer_id =
      index->Find(*normalizer_.Normalize(Id(kPhone, "+447700900123"))).front()->customer_id;
  event.identifier = *normalizer_.Normalize(Id(kEmail, "other@example.com"));
  event.agent_id = "A1";
  event.reason = "r";
  auto effect = links.Apply(event);
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kAddIdentifier);
}

}  // namespace
}  // namespace omnihub::hub
