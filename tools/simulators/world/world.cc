#include "tools/simulators/world/world.h"

#include <charconv>
#include <unordered_set>

#include "tools/simulators/world/generator.h"

namespace omnihub::world {
namespace {

template <typename T>
const T* Find(const std::unordered_map<std::string, size_t>& index, const std::vector<T>& items,
              std::string_view key) {
  auto it = index.find(std::string(key));
  return it == index.end() ? nullptr : &items[it->second];
}

void BuildIndexes(World& world) {
  world.mainframe_index.reserve(world.mainframe_accounts.size());
  for (size_t i = 0; i < world.mainframe_accounts.size(); ++i) {
    world.mainframe_index.emplace(world.mainframe_accounts[i].account_number, i);
  }
  world.erp_index.reserve(world.erp_customers.size());
  for (size_t i = 0; i < world.erp_customers.size(); ++i) {
    world.erp_index.emplace(world.erp_customers[i].customer_number, i);
  }
  world.ecom_index.reserve(world.ecom_customers.size());
  for (size_t i = 0; i < world.ecom_customers.size(); ++i) {
    world.ecom_index.emplace(world.ecom_customers[i].id, i);
  }
  for (size_t i = 0; i < world.people.size(); ++i) {
    if (!world.people[i].loyalty_card.empty()) {
      world.loyalty_index.emplace(world.people[i].loyalty_card, i);
    }
  }
}

// Sizes the vectors up front: no reallocation copies, no doubling peaks (1M customers).
void Reserve(World& world, const Plan& plan) {
  size_t mainframe = 0, erp = 0, ecom = 0, pos = 0;
  for (const auto& member : plan.members) {
    mainframe += member.mainframe;
    erp += member.erp;
    ecom += member.ecom;
    pos += member.pos;
  }
  world.mainframe_accounts.reserve(mainframe);
  world.erp_customers.reserve(erp);
  world.ecom_customers.reserve(ecom);
  // Expected records per member (orders.cc, pos.cc) plus a margin.
  world.ecom_orders.reserve(ecom * 24 / 10 + 16);
  world.payments.reserve(ecom * 25 / 10 + 16);
  world.erp_orders.reserve(erp * 23 / 10 + 16);
  world.erp_returns.reserve(erp / 5 + 16);
  world.pos_transactions.reserve(pos * 37 / 10 + 16);
}

}  // namespace

std::string_view SystemName(System system) {
  switch (system) {
    case System::kMainframe:
      return "mainframe";
    case System::kErp:
      return "erp";
    case System::kEcommerce:
      return "ecommerce";
    case System::kPayment:
      return "payment";
    case System::kPos:
      return "pos";
  }
  return "unknown";
}

World Generate(const GeneratorOptions& options) {
  World world;
  world.options = options;
  if (world.options.customers < 1) world.options.customers = 1;
  Plan plan;
  GenerateCatalogue(world);
  GeneratePeople(world, plan);
  Reserve(world, plan);
  GenerateMainframe(world, plan);
  GenerateErpCustomers(world, plan);
  GenerateEcomCustomers(world, plan);
  plan.taken = {};  // the e-mail registry is not needed any more
  GenerateOrders(world, plan);
  GeneratePos(world, plan);
  BuildIndexes(world);
  return world;
}

const Person* World::person(std::string_view person_id) const {
  if (person_id.size() != 8 || person_id[0] != 'P') return nullptr;
  size_t number = 0;
  auto [end, error] = std::from_chars(person_id.data() + 1, person_id.data() + 8, number);
  if (error != std::errc() || end != person_id.data() + 8 || number == 0 ||
      number > people.size()) {
    return nullptr;
  }
  return &people[number - 1];
}

const MainframeAccount* World::mainframe_account(std::string_view account_number) const {
  return Find(mainframe_index, mainframe_accounts, account_number);
}

const ErpCustomer* World::erp_customer(std::string_view customer_number) const {
  return Find(erp_index, erp_customers, customer_number);
}

const EcomCustomer* World::ecom_customer(std::string_view id) const {
  return Find(ecom_index, ecom_customers, id);
}

const Person* World::loyalty_card_holder(std::string_view card_digits) const {
  return Find(loyalty_index, people, card_digits);
}

std::vector<TruthRow> World::Truth() const {
  std::vector<TruthRow> rows;
  for (const auto& account : mainframe_accounts) {
    rows.push_back({System::kMainframe, account.account_number, account.person_id});
  }
  for (const auto& customer : erp_customers) {
    rows.push_back({System::kErp, customer.customer_number, customer.person_id});
  }
  for (const auto& customer : ecom_customers) {
    rows.push_back({System::kEcommerce, customer.id, customer.person_id});
  }
  std::unordered_set<std::string> seen;
  for (const auto& payment : payments) {
    if (seen.insert(payment.shopper_reference).second) {
      const EcomCustomer* customer = ecom_customer(payment.shopper_reference);
      rows.push_back({System::kPayment, payment.shopper_reference,
                      customer ? customer->person_id : std::string()});
    }
  }
  seen.clear();
  for (const auto& transaction : pos_transactions) {
    std::string card = DigitsOnly(transaction.loyalty_card);
    if (seen.insert(card).second) rows.push_back({System::kPos, card, transaction.person_id});
  }
  return rows;
}

}  // namespace omnihub::world
