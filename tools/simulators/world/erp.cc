// The ERP step: customer master, loyalty membership, catalogue and return policies.
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/tables.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

// "+447700900123" -> "+44 7700 900123", as the ERP's data-entry screen formats it.
std::string ErpPhone(std::string_view e164) {
  std::string national(e164.substr(3));
  return "+44 " + national.substr(0, 4) + " " + national.substr(4);
}

std::string TierFor(int64_t points) {
  if (points >= 20000) return "PLATINUM";
  if (points >= 8000) return "GOLD";
  if (points >= 2500) return "SILVER";
  return "BRONZE";
}

ErpCustomer ErpFor(const Person& person, const Membership& member, const World& world, Rng& rng) {
  ErpCustomer customer;
  customer.person_id = person.person_id;
  // Most, not all, legacy accounts were cross-referenced at migration.
  if (member.mainframe_index >= 0 && rng.Chance(0.92)) {
    customer.legacy_account = world.mainframe_accounts[member.mainframe_index].account_number;
  }
  customer.given_name = person.given_name;
  customer.family_name = person.family_name;
  customer.email = person.email;
  customer.phone = ErpPhone(person.phone_e164);
  customer.address = person.address;
  customer.loyalty_card = person.loyalty_card;
  if (!customer.loyalty_card.empty()) {
    customer.loyalty_points = rng.Chance(0.2) ? rng.Between(0, 30000) : rng.Between(0, 6000);
    customer.loyalty_tier = TierFor(customer.loyalty_points);
  }
  customer.created_at =
      world.options.anchor - days{rng.Between(30, 365 * 12)} - seconds{rng.Below(86400)};
  return customer;
}

}  // namespace

void GenerateErpCustomers(World& world, Plan& plan) {
  const auto& options = world.options;
  Rng numbering(options.seed, kStreamNumbering, 2);
  uint64_t next_number = 100001;
  for (size_t i = 0; i < world.people.size(); ++i) {
    Membership& member = plan.members[i];
    if (!member.erp) continue;
    ErpCustomer customer;
    if (i == 0) {
      customer = DemoErpCustomer(options.anchor);
    } else {
      Rng rng(options.seed, kStreamErp, i);
      customer = ErpFor(world.people[i], member, world, rng);
      next_number += 1 + numbering.Below(3);
      customer.customer_number = "C" + Padded(next_number, 7);
    }
    member.erp_index = static_cast<int>(world.erp_customers.size());
    world.erp_customers.push_back(std::move(customer));
  }
}

void GenerateCatalogue(World& world) {
  uint64_t sku = 100234;
  for (const auto& item : Catalogue()) {
    world.products.push_back(Product{"SKU-" + std::to_string(sku), std::string(item.description),
                                     std::string(item.category), item.price_minor});
    sku += 17;
  }
  for (size_t c = 0; c < CategoryNames().size(); ++c) {
    world.return_policies.push_back(
        ReturnPolicy{std::string(CategoryNames()[c]), CategoryReturnDays()[c]});
  }
}

}  // namespace omnihub::world
