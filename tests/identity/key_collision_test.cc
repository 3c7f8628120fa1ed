// Keys of equal hash never resolve to each other's customer. HolderTable directly (keys sharing a
// hash keep their own holder lists, the look-up takes only what the caller's key check accepts),
// and an index built with a hash under which every key collides (IdentityIndex::BuildWithKeyHash)
// resolving, finding ids and postcodes, and taking an agent's link exactly as one built with the
// real hash.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "hub/identity/holder_table.h"
#include "hub/identity/identity_index.h"
#include "hub/identity/manual_links.h"
#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::v1::Identifier;

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;
constexpr auto kAccount = omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;
constexpr auto kTwitter = omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE;

// HolderTable over keys named by number: an entry's detail is its key's number.
std::vector<uint32_t> Holders(const HolderTable& table, uint64_t hash, uint32_t key) {
  const auto found = table.Find(hash, 0, [&](uint32_t, uint32_t detail) { return detail == key; });
  return {found.begin(), found.end()};
}

HolderTable TableOf(std::vector<HolderTable::Entry> entries) {
  return HolderTable(std::move(entries),
                     [](const HolderTable::Entry& a, const HolderTable::Entry& b) {
                       return a.detail == b.detail;
                     });
}

using Want = std::vector<uint32_t>;

TEST(HolderTableTest, KeysOfOneHashKeepTheirOwnHolders) {
  // Keys 1, 2 and 3 share hash 7; key 1 has three holders (one listed twice), key 2 one.
  const auto table =
      TableOf({{7, 0, 30, 1}, {7, 0, 20, 2}, {7, 0, 10, 1}, {7, 0, 40, 1}, {7, 0, 10, 1}});
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(Holders(table, 7, 1), (Want{10, 30, 40}));
  EXPECT_EQ(Holders(table, 7, 2), (Want{20}));
  EXPECT_EQ(Holders(table, 7, 3), Want{});
  EXPECT_EQ(Holders(table, 8, 1), Want{});
}

TEST(HolderTableTest, EveryKeyOfAFullTableIsFound) {
  std::vector<HolderTable::Entry> entries;
  for (uint32_t key = 0; key < 5000; ++key) {
    // Hashes crowd into few homes (and 0, stored apart from empty slots); every third key has
    // a second holder.
    const uint64_t hash = key % 7 == 0 ? 0 : (uint64_t{key % 13} << 60);
    entries.push_back({hash, 0, key, key});
    if (key % 3 == 0) entries.push_back({hash, 0, key + 100000, key});
  }
  const auto table = TableOf(entries);
  EXPECT_EQ(table.size(), 5000u);
  for (uint32_t key = 0; key < 5000; ++key) {
    const uint64_t hash = key % 7 == 0 ? 0 : (uint64_t{key % 13} << 60);
    EXPECT_EQ(Holders(table, hash, key), key % 3 == 0 ? (Want{key, key + 100000}) : (Want{key}))
        << key;
  }
  EXPECT_EQ(Holders(table, 1ULL << 60, 5000), Want{});
}

TEST(HolderTableTest, EntriesOfOneHashAndAnotherCheckAreApart) {
  const auto table = TableOf({{7, 1, 10, 1}, {7, 2, 20, 1}});
  const auto any = [](uint32_t, uint32_t) { return true; };
  EXPECT_EQ(Want(table.Find(7, 1, any).begin(), table.Find(7, 1, any).end()), (Want{10}));
  EXPECT_EQ(Want(table.Find(7, 2, any).begin(), table.Find(7, 2, any).end()), (Want{20}));
  EXPECT_TRUE(table.Find(7, 3, any).empty());
}

TEST(HolderTableTest, SaysWhenTwoKeysShareBothHashes) {
  EXPECT_FALSE(TableOf({{7, 1, 10, 1}, {7, 2, 20, 2}, {8, 1, 30, 3}}).has_fingerprint_collisions());
  EXPECT_FALSE(TableOf({{7, 1, 10, 1}, {7, 1, 20, 1}}).has_fingerprint_collisions())
      << "two holders of one key are no collision";
  EXPECT_TRUE(TableOf({{7, 1, 10, 1}, {7, 1, 20, 2}}).has_fingerprint_collisions());
}

TEST(HolderTableTest, AnEmptyTableFindsNothing) {
  EXPECT_EQ(Holders(HolderTable(), 7, 1), Want{});
  EXPECT_EQ(Holders(TableOf({}), 7, 1), Want{});
}

// Jane (erp C1 + ecommerce E1), John (erp C2, same postcode), Jim (ecommerce E2), a household
// phone shared by Jane and John.
std::vector<IdentityIndex::SystemAccounts> People() {
  return {
      {"erp",
       {{"C1", {Id(kEmail, "jane@example.com"), Id(kPhone, "07700 900123")}, "Jane Doe", "LS1 4AB"},
        {"C2",
         {Id(kEmail, "john@example.com"), Id(kPhone, "07700 900123")},
         "John Doe",
         "ls14ab"}}},
      {"ecommerce",
       {{"E1", {Id(kEmail, "jane@example.com"), Id(kTwitter, "@janedoe")}, "Jane Doe", ""},
        {"E2", {Id(kEmail, "jim@example.com")}, "Jim Doe", "M1 1AA"}}},
  };
}

// Every key hashes alike (HashKey's place; CheckKey still tells them apart, and links and merges
// compare the keys themselves): each look-up meets every other key's entry first or after.
uint64_t EveryKeyCollides(absl::string_view) { return 42; }

}  // namespace

// IdentityIndex's friend: builds with EveryKeyCollides.
class KeyCollisionTest : public ::testing::Test {
 protected:
  static std::shared_ptr<const IdentityIndex> BuildColliding() {
    return IdentityIndex::BuildWithKeyHash(People(), {"erp", "ecommerce"}, Normalizer(), {}, {},
                                           nullptr, nullptr, nullptr, EveryKeyCollides);
  }
  static std::vector<std::string> IdsOf(const IdentityIndex& index, const Identifier& identifier) {
    std::vector<std::string> ids;
    for (const auto* customer : index.Find(identifier)) ids.push_back(customer->customer_id);
    return ids;
  }

  const std::shared_ptr<const IdentityIndex> real_ =
      IdentityIndex::Build(People(), {"erp", "ecommerce"}, Normalizer());
  const std::shared_ptr<const IdentityIndex> colliding_ = BuildColliding();
};

TEST_F(KeyCollisionTest, EveryIdentifierResolvesAsWithTheRealHash) {
  ASSERT_EQ(colliding_->size(), real_->size());
  ASSERT_EQ(real_->size(), 3u);
  for (uint32_t c = 0; c < real_->size(); ++c) {
    for (const auto& identifier : real_->customer(c).identifiers) {
      EXPECT_EQ(IdsOf(*colliding_, identifier), IdsOf(*real_, identifier))
          << IdentifierNormalizer::Key(identifier);
    }
  }
  const std::string jane = IdOf(*real_, Id(kEmail, "jane@example.com"));
  const std::string john = IdOf(*real_, Id(kEmail, "john@example.com"));
  EXPECT_NE(jane, john);
  EXPECT_EQ(IdOf(*colliding_, Id(kEmail, "jane@example.com")), jane);
  EXPECT_EQ(IdOf(*colliding_, Id(kEmail, "john@example.com")), john);
  EXPECT_EQ(IdsOf(*colliding_, Id(kPhone, "07700 900123")).size(), 2u);
}

TEST_F(KeyCollisionTest, KeysNobodyHoldsResolveToNobody) {
  EXPECT_TRUE(colliding_->Find(Id(kEmail, "nobody@example.com")).empty());
  EXPECT_TRUE(colliding_->Find(Id(kPhone, "07700 900999")).empty());
  // The same value as another type's key, and an account of another system.
  EXPECT_TRUE(colliding_->Find(Id(kTwitter, "@jane")).empty());
  EXPECT_TRUE(colliding_->Find(Id(kAccount, "C1", "ecommerce")).empty());
  EXPECT_EQ(colliding_->Find(Id(kAccount, "C1", "erp")).size(), 1u);
}

TEST_F(KeyCollisionTest, IdsAndPostcodesFindTheirOwnCustomers) {
  for (uint32_t c = 0; c < real_->size(); ++c) {
    const std::string& id = real_->customer(c).customer_id;
    const auto* found = colliding_->FindById(id);
    ASSERT_NE(found, nullptr) << id;
    EXPECT_EQ(found->customer_id, id);
  }
  EXPECT_EQ(colliding_->FindById("C-0000000000000000"), nullptr);
  const auto candidates = [](const IdentityIndex& index, const std::string& name,
                             const std::string& postcode) {
    std::vector<std::string> ids;
    for (const auto& match : index.FindByName(name, postcode, 10)) {
      ids.push_back(index.customer(match.customer_index).customer_id);
    }
    return ids;
  };
  const std::string jane = IdOf(*real_, Id(kEmail, "jane@example.com"));
  const std::string jim = IdOf(*real_, Id(kEmail, "jim@example.com"));
  EXPECT_EQ(candidates(*colliding_, "Jane Doe", "LS1 4AB"), std::vector<std::string>{jane});
  EXPECT_EQ(candidates(*colliding_, "Jim Doe", "M1 1AA"), std::vector<std::string>{jim});
  // Jim's postcode key collides with LS14AB's, but he does not live there.
  EXPECT_TRUE(candidates(*colliding_, "Jim Doe", "LS1 4AB").empty());
  EXPECT_TRUE(candidates(*colliding_, "Jane Doe", "M2 2BB").empty());
}

TEST_F(KeyCollisionTest, AnAgentsLinkTakesEffectOnlyForItsKey) {
  ManualLinks links(colliding_);
  const std::string john = IdOf(*colliding_, Id(kEmail, "john@example.com"));
  const std::string jane = IdOf(*colliding_, Id(kEmail, "jane@example.com"));
  auto effect = links.Apply(Event(ManualLinkAction::kLink, john, Id(kTwitter, "@johndoe")));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(IdOf(*links.current(), Id(kTwitter, "@johndoe")), john);
  EXPECT_EQ(IdOf(*links.current(), Id(kTwitter, "@janedoe")), jane);
  EXPECT_EQ(IdOf(*links.current(), Id(kEmail, "john@example.com")), john);
}

}  // namespace omnihub::hub
