// POSLog transactions as canonical Orders and Contacts (see poslog_canonical.h).
#include "adapters/poslog/poslog_canonical.h"

#include <cstdio>

namespace omnihub::poslog {
namespace {

void SetMoney(int64_t minor, const std::string& currency, v1::Money* out) {
  out->set_currency_code(currency);
  out->set_amount_minor(minor);
}

// "-£19.99" for GBP, "-19.99 EUR" otherwise.
std::string Amount(int64_t minor, const std::string& currency) {
  char buffer[48];
  unsigned long long magnitude = minor < 0 ? 0ULL - static_cast<unsigned long long>(minor)
                                           : static_cast<unsigned long long>(minor);
  if (currency == "GBP") {
    std::snprintf(buffer, sizeof buffer, "%s£%llu.%02llu", minor < 0 ? "-" : "", magnitude / 100,
                  magnitude % 100);
  } else {
    std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu %s", minor < 0 ? "-" : "", magnitude / 100,
                  magnitude % 100, currency.c_str());
  }
  return buffer;
}

}  // namespace

v1::Order ToOrder(const PoslogTransaction& transaction, const std::string& system,
                  const std::string& currency) {
  std::string number = transaction.ReceiptNumber();
  v1::Order out;
  out.set_order_id(system + ":" + number);
  out.set_order_number(number);
  out.set_channel(v1::CHANNEL_STORE);
  out.set_status(v1::ORDER_STATUS_COMPLETED);
  out.mutable_placed_at()->set_seconds(transaction.end_time_unix);
  SetMoney(transaction.total_minor, currency, out.mutable_total());
  for (const PoslogLine& line : transaction.lines) {
    auto* canonical = out.add_lines();
    canonical->set_sku(line.sku);
    canonical->set_description(line.description);
    canonical->set_quantity(static_cast<int32_t>(line.quantity));
    SetMoney(line.unit_price_minor, currency, canonical->mutable_unit_price());
    SetMoney(line.amount_minor, currency, canonical->mutable_line_total());
  }
  out.set_store_id(transaction.store_id);
  out.set_register_id(transaction.register_id);
  out.set_source_system(system);
  out.add_seen_in(system);
  return out;
}

v1::Contact ReturnContact(const PoslogTransaction& transaction, const std::string& system,
                          const std::string& currency) {
  std::string items;
  for (const PoslogLine& line : transaction.lines) {
    if (!line.returned) continue;
    if (!items.empty()) items += ", ";
    items += line.description + " x" +
             std::to_string(line.quantity < 0 ? -line.quantity : line.quantity);
  }
  v1::Contact contact;
  contact.set_contact_id(system + ":" + transaction.ReceiptNumber());
  contact.set_channel(v1::CONTACT_CHANNEL_STORE);
  contact.set_direction(v1::CONTACT_DIRECTION_INBOUND);
  contact.mutable_occurred_at()->set_seconds(transaction.end_time_unix);
  contact.set_summary("Return at " + transaction.store_id + "/" + transaction.register_id + ": " +
                      items + " (" + Amount(transaction.total_minor, currency) + ")");
  contact.set_source_system(system);
  return contact;
}

}  // namespace omnihub::poslog
