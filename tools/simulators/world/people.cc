// The people step: ground-truth persons, households, namesakes and system membership.
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/tables.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

uint64_t Fnv1a(std::string_view text) {
  uint64_t hash = 0xCBF29CE484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001B3ULL;
  }
  return hash;
}

// A bijection of [0, modulus) so numbers are unique without bookkeeping.
uint64_t Scatter(uint64_t index, uint64_t multiplier, uint64_t offset, uint64_t modulus) {
  return (index % modulus * multiplier + offset) % modulus;
}

std::string Postcode(Rng& rng, std::string_view area, int district) {
  static constexpr std::string_view kUnit = "ABDEFGHJLNPQRSTUWXYZ";
  std::string code(area);
  code += std::to_string(district);
  code += ' ';
  code += static_cast<char>('1' + rng.Below(9));
  code += kUnit[rng.Below(kUnit.size())];
  code += kUnit[rng.Below(kUnit.size())];
  return code;
}

Address RandomAddress(Rng& rng, const Town& town, int district) {
  Address address;
  const auto& type = rng.Pick(StreetTypes());
  address.line1 = std::to_string(rng.Between(1, 180)) + " " + std::string(rng.Pick(StreetNames())) +
                  " " + std::string(type.full);
  if (rng.Chance(0.12)) {
    address.line2 = address.line1;
    address.line1 = "Flat " + std::to_string(rng.Between(1, 24));
  } else if (rng.Chance(0.15)) {
    address.line2 = std::string(rng.Pick(Districts()));
  }
  address.city = std::string(town.name);
  address.postcode = Postcode(rng, town.postcode_area, district);
  return address;
}

std::string Email(Rng& rng, Plan& plan, const Person& person, size_t index) {
  std::string given = Slug(person.given_name);
  std::string family = Slug(person.family_name);
  std::string domain(rng.Pick(EmailDomains()));
  std::string local;
  switch (rng.Below(7)) {
    case 0:
      local = given + "." + family;
      break;
    case 1:
      local = given + family;
      break;
    case 2:
      local = given.substr(0, 1) + family;
      break;
    case 3:
      local = given + "_" + family;
      break;
    case 4:
      local = family + "." + given;
      break;
    case 5:
      local = given + "." + family + std::to_string(rng.Between(1, 99));
      break;
    default:
      local = given + std::to_string(rng.Between(1960, 2009));
      break;
  }
  std::string email = local + "@" + domain;
  // Collisions are resolved the way people do it: by adding digits.
  for (uint64_t attempt = 0; !plan.Take(email); ++attempt) {
    email = local + std::to_string((index + attempt * 7919) % 100000) + "@" + domain;
  }
  return email;
}

std::string TwitterHandle(Rng& rng, Plan& plan, const Person& person, size_t index) {
  std::string base = Slug(person.given_name) + (rng.Chance(0.5) ? "_" : "") +
                     Slug(person.family_name).substr(0, 6);
  std::string handle = base.substr(0, 12);
  for (uint64_t attempt = 0; !plan.Take("@" + handle); ++attempt) {
    handle = base.substr(0, 9) + std::to_string((index + attempt * 31) % 100000);
  }
  return handle;
}

Person NewPerson(Rng& rng, const GeneratorOptions& options, size_t index) {
  Person person;
  person.person_id = "P" + Padded(index + 1, 7);
  person.given_name = std::string(rng.Pick(GivenNames()));
  person.family_name = std::string(rng.Pick(FamilyNames()));
  const Town& town = rng.Pick(Towns());
  person.address = RandomAddress(rng, town, static_cast<int>(rng.Between(1, 28)));
  auto born = year_month_day{floor<days>(options.anchor)}.year() - years{rng.Between(18, 85)};
  person.date_of_birth = year_month_day{sys_days{born / January / 1} + days{rng.Between(0, 364)}};
  person.household = static_cast<int>(index);
  return person;
}

}  // namespace

bool Plan::Take(std::string_view text) { return taken.insert(Fnv1a(text)).second; }

void GeneratePeople(World& world, Plan& plan) {
  const auto& options = world.options;
  const size_t count = static_cast<size_t>(std::max(1, options.customers));
  world.people.reserve(count);
  plan.members.resize(count);
  plan.taken.reserve(count * 3);

  world.people.push_back(DemoPerson());
  plan.Take(world.people[0].email);
  plan.Take("@" + world.people[0].twitter_handle);
  plan.members[0] = Membership{true, true, true, true, false};

  const uint64_t phone_offset = options.seed % 1000000000ULL;
  const uint64_t card_offset = options.seed % 99999999999ULL;
  size_t household_left = 0;
  for (size_t i = 1; i < count; ++i) {
    Rng rng(options.seed, kStreamPerson, i);
    Person person = NewPerson(rng, options, i);
    if (household_left > 0) {
      // Family member: shares surname, address (and postcode), never the given name.
      const Person& head = world.people[world.people.back().household];
      person.family_name = head.family_name;
      person.address = head.address;
      person.household = head.household;
      while (person.given_name == head.given_name ||
             person.given_name == world.people.back().given_name) {
        person.given_name = std::string(rng.Pick(GivenNames()));
      }
      --household_left;
    } else {
      if (rng.Chance(0.22)) household_left = static_cast<size_t>(rng.Between(1, 3));
      if (i == 37) {
        // A namesake of the demo customer in another town.
        person.given_name = "Jane";
        person.family_name = "Doe";
        person.address = RandomAddress(rng, Town{"Manchester", "M"}, 14);
      } else if (rng.Chance(0.015)) {
        // Namesake in another town (common names make more by chance).
        const Person& other = world.people[rng.Below(i)];
        person.given_name = other.given_name;
        person.family_name = other.family_name;
      } else if (rng.Chance(0.003)) {
        // Namesake in the same postcode district: a different house nearby.
        const Person& other = world.people[rng.Below(i)];
        person.given_name = other.given_name;
        person.family_name = other.family_name;
        auto district_end = other.address.postcode.find(' ');
        person.address.city = other.address.city;
        person.address.postcode = other.address.postcode.substr(0, district_end) + " " +
                                  std::to_string(rng.Between(1, 9)) +
                                  other.address.postcode.substr(district_end + 2);
      }
    }
    person.email = Email(rng, plan, person, i);
    // UK mobiles, +447 and 9 digits; the demo customer's number is never handed out twice.
    uint64_t phone = Scatter(i, 387420489ULL, phone_offset, 1000000000ULL);
    if (phone == 700900123) phone = Scatter(count + 1, 387420489ULL, phone_offset, 1000000000ULL);
    person.phone_e164 = "+447" + Padded(phone, 9);
    if (rng.Chance(0.75)) {
      std::string payload =
          "6335" + Padded(1 + Scatter(i, 2147483629ULL, card_offset, 99999999999ULL - 1), 11);
      person.loyalty_card = payload + LuhnCheckDigit(payload);
    }
    if (rng.Chance(0.35)) person.twitter_handle = TwitterHandle(rng, plan, person, i);
    if (rng.Chance(0.55)) {
      // Payloads from 10^10 up never collide with the demo customer's (leading zero).
      person.facebook_id =
          "1000" + std::to_string(10000000000ULL +
                                  Scatter(i, 1000003ULL, options.seed % 1000, 90000000000ULL));
    }

    Membership& member = plan.members[i];
    member.mainframe = rng.Chance(0.60);
    member.erp = rng.Chance(0.95);
    member.ecom = rng.Chance(0.70);
    // About 2/3 of card holders use the card at a till: 50% of everyone.
    member.pos = !person.loyalty_card.empty() && rng.Chance(0.667);
    member.different_web_email = member.ecom && rng.Chance(0.03);
    world.people.push_back(std::move(person));
  }
}

}  // namespace omnihub::world
