#include "tools/simulators/world/world_json.h"

namespace omnihub::world {
namespace {

using nlohmann::json;

json Lines(const std::vector<OrderLine>& lines) {
  json out = json::array();
  for (const auto& line : lines) {
    out.push_back({{"sku", line.sku},
                   {"description", line.description},
                   {"quantity", line.quantity},
                   {"unit_price_minor", line.unit_price_minor}});
  }
  return out;
}

json OptionalTime(const std::optional<Time>& time) {
  return time ? json(FormatIso8601(*time)) : json(nullptr);
}

json AddressJson(const Address& address) {
  return {{"line1", address.line1},
          {"line2", address.line2},
          {"city", address.city},
          {"postcode", address.postcode}};
}

}  // namespace

json ToJson(const Person& person) {
  return {
      {"person_id", person.person_id},       {"given_name", person.given_name},
      {"family_name", person.family_name},   {"email", person.email},
      {"phone_e164", person.phone_e164},     {"address", AddressJson(person.address)},
      {"loyalty_card", person.loyalty_card}, {"twitter_handle", person.twitter_handle},
      {"facebook_id", person.facebook_id},   {"date_of_birth", FormatDate(person.date_of_birth)},
      {"household", person.household}};
}

json ToJson(const MainframeAccount& account) {
  json notes = json::array();
  for (const auto& note : account.notes) {
    notes.push_back({{"date", note.date},
                     {"time", note.time},
                     {"operator_id", note.operator_id},
                     {"text", note.text}});
  }
  return {{"account_number", account.account_number},
          {"name", account.name_upper},
          {"address_line1", account.address_line1},
          {"address_line2", account.address_line2},
          {"address_line3", account.address_line3},
          {"postcode", account.postcode},
          {"opened", account.opened},
          {"card_number", account.card_number},
          {"balance_minor", account.balance_minor},
          {"credit_limit_minor", account.credit_limit_minor},
          {"status", std::string(1, account.status)},
          {"notes", notes}};
}

json ToJson(const ErpCustomer& customer) {
  return {{"customer_number", customer.customer_number},
          {"legacy_account", customer.legacy_account},
          {"given_name", customer.given_name},
          {"family_name", customer.family_name},
          {"email", customer.email},
          {"phone", customer.phone},
          {"address", AddressJson(customer.address)},
          {"loyalty_card", customer.loyalty_card},
          {"loyalty_tier", customer.loyalty_tier},
          {"loyalty_points", customer.loyalty_points},
          {"created_at", FormatIso8601(customer.created_at)}};
}

json ToJson(const Product& product) {
  return {{"sku", product.sku},
          {"description", product.description},
          {"category", product.category},
          {"price_minor", product.price_minor}};
}

json ToJson(const ReturnPolicy& policy) {
  return {{"category", policy.category}, {"days", policy.days}};
}

json ToJson(const ErpOrder& order) {
  json shipments = json::array();
  for (const auto& shipment : order.shipments) {
    shipments.push_back({{"carrier", shipment.carrier},
                         {"tracking_number", shipment.tracking_number},
                         {"promised_date", FormatDate(shipment.promised_date)},
                         {"shipped_at", OptionalTime(shipment.shipped_at)},
                         {"delivered_at", OptionalTime(shipment.delivered_at)},
                         {"status", shipment.status}});
  }
  json invoices = json::array();
  for (const auto& invoice : order.invoices) {
    invoices.push_back({{"invoice_number", invoice.invoice_number},
                        {"issued_at", FormatIso8601(invoice.issued_at)},
                        {"amount_minor", invoice.amount_minor},
                        {"paid", invoice.paid}});
  }
  return {{"order_number", order.order_number},
          {"customer_number", order.customer_number},
          {"channel", order.channel},
          {"placed_at", FormatIso8601(order.placed_at)},
          {"status", std::string(1, order.status)},
          {"lines", Lines(order.lines)},
          {"total_minor", order.total_minor},
          {"currency", order.currency},
          {"shipments", shipments},
          {"invoices", invoices}};
}

json ToJson(const ErpReturn& returned) {
  return {{"rma_number", returned.rma_number},
          {"order_number", returned.order_number},
          {"created_at", FormatIso8601(returned.created_at)},
          {"reason", returned.reason},
          {"amount_minor", returned.amount_minor},
          {"status", returned.status}};
}

json ToJson(const EcomCustomer& customer) {
  return {{"id", customer.id},
          {"email", customer.email},
          {"phone", customer.phone},
          {"first_name", customer.first_name},
          {"last_name", customer.last_name},
          {"twitter_handle", customer.twitter_handle},
          {"facebook_id", customer.facebook_id},
          {"created_at", FormatIso8601(customer.created_at)}};
}

json ToJson(const EcomOrder& order) {
  json notes = json::array();
  for (const auto& note : order.notes) {
    notes.push_back({{"created_at", FormatIso8601(note.created_at)},
                     {"author", note.author},
                     {"body", note.body}});
  }
  json tracking = nullptr;
  if (order.tracking) {
    tracking = {{"carrier", order.tracking->carrier},
                {"number", order.tracking->number},
                {"url", order.tracking->url}};
  }
  return {{"id", order.id},
          {"order_number", order.order_number},
          {"customer_id", order.customer_id},
          {"created_at", FormatIso8601(order.created_at)},
          {"financial_status", order.financial_status},
          {"fulfillment_status", order.fulfillment_status},
          {"lines", Lines(order.lines)},
          {"total_minor", order.total_minor},
          {"currency", order.currency},
          {"tracking", tracking},
          {"notes", notes}};
}

json ToJson(const PaymentTransaction& payment) {
  return {{"psp_reference", payment.psp_reference},
          {"merchant_reference", payment.merchant_reference},
          {"shopper_reference", payment.shopper_reference},
          {"created_at", FormatIso8601(payment.created_at)},
          {"currency", payment.currency},
          {"authorised_minor", payment.authorised_minor},
          {"captured_minor", payment.captured_minor},
          {"refunded_minor", payment.refunded_minor},
          {"state", payment.state},
          {"fraud_score", payment.fraud_score},
          {"fraud_decision", payment.fraud_decision}};
}

json ToJson(const PosTransaction& transaction) {
  json lines = json::array();
  for (const auto& line : transaction.lines) {
    lines.push_back({{"sku", line.sku},
                     {"description", line.description},
                     {"quantity", line.quantity},
                     {"unit_price_minor", line.unit_price_minor},
                     {"amount_minor", line.amount_minor},
                     {"line_kind", line.line_kind}});
  }
  json tenders = json::array();
  for (const auto& tender : transaction.tenders) {
    tenders.push_back({{"type", tender.type}, {"amount_minor", tender.amount_minor}});
  }
  return {{"store_id", transaction.store_id},
          {"register_id", transaction.register_id},
          {"sequence_number", transaction.sequence_number},
          {"business_day", FormatDate(transaction.business_day)},
          {"end_time", FormatIso8601(transaction.end_time)},
          {"loyalty_card", transaction.loyalty_card},
          {"is_return", transaction.is_return},
          {"lines", lines},
          {"tenders", tenders},
          {"total_minor", transaction.total_minor}};
}

}  // namespace omnihub::world
