// Determinism, counts and noise of the generated world.
#include "tools/simulators/world/world.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <set>

#include "tools/simulators/world/text.h"
#include "tools/simulators/world/world_json.h"

namespace omnihub::world {
namespace {

// The whole world as text: byte-identical text means an identical world.
std::string Dump(const World& world) {
  std::string out;
  auto add = [&](const auto& items) {
    for (const auto& item : items) out += ToJson(item).dump() + "\n";
  };
  add(world.people);
  add(world.mainframe_accounts);
  add(world.erp_customers);
  add(world.products);
  add(world.erp_orders);
  add(world.erp_returns);
  add(world.ecom_customers);
  add(world.ecom_orders);
  add(world.payments);
  add(world.pos_transactions);
  return out;
}

World Make(uint64_t seed, int customers) {
  GeneratorOptions options;
  options.seed = seed;
  options.customers = customers;
  return Generate(options);
}

TEST(WorldTest, SameSeedGivesIdenticalWorld) {
  EXPECT_EQ(Dump(Make(42, 2000)), Dump(Make(42, 2000)));
}

TEST(WorldTest, DifferentSeedGivesDifferentWorld) {
  EXPECT_NE(Dump(Make(42, 2000)), Dump(Make(43, 2000)));
}

TEST(WorldTest, AnchorBoundsEveryDate) {
  World world = Make(5, 2000);
  for (const auto& order : world.erp_orders) EXPECT_LT(order.placed_at, world.options.anchor);
  for (const auto& order : world.ecom_orders) EXPECT_LT(order.created_at, world.options.anchor);
  for (const auto& t : world.pos_transactions) EXPECT_LT(t.end_time, world.options.anchor);
  for (const auto& p : world.payments) EXPECT_LT(p.created_at, world.options.anchor);
}

TEST(WorldTest, CountsRoughlyAsConfigured) {
  World world = Make(11, 10000);
  ASSERT_EQ(world.people.size(), 10000u);
  auto share = [&](size_t n) { return static_cast<double>(n) / 10000.0; };
  EXPECT_NEAR(share(world.mainframe_accounts.size()), 0.60, 0.03);
  EXPECT_NEAR(share(world.erp_customers.size()), 0.95, 0.03);
  EXPECT_NEAR(share(world.ecom_customers.size()), 0.70, 0.03);
  std::set<std::string> pos_people;
  for (const auto& t : world.pos_transactions) pos_people.insert(t.person_id);
  EXPECT_NEAR(share(pos_people.size()), 0.50, 0.04);
  EXPECT_GT(world.erp_orders.size(), 10000u);
  EXPECT_GT(world.erp_returns.size(), 100u);
  EXPECT_EQ(Make(1, 0).people.size(), 1u);  // clamped: the demo customer is always there
}

TEST(WorldTest, LuhnCheckDigitsValid) {
  World world = Make(3, 3000);
  EXPECT_TRUE(LuhnValid("79927398713"));
  EXPECT_FALSE(LuhnValid("79927398710"));
  for (const auto& person : world.people) {
    if (!person.loyalty_card.empty()) {
      EXPECT_EQ(person.loyalty_card.size(), 16u);
      EXPECT_TRUE(LuhnValid(person.loyalty_card)) << person.loyalty_card;
    }
  }
  for (const auto& account : world.mainframe_accounts) {
    EXPECT_TRUE(LuhnValid(account.card_number)) << account.card_number;
  }
}

TEST(WorldTest, IdentifiersAreUniquePerPerson) {
  World world = Make(9, 20000);
  std::set<std::string> emails, phones, cards;
  for (const auto& person : world.people) {
    EXPECT_TRUE(emails.insert(person.email).second) << person.email;
    EXPECT_TRUE(phones.insert(person.phone_e164).second) << person.phone_e164;
    EXPECT_EQ(person.phone_e164.size(), 13u);
    if (!person.loyalty_card.empty()) {
      EXPECT_TRUE(cards.insert(person.loyalty_card).second);
    }
  }
}

TEST(WorldTest, EcommerceNoiseIsPresent) {
  World world = Make(21, 5000);
  size_t mixed_case = 0, different_email = 0, missing_phone = 0, with_at = 0;
  std::set<std::string> phone_shapes;
  for (const auto& customer : world.ecom_customers) {
    const Person& person = *world.person(customer.person_id);
    std::string lower = Lower(customer.email);
    if (lower != customer.email) ++mixed_case;
    if (lower != person.email) ++different_email;
    if (customer.phone.empty()) ++missing_phone;
    if (customer.twitter_handle.starts_with("@")) ++with_at;
    std::string shape;
    for (char c : customer.phone) shape += (c >= '0' && c <= '9') ? '9' : c;
    phone_shapes.insert(shape);
  }
  double n = static_cast<double>(world.ecom_customers.size());
  EXPECT_GT(mixed_case / n, 0.3);
  EXPECT_NEAR(different_email / n, 0.03, 0.015);
  EXPECT_GT(missing_phone, 0u);
  EXPECT_GT(with_at, 0u);
  EXPECT_GE(phone_shapes.size(), 6u);
}

TEST(WorldTest, MainframeNamesAreUpperCaseWithSomeTypos) {
  World world = Make(4, 5000);
  size_t typos = 0;
  for (const auto& account : world.mainframe_accounts) {
    EXPECT_EQ(account.name_upper, Upper(account.name_upper));
    EXPECT_LE(account.name_upper.size(), 30u);
    EXPECT_EQ(account.opened.size(), 5u);
    const Person& person = *world.person(account.person_id);
    if (!account.name_upper.starts_with(Upper(person.family_name) + " ")) ++typos;
    for (const auto& note : account.notes) {
      EXPECT_LE(note.text.size(), 70u);
      EXPECT_EQ(note.date.size(), 8u);
      EXPECT_EQ(note.time.size(), 6u);
    }
  }
  EXPECT_GT(typos, 0u);
  EXPECT_LT(typos, world.mainframe_accounts.size() / 10);
}

TEST(WorldTest, HardNegativesPresent) {
  World world = Make(8, 5000);
  // Same surname and address, different person (households).
  size_t family_members = 0;
  for (size_t i = 1; i < world.people.size(); ++i) {
    const Person& person = world.people[i];
    if (person.household != static_cast<int>(i)) {
      const Person& head = world.people[person.household];
      EXPECT_EQ(person.family_name, head.family_name);
      EXPECT_EQ(person.address.postcode, head.address.postcode);
      EXPECT_NE(person.given_name, head.given_name);
      EXPECT_NE(person.email, head.email);
      ++family_members;
    }
  }
  EXPECT_GT(family_members, 250u);
  // Same full name in different towns, and in the same postcode district.
  std::map<std::string, std::vector<const Person*>> by_name;
  for (const auto& person : world.people) {
    by_name[person.given_name + " " + person.family_name].push_back(&person);
  }
  size_t other_town = 0, same_district = 0;
  for (const auto& [name, people] : by_name) {
    for (size_t a = 0; a < people.size(); ++a) {
      for (size_t b = a + 1; b < people.size(); ++b) {
        if (people[a]->address.city != people[b]->address.city) ++other_town;
        auto district = [](const Person* p) {
          return p->address.postcode.substr(0, p->address.postcode.find(' '));
        };
        if (district(people[a]) == district(people[b]) &&
            people[a]->address.line1 != people[b]->address.line1) {
          ++same_district;
        }
      }
    }
  }
  EXPECT_GT(other_town, 50u);
  EXPECT_GT(same_district, 0u);
  EXPECT_EQ(world.people[37].given_name + " " + world.people[37].family_name, "Jane Doe");
}

// Speed is measured by `worldgen` (README, Benchmarks), not asserted here: timed tests flake.
TEST(WorldTest, GeneratesALargePopulation) {
  World world = Make(42, 100000);
  EXPECT_EQ(world.people.size(), 100000u);
  EXPECT_GT(world.erp_customers.size(), 90000u);
}

}  // namespace
}  // namespace omnihub::world
