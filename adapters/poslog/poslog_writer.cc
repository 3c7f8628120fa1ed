// World POS transactions to POSLog XML (see poslog_writer.h).
#include "adapters/poslog/poslog_writer.h"

#include <cstdio>

namespace omnihub::poslog {
namespace {

std::string Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

// The world's tender kinds as ARTS TenderType values.
std::string TenderType(const std::string& type) {
  if (type == "CASH") return "Cash";
  if (type == "CARD") return "CreditDebit";
  if (type == "GIFT_CARD") return "GiftCard";
  if (type == "REFUND") return "Refund";
  return type;
}

void Element(std::string& out, const char* name, const std::string& value) {
  out += "<";
  out += name;
  out += ">";
  out += Escape(value);
  out += "</";
  out += name;
  out += ">";
}

void WriteLine(std::string& out, const world::PosLine& line) {
  bool as_return_line = line.line_kind == "RETURN";
  const char* kind = as_return_line ? "Return" : "Sale";
  // A Return line carries positive figures; a Sale carries them signed as the world has them.
  int64_t quantity = line.quantity;
  int64_t amount = line.amount_minor;
  if (as_return_line) {
    quantity = quantity < 0 ? -quantity : quantity;
    amount = amount < 0 ? -amount : amount;
  }
  out += "<LineItem><";
  out += kind;
  out += ">";
  Element(out, "ItemID", line.sku);
  Element(out, "Description", line.description);
  Element(out, "Quantity", std::to_string(quantity));
  Element(out, "UnitListPrice", FormatMinorUnits(line.unit_price_minor));
  Element(out, "ExtendedAmount", FormatMinorUnits(amount));
  out += "</";
  out += kind;
  out += "></LineItem>\n";
}

}  // namespace

std::string FormatMinorUnits(int64_t minor) {
  char buffer[40];
  unsigned long long magnitude = minor < 0 ? 0ULL - static_cast<unsigned long long>(minor)
                                           : static_cast<unsigned long long>(minor);
  std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", minor < 0 ? "-" : "", magnitude / 100,
                magnitude % 100);
  return buffer;
}

std::string WritePoslog(std::span<const world::PosTransaction> transactions) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<POSLog xmlns=\"http://www.nrf-arts.org/IXRetail/namespace/\">\n";
  for (const world::PosTransaction& t : transactions) {
    out += "<Transaction>";
    Element(out, "RetailStoreID", t.store_id);
    Element(out, "WorkstationID", t.register_id);
    Element(out, "SequenceNumber", std::to_string(t.sequence_number));
    Element(out, "BusinessDayDate", world::FormatDate(t.business_day));
    Element(out, "EndDateTime", world::FormatIso8601(t.end_time));
    out += "\n<RetailTransaction><Customer>";
    Element(out, "CustomerID", t.loyalty_card);
    out += "</Customer>\n";
    for (const world::PosLine& line : t.lines) WriteLine(out, line);
    for (const world::PosTender& tender : t.tenders) {
      out += "<LineItem><Tender TenderType=\"" + Escape(TenderType(tender.type)) + "\">";
      Element(out, "Amount", FormatMinorUnits(tender.amount_minor));
      out += "</Tender></LineItem>\n";
    }
    out += "<Total TotalType=\"TransactionGrandAmount\">" + FormatMinorUnits(t.total_minor) +
           "</Total></RetailTransaction></Transaction>\n";
  }
  out += "</POSLog>\n";
  return out;
}

}  // namespace omnihub::poslog
