// POSLog transactions as canonical Orders and Contacts (see poslog_canonical.h).
#include "adapters/poslog/poslog_canonical.h"

#include <cstdio>

namespace omnihub::poslog {
namespace {

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

v1::Order ToOrder(const PoslogTransaction& transaction, const std::string& system) {
  v1::Order out = transaction.record.order();
  out.set_order_id(system + ":" + transaction.ReceiptNumber());
  if (out.order_number().empty()) out.set_order_number(transaction.ReceiptNumber());
  out.set_source_system(system);
  out.clear_seen_in();
  out.add_seen_in(system);
  return out;
}

v1::Contact ReturnContact(const PoslogTransaction& transaction, const std::string& system) {
  std::string items;
  for (const v1::OrderLine& line : transaction.record.order().lines()) {
    if (line.quantity() >= 0) continue;
    if (!items.empty()) items += ", ";
    items += line.description() + " x" + std::to_string(-static_cast<int64_t>(line.quantity()));
  }
  const v1::Money& total = transaction.record.order().total();
  v1::Contact contact;
  contact.set_contact_id(system + ":" + transaction.ReceiptNumber());
  contact.set_channel(v1::CONTACT_CHANNEL_STORE);
  contact.set_direction(v1::CONTACT_DIRECTION_INBOUND);
  contact.mutable_occurred_at()->set_seconds(transaction.end_time_unix);
  contact.set_summary("Return at " + transaction.store_id + "/" + transaction.register_id + ": " +
                      items + " (" + Amount(total.amount_minor(), total.currency_code()) + ")");
  contact.set_source_system(system);
  return contact;
}

}  // namespace omnihub::poslog
