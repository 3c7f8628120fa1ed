// The point-of-sale step: till transactions of loyalty-card holders as ARTS POSLog carries them,
// including returns written either as Return lines or as negative-quantity Sale lines.
#include <algorithm>
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

std::string CardAsTyped(Rng& rng, const std::string& card) {
  if (!rng.Chance(0.2)) return card;
  return card.substr(0, 4) + " " + card.substr(4, 4) + " " + card.substr(8, 4) + " " +
         card.substr(12);
}

PosTransaction Sale(Rng& rng, const World& world, const Person& person, Time at) {
  PosTransaction sale;
  sale.store_id = "S" + Padded(1 + rng.Below(120), 3);
  sale.register_id = "R" + Padded(1 + rng.Below(8), 2);
  sale.business_day = DayOf(at);
  sale.end_time = at;
  sale.loyalty_card = CardAsTyped(rng, person.loyalty_card);
  sale.person_id = person.person_id;
  auto count = rng.Between(1, 4);
  for (int64_t n = 0; n < count; ++n) {
    const Product& product = world.products[rng.Below(world.products.size())];
    int quantity = rng.Chance(0.9) ? 1 : 2;
    sale.lines.push_back(PosLine{product.sku, product.description, quantity, product.price_minor,
                                 quantity * product.price_minor, "SALE"});
    sale.total_minor += quantity * product.price_minor;
  }
  uint64_t tender = rng.Below(10);
  sale.tenders.push_back(PosTender{tender < 6   ? "CARD"
                                   : tender < 9 ? "CASH"
                                                : "GIFT_CARD",
                                   sale.total_minor});
  return sale;
}

}  // namespace

// A return of one line of `sale`, written in one of the two styles tills use.
PosTransaction ReturnOf(const PosTransaction& sale, const PosLine& line, Time at,
                        bool as_return_line) {
  PosTransaction back;
  back.store_id = sale.store_id;
  back.register_id = sale.register_id;
  back.business_day = DayOf(at);
  back.end_time = at;
  back.loyalty_card = sale.loyalty_card;
  back.is_return = true;
  back.person_id = sale.person_id;
  PosLine returned = line;
  returned.quantity = as_return_line ? line.quantity : -line.quantity;
  returned.amount_minor = -line.amount_minor;
  returned.line_kind = as_return_line ? "RETURN" : "SALE";
  back.lines.push_back(returned);
  back.total_minor = -line.amount_minor;
  back.tenders.push_back(PosTender{"REFUND", -line.amount_minor});
  return back;
}

void GeneratePos(World& world, const Plan& plan) {
  const Time anchor = world.options.anchor;
  int64_t sequence = 100000;
  for (size_t i = 0; i < world.people.size(); ++i) {
    if (!plan.members[i].pos) continue;
    if (i == 0) {
      AddDemoPos(world);
      continue;
    }
    Rng rng(world.options.seed, kStreamPos, i);
    const Person& person = world.people[i];
    auto count = rng.Between(1, 6);
    std::vector<Time> times;
    for (int64_t n = 0; n < count; ++n) {
      times.push_back(anchor - days{rng.Between(1, 365 * 3)} - hours{rng.Between(2, 10)} -
                      seconds{rng.Below(3600)});
    }
    std::sort(times.begin(), times.end());
    size_t first = world.pos_transactions.size();
    for (Time at : times) {
      size_t sales_so_far = world.pos_transactions.size() - first;
      PosTransaction transaction;
      if (sales_so_far > 0 && rng.Chance(0.15)) {
        const PosTransaction& sale = world.pos_transactions[first + rng.Below(sales_so_far)];
        if (sale.is_return) continue;
        transaction = ReturnOf(sale, sale.lines[rng.Below(sale.lines.size())], at, rng.Chance(0.5));
      } else {
        transaction = Sale(rng, world, person, at);
      }
      transaction.sequence_number = sequence += 1 + static_cast<int64_t>(rng.Below(20));
      world.pos_transactions.push_back(std::move(transaction));
    }
  }
}

}  // namespace omnihub::world
