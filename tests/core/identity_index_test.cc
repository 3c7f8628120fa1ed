// The identity graph: deterministic links on strong identifiers, never a wrong merge.
#include "hub/identity/identity_index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace omnihub::hub {
namespace {

using omnihub::sdk::AccountIdentity;
using omnihub::v1::Identifier;
using omnihub::v1::IdentifierType;

Identifier Id(IdentifierType type, std::string value, std::string system = "") {
  Identifier identifier;
  identifier.set_type(type);
  identifier.set_value(std::move(value));
  identifier.set_system(std::move(system));
  return identifier;
}

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;
constexpr auto kAccount = omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;
constexpr auto kTwitter = omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE;

class IdentityIndexTest : public ::testing::Test {
 protected:
  std::vector<IdentityIndex::SystemAccounts> Landscape() {
    return {
        {"erp",
         {{"C1",
           {Id(kEmail, "jane.doe@example.com"), Id(kAccount, "M1", "mainframe"),
            Id(kPhone, "+44 7700 900123")},
           "Jane Doe",
           "LS1 4AB"},
          {"C2",
           {Id(kEmail, "john.doe@example.com"), Id(kPhone, "+44 7700 900123")},
           "John Doe",
           "LS1 4AB"}}},
        {"ecommerce",
         {{"E1",
           {Id(kEmail, "Jane.Doe@Example.com"), Id(kTwitter, "@JaneDoe"),
            Id(kPhone, "07700 900123")},
           "jane doe",
           ""}}},
        {"mainframe", {{"M1", {}, "DOE JANE", "LS1 4AB"}, {"M2", {}, "DOE JOHN", "LS1 4AB"}}},
    };
  }
  IdentifierNormalizer normalizer_{"GB"};
  std::vector<std::string> order_{"erp", "ecommerce", "mainframe"};
};

TEST_F(IdentityIndexTest, StrongIdentifiersAndCrossReferencesLinkAccounts) {
  auto index = IdentityIndex::Build(Landscape(), order_, normalizer_);
  auto jane = index->Find(*normalizer_.Normalize(Id(kTwitter, "janedoe")));
  ASSERT_EQ(jane.size(), 1u);
  EXPECT_EQ(jane.front()->AccountsIn("erp"), std::vector<std::string>{"C1"});
  EXPECT_EQ(jane.front()->AccountsIn("ecommerce"), std::vector<std::string>{"E1"});
  EXPECT_EQ(jane.front()->AccountsIn("mainframe"), std::vector<std::string>{"M1"});
  // Every way in leads to the same customer.
  EXPECT_EQ(index->Find(*normalizer_.Normalize(Id(kEmail, " JANE.DOE@example.COM")))[0], jane[0]);
  EXPECT_EQ(index->Find(*normalizer_.Normalize(Id(kAccount, "m1", "mainframe")))[0], jane[0]);
}

TEST_F(IdentityIndexTest, WeakIdentifiersFindButNeverLink) {
  auto index = IdentityIndex::Build(Landscape(), order_, normalizer_);
  // A household phone shared by Jane and John: both found, not merged.
  auto shared = index->Find(*normalizer_.Normalize(Id(kPhone, "07700900123")));
  EXPECT_EQ(shared.size(), 2u);
  EXPECT_NE(shared[0]->customer_id, shared[1]->customer_id);
  // M2 has no strong identifier in common with anyone: a customer of its own.
  EXPECT_EQ(index->size(), 3u);
}

TEST_F(IdentityIndexTest, ALinkThatWouldJoinTwoAccountsOfOneSystemIsRefused) {
  auto systems = Landscape();
  // A shared family e-mail on two ERP customers must not merge them.
  systems[0].accounts[1].identifiers.push_back(Id(kEmail, "jane.doe@example.com"));
  auto index = IdentityIndex::Build(systems, order_, normalizer_);
  EXPECT_EQ(index->stats().conflicts, 1u);
  auto found = index->Find(*normalizer_.Normalize(Id(kEmail, "jane.doe@example.com")));
  EXPECT_EQ(found.size(), 2u) << "an ambiguous identifier must say so, not pick one";
}

TEST_F(IdentityIndexTest, GoldenIdsAreStableAcrossRebuildsAndInputOrder) {
  auto first = IdentityIndex::Build(Landscape(), order_, normalizer_);
  auto systems = Landscape();
  std::mt19937 shuffle(7);
  for (auto& system : systems) {
    std::shuffle(system.accounts.begin(), system.accounts.end(), shuffle);
  }
  std::reverse(systems.begin(), systems.end());
  auto second = IdentityIndex::Build(systems, order_, normalizer_);
  ASSERT_EQ(first->size(), second->size());
  for (size_t i = 0; i < first->size(); ++i) {
    const auto& customer = first->customer(static_cast<uint32_t>(i));
    const auto* again = second->FindById(customer.customer_id);
    ASSERT_NE(again, nullptr) << customer.customer_id;
    EXPECT_EQ(again->accounts.size(), customer.accounts.size());
  }
}

TEST_F(IdentityIndexTest, InvalidIdentifiersFromABackendAreSkippedAndCounted) {
  auto systems = Landscape();
  systems[1].accounts[0].identifiers.push_back(Id(kPhone, "not a phone"));
  auto index = IdentityIndex::Build(systems, order_, normalizer_);
  EXPECT_EQ(index->stats().invalid_identifiers, 1u);
  EXPECT_EQ(index->size(), 3u);
}

TEST_F(IdentityIndexTest, NameAndPostcodeGiveCandidatesOnly) {
  auto index = IdentityIndex::Build(Landscape(), order_, normalizer_);
  auto candidates = index->FindByName("Jane Doe", "ls1 4ab", 10);
  ASSERT_FALSE(candidates.empty());
  EXPECT_EQ(index->customer(candidates[0].customer_index).AccountsIn("erp"),
            std::vector<std::string>{"C1"});
  EXPECT_GT(candidates[0].score, candidates.back().score - 1e-9);
  EXPECT_FALSE(candidates[0].evidence.empty());
  EXPECT_TRUE(index->FindByName("Jane Doe", "ZZ9 9ZZ", 10).empty());
  // John shares only the surname and the postcode with Jane: a household, not a candidate.
  for (const auto& candidate : candidates) {
    EXPECT_NE(index->customer(candidate.customer_index).AccountsIn("erp"),
              std::vector<std::string>{"C2"});
  }
  // A one-letter slip in a longer word still finds her.
  EXPECT_FALSE(index->FindByName("Jane Doee", "LS1 4AB", 10).empty());
}

}  // namespace
}  // namespace omnihub::hub
