// The stores' tills selling now (see live_tills.h).
#include "tools/simulators/pos/live_tills.h"

#include <stdexcept>
#include <unordered_set>

namespace omnihub::pos_sim {
namespace {

constexpr size_t kRecentSales = 1000;

std::string Padded(uint64_t value, int width) {
  std::string text = std::to_string(value);
  return std::string(text.size() < static_cast<size_t>(width) ? width - text.size() : 0, '0') +
         text;
}

}  // namespace

LiveTills::LiveTills(const world::World& world, uint64_t seed, int64_t first_sequence,
                     const std::vector<std::string>& cards)
    : world_(world), rng_(seed ^ 0x9e3779b97f4a7c15ULL), sequence_(first_sequence) {
  if (cards.empty()) {
    // The stores' regulars: card holders with till history (those the hub knows as pos accounts).
    std::unordered_set<const world::Person*> seen;
    for (const auto& transaction : world.pos_transactions) {
      const world::Person* holder =
          world.loyalty_card_holder(world::DigitsOnly(transaction.loyalty_card));
      if (holder != nullptr && seen.insert(holder).second) holders_.push_back(holder);
    }
  } else {
    for (const auto& card : cards) {
      const world::Person* holder = world.loyalty_card_holder(world::DigitsOnly(card));
      if (holder == nullptr) {
        throw std::invalid_argument("nobody in the world holds loyalty card '" +
                                    card.substr(0, 32) + "'");
      }
      holders_.push_back(holder);
    }
  }
  if (holders_.empty()) throw std::invalid_argument("the world has no loyalty card holder");
  if (world.products.empty()) throw std::invalid_argument("the world has no products");
}

world::PosTransaction LiveTills::Next(world::Time now) {
  std::uniform_int_distribution<int> percent(0, 99);
  world::PosTransaction transaction;
  if (!recent_sales_.empty() && percent(rng_) < 15) {
    std::uniform_int_distribution<size_t> pick(0, recent_sales_.size() - 1);
    transaction = Return(recent_sales_[pick(rng_)], now);
  } else {
    std::uniform_int_distribution<size_t> pick(0, holders_.size() - 1);
    transaction = Sale(*holders_[pick(rng_)], now);
    recent_sales_.push_back(transaction);
    if (recent_sales_.size() > kRecentSales) recent_sales_.pop_front();
  }
  transaction.sequence_number = sequence_++;
  return transaction;
}

world::PosTransaction LiveTills::Sale(const world::Person& person, world::Time now) {
  world::PosTransaction sale;
  sale.store_id = "S" + Padded(std::uniform_int_distribution<int>(1, 120)(rng_), 3);
  sale.register_id = "R" + Padded(std::uniform_int_distribution<int>(1, 8)(rng_), 2);
  sale.business_day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
  sale.end_time = now;
  sale.loyalty_card = person.loyalty_card;
  sale.person_id = person.person_id;
  const int lines = std::uniform_int_distribution<int>(1, 4)(rng_);
  std::uniform_int_distribution<size_t> product(0, world_.products.size() - 1);
  for (int n = 0; n < lines; ++n) {
    const world::Product& item = world_.products[product(rng_)];
    const int quantity = std::uniform_int_distribution<int>(0, 9)(rng_) == 0 ? 2 : 1;
    sale.lines.push_back(world::PosLine{item.sku, item.description, quantity, item.price_minor,
                                        quantity * item.price_minor, "SALE"});
    sale.total_minor += quantity * item.price_minor;
  }
  const int tender = std::uniform_int_distribution<int>(0, 9)(rng_);
  sale.tenders.push_back(world::PosTender{tender < 6   ? "CARD"
                                          : tender < 9 ? "CASH"
                                                       : "GIFT_CARD",
                                          sale.total_minor});
  return sale;
}

world::PosTransaction LiveTills::Return(const world::PosTransaction& sale, world::Time now) {
  const bool as_return_line = std::uniform_int_distribution<int>(0, 1)(rng_) == 1;
  const world::PosLine& line =
      sale.lines[std::uniform_int_distribution<size_t>(0, sale.lines.size() - 1)(rng_)];
  world::PosTransaction back;
  back.store_id = sale.store_id;
  back.register_id = sale.register_id;
  back.business_day = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
  back.end_time = now;
  back.loyalty_card = sale.loyalty_card;
  back.person_id = sale.person_id;
  back.is_return = true;
  world::PosLine returned = line;
  returned.quantity = as_return_line ? line.quantity : -line.quantity;
  returned.amount_minor = -line.amount_minor;
  returned.line_kind = as_return_line ? "RETURN" : "SALE";
  back.lines.push_back(returned);
  back.total_minor = -line.amount_minor;
  back.tenders.push_back(world::PosTender{"REFUND", -line.amount_minor});
  return back;
}

}  // namespace omnihub::pos_sim
