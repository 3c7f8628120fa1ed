// The orders step: each order's story (placement, fulfilment, delivery, invoices, returns,
// payment) is decided once and then written into every system that holds it.
#include <algorithm>
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/tables.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

// Counters continue after the demo customer's fixed numbers (see demo_customer.cc).
struct Counters {
  uint64_t web = 1000004;
  uint64_t phone = 1000002;
  uint64_t shop_id = 5200000000100;
  uint64_t invoice = 10000100;
  uint64_t rma = 2;
};

std::vector<OrderLine> RandomLines(Rng& rng, const World& world) {
  std::vector<OrderLine> lines;
  auto count = rng.Chance(0.6) ? 1 : rng.Between(2, 3);
  for (int64_t n = 0; n < count; ++n) {
    const Product& product = world.products[rng.Below(world.products.size())];
    lines.push_back(OrderLine{product.sku, product.description,
                              rng.Chance(0.85) ? 1 : static_cast<int>(rng.Between(2, 3)),
                              product.price_minor});
  }
  return lines;
}

int64_t Total(const std::vector<OrderLine>& lines) {
  int64_t total = 0;
  for (const auto& line : lines) total += line.quantity * line.unit_price_minor;
  return total;
}

// Fulfilment and delivery as time passes between placement and the anchor.
void Fulfil(OrderStory& story, Rng& rng, Time anchor, Counters& counters) {
  auto age = anchor - story.placed_at;
  ErpShipment shipment;
  shipment.carrier = std::string(rng.Pick(Carriers()));
  shipment.promised_date = DayOf(story.placed_at + days{3});
  if (rng.Chance(0.03) && age > hours{2}) {
    story.status = 'X';
    return;
  }
  if (story.web) {
    story.invoices.push_back(ErpInvoice{"INV" + std::to_string(counters.invoice++),
                                        story.placed_at + minutes{5}, story.total_minor, true});
  }
  if (age < days{1}) {
    story.status = 'O';
    shipment.status = "PENDING";
    story.shipment = shipment;
    return;
  }
  if (age < days{2}) {
    story.status = 'P';
    shipment.status = "PENDING";
    story.shipment = shipment;
    return;
  }
  Time shipped = story.placed_at + hours{rng.Between(20, 30)};
  bool late = rng.Chance(0.10);
  Time delivered = shipped + hours{late ? rng.Between(24 * 4, 24 * 9) : rng.Between(12, 60)};
  shipment.shipped_at = shipped;
  shipment.tracking_number = TrackingNumber(rng, shipment.carrier);
  if (!story.web) {
    story.invoices.push_back(ErpInvoice{"INV" + std::to_string(counters.invoice++), shipped,
                                        story.total_minor, rng.Chance(0.8)});
  }
  if (delivered > anchor) {
    story.status = 'S';
    bool past_promise = sys_days{shipment.promised_date} + days{1} <= anchor;
    shipment.status = late && past_promise && rng.Chance(0.5) ? "EXCEPTION" : "IN_TRANSIT";
    story.shipment = shipment;
    return;
  }
  story.status = 'D';
  shipment.status = "DELIVERED";
  shipment.delivered_at = delivered;
  story.shipment = shipment;
  if (rng.Chance(0.10)) {
    Time created = delivered + days{rng.Between(1, 14)};
    if (created >= anchor) return;
    const OrderLine& line = story.lines[rng.Below(story.lines.size())];
    int64_t amount = line.unit_price_minor * line.quantity;
    ErpReturn returned;
    returned.rma_number = "RMA" + Padded(counters.rma++, 7);
    returned.order_number = story.order_number;
    returned.created_at = created;
    returned.reason = std::string(rng.Pick(ReturnReasons()));
    returned.amount_minor = amount;
    returned.status = anchor - created < days{5} ? "REQUESTED"
                      : rng.Chance(0.05)         ? "REJECTED"
                                                 : "REFUNDED";
    if (amount == story.total_minor && returned.status == "REFUNDED") story.status = 'R';
    story.returned = returned;
  }
}

void DecideFraud(OrderStory& story, Rng& rng) {
  uint64_t roll = rng.Below(100);
  if (roll < 94) {
    story.fraud_score = static_cast<int>(rng.Between(0, 39));
    story.fraud_decision = "ACCEPT";
  } else if (roll < 98) {
    story.fraud_score = static_cast<int>(rng.Between(40, 74));
    story.fraud_decision = "REVIEW";
  } else {
    story.fraud_score = static_cast<int>(rng.Between(75, 89));
    story.fraud_decision = "HOLD";
  }
  story.psp_reference = PspReference(rng);
  if (rng.Chance(0.03)) story.declined_psp_reference = PspReference(rng);
}

void AddNotes(OrderStory& story, Rng& rng, Time anchor) {
  if (!rng.Chance(0.2)) return;
  auto count = rng.Between(1, 2);
  for (int64_t n = 0; n < count; ++n) {
    Time at = story.placed_at + minutes{rng.Between(10, 60 * 24 * 5)};
    if (at >= anchor) break;
    story.notes.push_back(EcomNote{at,
                                   n == 0 && rng.Chance(0.5)
                                       ? std::string("customer")
                                       : std::string(rng.Pick(SupportAgents())),
                                   std::string(rng.Pick(WebOrderNotes()))});
  }
}

Time Placement(Rng& rng, Time since, Time anchor) {
  Time earliest = std::max(since, anchor - days{365 * 3});
  auto span = static_cast<uint64_t>((anchor - earliest).count());
  return earliest + seconds{rng.Below(std::max<uint64_t>(span, 2) - 1)};
}

}  // namespace

void GenerateOrders(World& world, const Plan& plan) {
  const Time anchor = world.options.anchor;
  Counters counters;
  for (size_t i = 0; i < world.people.size(); ++i) {
    const Membership& member = plan.members[i];
    if (i == 0) {
      AddDemoOrders(world, member);
      continue;
    }
    Rng rng(world.options.seed, kStreamOrders, i);
    std::vector<OrderStory> stories;
    if (member.ecom) {
      auto count = rng.Chance(0.25) ? 0 : rng.Between(1, 5);
      Time since = world.ecom_customers[member.ecom_index].created_at;
      for (int64_t n = 0; n < count; ++n) {
        OrderStory story;
        story.web = true;
        story.placed_at = Placement(rng, since, anchor);
        stories.push_back(std::move(story));
      }
    }
    if (member.erp && rng.Chance(0.3)) {
      auto count = rng.Between(1, 2);
      Time since = world.erp_customers[member.erp_index].created_at;
      for (int64_t n = 0; n < count; ++n) {
        OrderStory story;
        story.web = false;
        story.placed_at = Placement(rng, since, anchor);
        stories.push_back(std::move(story));
      }
    }
    std::sort(stories.begin(), stories.end(),
              [](const auto& a, const auto& b) { return a.placed_at < b.placed_at; });
    for (auto& story : stories) {
      story.order_number =
          story.web ? "W" + std::to_string(counters.web++) : "P" + std::to_string(counters.phone++);
      story.lines = RandomLines(rng, world);
      story.total_minor = Total(story.lines);
      Fulfil(story, rng, anchor, counters);
      if (story.web) {
        story.shop_order_id = std::to_string(counters.shop_id += 1 + rng.Below(5));
        AddNotes(story, rng, anchor);
        DecideFraud(story, rng);
      }
      EmitOrder(world, story, member);
    }
  }
}

}  // namespace omnihub::world
