// Change events for newly indexed till transactions (see pos_change.h).
#include "adapters/poslog/pos_change.h"

#include <cstdio>

#include "absl/strings/str_cat.h"

namespace omnihub::poslog {
namespace {

std::string Amount(int64_t minor) {
  char buffer[40];
  unsigned long long magnitude = minor < 0 ? 0ULL - static_cast<unsigned long long>(minor)
                                           : static_cast<unsigned long long>(minor);
  std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", minor < 0 ? "-" : "", magnitude / 100,
                magnitude % 100);
  return buffer;
}

}  // namespace

events::BackendChange PosTransactionChange(const PoslogTransaction& transaction,
                                           const std::string& system, const std::string& currency) {
  events::BackendChange change;
  const std::string receipt = transaction.ReceiptNumber();
  change.set_event_id(absl::StrCat("pos-", receipt));
  change.set_type(v1::EVENT_TYPE_POS_TRANSACTION);
  change.mutable_occurred_at()->set_seconds(transaction.end_time_unix);
  change.set_system(system);
  change.set_account_id(transaction.card);
  change.set_subject(receipt);
  change.set_detail(absl::StrCat(
      transaction.is_return ? "Return" : "Sale", " at store ", transaction.store_id, " register ",
      transaction.register_id, ": ", transaction.line_count,
      transaction.line_count == 1 ? " line, " : " lines, ", Amount(transaction.total_minor), " ",
      transaction.record.order().total().currency_code().empty()
          ? currency
          : transaction.record.order().total().currency_code()));
  change.add_affected_sections(v1::SECTION_ORDERS);
  if (transaction.is_return) change.add_affected_sections(v1::SECTION_CONTACTS);
  return change;
}

}  // namespace omnihub::poslog
