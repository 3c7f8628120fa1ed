// The demo customer, Jane Doe: fixed records in every system (documented in world.h), so demos,
// manual tests and documentation can rely on her whatever the seed.
#include <stdexcept>
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

const Product& ProductNamed(const World& world, std::string_view description) {
  for (const auto& product : world.products) {
    if (product.description == description) return product;
  }
  return world.products.front();
}

OrderLine LineOf(const World& world, std::string_view description, int quantity) {
  const Product& product = ProductNamed(world, description);
  return OrderLine{product.sku, product.description, quantity, product.price_minor};
}

int64_t Total(const std::vector<OrderLine>& lines) {
  int64_t total = 0;
  for (const auto& line : lines) total += line.quantity * line.unit_price_minor;
  return total;
}

Time At(Time anchor, int days_before, int hour, int minute) {
  return floor<days>(anchor) - days{days_before} + hours{hour} + minutes{minute};
}

OrderStory DeliveredStory(const World& world, std::string number, Time placed,
                          std::vector<OrderLine> lines, std::string tracking) {
  OrderStory story;
  story.order_number = std::move(number);
  story.placed_at = placed;
  story.lines = std::move(lines);
  story.total_minor = Total(story.lines);
  story.status = 'D';
  ErpShipment shipment;
  shipment.carrier = "Royal Mail";
  shipment.tracking_number = std::move(tracking);
  shipment.promised_date = DayOf(placed + days{3});
  shipment.shipped_at = placed + hours{22};
  shipment.delivered_at = placed + hours{22 + 26};
  shipment.status = "DELIVERED";
  story.shipment = shipment;
  return story;
}

}  // namespace

Person DemoPerson() {
  Person jane;
  jane.person_id = "P0000001";
  jane.given_name = "Jane";
  jane.family_name = "Doe";
  jane.email = "jane.doe@example.com";
  jane.phone_e164 = "+447700900123";
  jane.address = Address{"12 High Street", "", "Leeds", "LS1 4AB"};
  jane.loyalty_card = "6335000000000003";
  jane.twitter_handle = "janedoe";
  jane.facebook_id = "100004567890123";
  jane.date_of_birth = year{1985} / April / 12;
  jane.household = 0;
  return jane;
}

MainframeAccount DemoMainframeAccount(Time anchor) {
  MainframeAccount account;
  account.account_number = "00104217";
  account.person_id = "P0000001";
  account.name_upper = "DOE JANE";
  account.address_line1 = "12 HIGH ST";
  account.address_line3 = "LEEDS";
  account.postcode = "LS1 4AB";
  account.opened = FormatYyddd(anchor - days{365 * 14 + 100});
  account.card_number = "7002000000000003";
  account.balance_minor = 12345;
  account.credit_limit_minor = 150000;
  account.status = 'A';
  const struct {
    int days_before;
    const char* operator_id;
    const char* text;
  } notes[] = {{900, "CSR0412", "CHANGE OF ADDRESS VERIFIED. CONFIRMATION LETTER SENT."},
               {400, "CSR0077", "CUST REQ CREDIT LIMIT INCREASE. APPROVED TO 1500.00."},
               {120, "CSR1130", "CUST QUERIED INTEREST CHARGE. REFUNDED AS GOODWILL."},
               {9, "CSR0921", "CUST CALLED RE LATE WEB ORDER W1000002. ADVISED CARRIER DELAY."},
               {2, "CSR0412", "CUST CHASED W1000002 AGAIN. ESCALATED TO DESPATCH TEAM."}};
  for (const auto& note : notes) {
    Time at = At(anchor, note.days_before, 10, 15);
    account.notes.push_back(
        MainframeNote{FormatCcyymmdd(at), FormatHhmmss(at), note.operator_id, note.text});
  }
  return account;
}

ErpCustomer DemoErpCustomer(Time anchor) {
  ErpCustomer customer;
  customer.customer_number = "C0100001";
  customer.person_id = "P0000001";
  customer.legacy_account = "00104217";
  customer.given_name = "Jane";
  customer.family_name = "Doe";
  customer.email = "jane.doe@example.com";
  customer.phone = "+44 7700 900123";
  customer.address = Address{"12 High Street", "", "Leeds", "LS1 4AB"};
  customer.loyalty_card = "6335000000000003";
  customer.loyalty_tier = "GOLD";
  customer.loyalty_points = 8420;
  customer.created_at = At(anchor, 365 * 9, 14, 2);
  return customer;
}

EcomCustomer DemoEcomCustomer(Time anchor) {
  EcomCustomer customer;
  customer.id = "6108000123";
  customer.person_id = "P0000001";
  customer.email = "Jane.Doe@Example.com";
  customer.phone = "07700 900123";
  customer.first_name = "Jane";
  customer.last_name = "Doe";
  customer.twitter_handle = "@JaneDoe";
  customer.facebook_id = "100004567890123";
  customer.created_at = At(anchor, 365 * 4, 20, 41);
  return customer;
}

void AddDemoOrders(World& world, const Membership& member) {
  const Time anchor = world.options.anchor;
  // W1000001: delivered on time, paid, accepted.
  OrderStory first = DeliveredStory(
      world, "W1000001", At(anchor, 60, 19, 5),
      {LineOf(world, "Merino crew neck jumper", 1), LineOf(world, "Cotton t-shirt 3 pack", 1)},
      "JD100000001GB");
  first.invoices.push_back(
      ErpInvoice{"INV10000001", first.placed_at + minutes{5}, first.total_minor, true});
  first.shop_order_id = "5200000000001";
  first.notes.push_back(EcomNote{first.placed_at + minutes{2}, "customer", "Safe place: porch"});
  first.fraud_score = 8;
  first.psp_reference = "8816JANE00000001";

  // W1000003: delivered, boots returned (RMA0000001) and refunded: a partial refund.
  OrderStory third = DeliveredStory(
      world, "W1000003", At(anchor, 30, 12, 30),
      {LineOf(world, "Leather chelsea boots", 1), LineOf(world, "Scented candle", 1)},
      "JD100000003GB");
  third.invoices.push_back(
      ErpInvoice{"INV10000003", third.placed_at + minutes{5}, third.total_minor, true});
  third.shop_order_id = "5200000000003";
  third.fraud_score = 12;
  third.psp_reference = "8816JANE00000003";
  ErpReturn returned;
  returned.rma_number = "RMA0000001";
  returned.order_number = "W1000003";
  returned.created_at = At(anchor, 25, 9, 40);
  returned.reason = "Too small";
  returned.amount_minor = ProductNamed(world, "Leather chelsea boots").price_minor;
  returned.status = "REFUNDED";
  third.returned = returned;
  third.notes.push_back(
      EcomNote{returned.created_at, "support:amy", "Customer requested a size exchange"});

  // P1000001: phone order, delivered, invoice not yet paid.
  OrderStory phone = DeliveredStory(world, "P1000001", At(anchor, 20, 11, 0),
                                    {LineOf(world, "Cordless kettle", 1)}, "JD100000004GB");
  phone.web = false;
  phone.invoices.push_back(
      ErpInvoice{"INV10000004", *phone.shipment->shipped_at, phone.total_minor, false});

  // W1000002: shipped, now past its promised date (carrier exception); held for fraud review.
  OrderStory delayed;
  delayed.order_number = "W1000002";
  delayed.placed_at = At(anchor, 7, 21, 47);
  delayed.lines = {LineOf(world, "Stand mixer", 1)};
  delayed.total_minor = Total(delayed.lines);
  delayed.status = 'S';
  ErpShipment shipment;
  shipment.carrier = "DPD";
  shipment.tracking_number = "15501234567890";
  shipment.promised_date = DayOf(delayed.placed_at + days{3});
  shipment.shipped_at = delayed.placed_at + hours{20};
  shipment.status = "EXCEPTION";
  delayed.shipment = shipment;
  delayed.invoices.push_back(
      ErpInvoice{"INV10000002", delayed.placed_at + minutes{5}, delayed.total_minor, true});
  delayed.shop_order_id = "5200000000002";
  delayed.notes.push_back(
      EcomNote{At(anchor, 2, 16, 20), "support:raj", "Customer asked for an update on delivery"});
  delayed.fraud_score = 72;
  delayed.fraud_decision = "REVIEW";
  delayed.psp_reference = "8816JANE00000002";

  for (const OrderStory* story : {&first, &third, &phone, &delayed}) {
    EmitOrder(world, *story, member);
  }
}

void AddDemoPos(World& world) {
  const Time anchor = world.options.anchor;
  const Person& jane = world.people.front();
  auto sale = [&](int days_before, std::string card, std::vector<OrderLine> lines,
                  std::string tender, int64_t sequence) {
    PosTransaction transaction;
    transaction.store_id = "S042";
    transaction.register_id = "R03";
    transaction.sequence_number = sequence;
    transaction.end_time = At(anchor, days_before, 13, 12);
    transaction.business_day = DayOf(transaction.end_time);
    transaction.loyalty_card = std::move(card);
    transaction.person_id = jane.person_id;
    for (const auto& line : lines) {
      int64_t amount = line.quantity * line.unit_price_minor;
      transaction.lines.push_back(PosLine{line.sku, line.description, line.quantity,
                                          line.unit_price_minor, amount, "SALE"});
      transaction.total_minor += amount;
    }
    transaction.tenders.push_back(PosTender{std::move(tender), transaction.total_minor});
    return transaction;
  };
  PosTransaction first =
      sale(45, "6335 0000 0000 0003",
           {LineOf(world, "Scented candle", 2), LineOf(world, "Lipstick", 1)}, "CARD", 5001);
  PosTransaction second =
      sale(40, "6335000000000003",
           {LineOf(world, "Linen shirt", 1), LineOf(world, "Plush bear", 1)}, "CASH", 5003);
  PosTransaction return_line = ReturnOf(first, first.lines[1], At(anchor, 43, 10, 5), true);
  return_line.sequence_number = 5002;
  PosTransaction negative_sale = ReturnOf(second, second.lines[0], At(anchor, 35, 17, 30), false);
  negative_sale.sequence_number = 5004;
  world.pos_transactions.push_back(std::move(first));
  world.pos_transactions.push_back(std::move(return_line));
  world.pos_transactions.push_back(std::move(second));
  world.pos_transactions.push_back(std::move(negative_sale));
}

}  // namespace omnihub::world
