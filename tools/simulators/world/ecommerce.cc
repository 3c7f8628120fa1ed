// The ecommerce step: web customer accounts as the shop's REST API holds them (e-mails and
// phones as typed, names with case and accent noise, social handles).
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/tables.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

std::string Capitalised(std::string_view text) {
  std::string out = Lower(text);
  // Words of the local part and the first label of the domain: "Jane.Doe@Example.com".
  bool start = true;
  bool in_domain = false;
  for (char& c : out) {
    if (start && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    start = c == '@' || (!in_domain && (c == '.' || c == '_'));
    in_domain = in_domain || c == '@';
  }
  return out;
}

std::string EmailAsTyped(Rng& rng, const std::string& email) {
  uint64_t roll = rng.Below(100);
  if (roll < 40) return email;
  if (roll < 85) return Capitalised(email);  // "Jane.Doe@Example.com"
  if (roll < 95) {
    // Only the local part capitalised.
    auto at = email.find('@');
    return Capitalised(email.substr(0, at)) + email.substr(at);
  }
  return Upper(email);
}

// One of the many ways people type a UK mobile number; empty when they left it out.
std::string PhoneAsTyped(Rng& rng, std::string_view e164) {
  std::string n(e164.substr(3));  // "7700900123"
  switch (rng.Below(10)) {
    case 0:
      return "0" + n.substr(0, 4) + " " + n.substr(4);  // 07700 900123
    case 1:
      return "+44 " + n.substr(0, 4) + " " + n.substr(4);  // +44 7700 900123
    case 2:
      return "0044 " + n.substr(0, 4) + " " + n.substr(4, 3) + " " + n.substr(7);
    case 3:
      return "(0" + n.substr(0, 4) + ") " + n.substr(4, 3) + "-" + n.substr(7);
    case 4:
      return n;  // 7700900123
    case 5:
      return "0" + n;  // 07700900123
    case 6:
      return "+44" + n;  // +447700900123
    case 7:
      return "+44 (0)" + n.substr(0, 4) + " " + n.substr(4);  // +44 (0)7700 900123
    case 8:
      return "0" + n.substr(0, 4) + "-" + n.substr(4, 3) + "-" + n.substr(7);
    default:
      return {};
  }
}

std::string DifferentEmail(Rng& rng, Plan& plan, const Person& person, size_t index) {
  std::string local = Slug(person.given_name) + Slug(person.family_name).substr(0, 1) +
                      std::to_string(rng.Between(10, 99));
  std::string domain(rng.Pick(EmailDomains()));
  std::string email = local + "@" + domain;
  for (uint64_t attempt = 0; !plan.Take(email); ++attempt) {
    email = local + "x" + std::to_string((index + attempt * 131) % 100000) + "@" + domain;
  }
  return email;
}

EcomCustomer EcomFor(const Person& person, const Membership& member, Plan& plan, Rng& rng,
                     size_t index, Time anchor) {
  EcomCustomer customer;
  customer.person_id = person.person_id;
  std::string email =
      member.different_web_email ? DifferentEmail(rng, plan, person, index) : person.email;
  customer.email = EmailAsTyped(rng, email);
  customer.phone = PhoneAsTyped(rng, person.phone_e164);
  customer.first_name = person.given_name;
  customer.last_name = person.family_name;
  if (rng.Chance(0.05)) {
    customer.first_name = Lower(customer.first_name);
    customer.last_name = Lower(customer.last_name);
  }
  auto accented = AccentedVariant(person.given_name);
  if (!accented.empty() && rng.Chance(0.5)) customer.first_name = std::string(accented);
  if (!person.twitter_handle.empty() && rng.Chance(0.8)) {
    std::string handle = person.twitter_handle;
    if (rng.Chance(0.3)) handle = Capitalised(handle);
    if (rng.Chance(0.4)) handle = "@" + handle;
    customer.twitter_handle = handle;
  }
  if (!person.facebook_id.empty() && rng.Chance(0.7)) customer.facebook_id = person.facebook_id;
  customer.created_at = anchor - days{rng.Between(10, 365 * 7)} - seconds{rng.Below(86400)};
  return customer;
}

}  // namespace

void GenerateEcomCustomers(World& world, Plan& plan) {
  const auto& options = world.options;
  Rng numbering(options.seed, kStreamNumbering, 3);
  uint64_t next_id = 6108001000;
  for (size_t i = 0; i < world.people.size(); ++i) {
    Membership& member = plan.members[i];
    if (!member.ecom) continue;
    EcomCustomer customer;
    if (i == 0) {
      customer = DemoEcomCustomer(options.anchor);
    } else {
      Rng rng(options.seed, kStreamEcom, i);
      customer = EcomFor(world.people[i], member, plan, rng, i, options.anchor);
      next_id += 1 + numbering.Below(40);
      customer.id = std::to_string(next_id);
    }
    member.ecom_index = static_cast<int>(world.ecom_customers.size());
    world.ecom_customers.push_back(std::move(customer));
  }
}

}  // namespace omnihub::world
