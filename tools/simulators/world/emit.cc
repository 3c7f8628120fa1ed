// Writes one order's story into the ERP, the web shop and the payment service provider, each
// in its own vocabulary.
#include <string>

#include "tools/simulators/world/generator.h"
#include "tools/simulators/world/text.h"

namespace omnihub::world {
namespace {

using namespace std::chrono;

void EmitErp(World& world, const OrderStory& story, const ErpCustomer& customer) {
  ErpOrder order;
  order.order_number = story.order_number;
  order.customer_number = customer.customer_number;
  order.channel = story.web ? "WEB" : "PHONE";
  order.placed_at = story.placed_at;
  order.status = story.status;
  order.lines = story.lines;
  order.total_minor = story.total_minor;
  if (story.shipment) order.shipments.push_back(*story.shipment);
  order.invoices = story.invoices;
  world.erp_orders.push_back(std::move(order));
  if (story.returned) world.erp_returns.push_back(*story.returned);
}

std::string FinancialStatus(const OrderStory& story) {
  if (story.status == 'X') return "voided";
  if (story.returned && story.returned->status == "REFUNDED") {
    return story.returned->amount_minor >= story.total_minor ? "refunded" : "partially_refunded";
  }
  if (story.status == 'O' && story.fraud_decision != "ACCEPT") return "pending";
  return "paid";
}

std::string FulfillmentStatus(const OrderStory& story) {
  switch (story.status) {
    case 'O':
    case 'X':
      return "unfulfilled";
    case 'P':
      return story.lines.size() > 1 ? "partial" : "unfulfilled";
    default:
      return "fulfilled";
  }
}

void EmitEcom(World& world, const OrderStory& story, const EcomCustomer& customer) {
  EcomOrder order;
  order.id = story.shop_order_id;
  order.order_number = story.order_number;
  order.customer_id = customer.id;
  order.created_at = story.placed_at;
  order.financial_status = FinancialStatus(story);
  order.fulfillment_status = FulfillmentStatus(story);
  order.lines = story.lines;
  order.total_minor = story.total_minor;
  if (story.shipment && !story.shipment->tracking_number.empty()) {
    order.tracking =
        EcomTracking{story.shipment->carrier, story.shipment->tracking_number,
                     TrackingUrl(story.shipment->carrier, story.shipment->tracking_number)};
  }
  order.notes = story.notes;
  world.ecom_orders.push_back(std::move(order));
}

void EmitPayment(World& world, const OrderStory& story, const EcomCustomer& customer) {
  if (!story.declined_psp_reference.empty()) {
    PaymentTransaction declined;
    declined.psp_reference = story.declined_psp_reference;
    declined.merchant_reference = story.order_number;
    declined.shopper_reference = customer.id;
    declined.created_at = story.placed_at - minutes{3};
    declined.state = "DECLINED";
    declined.fraud_score = 93;
    declined.fraud_decision = "REJECT";
    world.payments.push_back(std::move(declined));
  }
  PaymentTransaction payment;
  payment.psp_reference = story.psp_reference;
  payment.merchant_reference = story.order_number;
  payment.shopper_reference = customer.id;
  payment.created_at = story.placed_at;
  payment.authorised_minor = story.total_minor;
  payment.fraud_score = story.fraud_score;
  payment.fraud_decision = story.fraud_decision;
  switch (story.status) {
    case 'X':
      payment.state = "CANCELLED";
      break;
    case 'O':
    case 'P':
      payment.state = "AUTHORISED";
      break;
    default:
      payment.state = "CAPTURED";
      payment.captured_minor = story.total_minor;
      if (story.returned && story.returned->status == "REFUNDED") {
        payment.refunded_minor = story.returned->amount_minor;
        payment.state =
            payment.refunded_minor >= payment.captured_minor ? "REFUNDED" : "PARTIALLY_REFUNDED";
      }
  }
  world.payments.push_back(std::move(payment));
}

}  // namespace

void EmitOrder(World& world, const OrderStory& story, const Membership& member) {
  if (member.erp_index >= 0) EmitErp(world, story, world.erp_customers[member.erp_index]);
  if (story.web && member.ecom_index >= 0) {
    const EcomCustomer& customer = world.ecom_customers[member.ecom_index];
    EmitEcom(world, story, customer);
    EmitPayment(world, story, customer);
  }
}

std::string TrackingNumber(Rng& rng, std::string_view carrier) {
  auto letters = [&](int count) {
    std::string out;
    for (int n = 0; n < count; ++n) out += static_cast<char>('A' + rng.Below(26));
    return out;
  };
  if (carrier == "Royal Mail") return letters(2) + Padded(rng.Below(1000000000), 9) + "GB";
  if (carrier == "DPD") return Padded(rng.Below(100000000000000ULL), 14);
  if (carrier == "Evri") return "H" + letters(2) + Padded(rng.Below(10000000000000ULL), 13);
  return Padded(rng.Below(10000000000ULL), 10);  // DHL
}

std::string TrackingUrl(std::string_view carrier, std::string_view number) {
  std::string n(number);
  if (carrier == "Royal Mail")
    return "https://www.royalmail.com/track-your-item#/tracking-results/" + n;
  if (carrier == "DPD") return "https://track.dpd.co.uk/parcels/" + n;
  if (carrier == "Evri") return "https://www.evri.com/track/parcel/" + n;
  return "https://www.dhl.com/gb-en/home/tracking.html?tracking-id=" + n;
}

std::string PspReference(Rng& rng) {
  static constexpr std::string_view kAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  std::string reference;
  for (int n = 0; n < 16; ++n) reference += kAlphabet[rng.Below(kAlphabet.size())];
  return reference;
}

}  // namespace omnihub::world
