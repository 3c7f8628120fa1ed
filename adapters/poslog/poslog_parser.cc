// ARTS POSLog parser (see poslog_parser.h for the contract).
#include "adapters/poslog/poslog_parser.h"

#include <charconv>
#include <chrono>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::poslog {
namespace {

constexpr int64_t kMaxMinor = 1'000'000'000'000'000;  // 10^13 major units in minor units

std::string Text(const xmlNode* node) {
  std::string out;
  xmlChar* content = xmlNodeGetContent(node);
  if (content != nullptr) {
    out = reinterpret_cast<const char*>(content);
    xmlFree(content);
  }
  size_t begin = out.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  size_t end = out.find_last_not_of(" \t\r\n");
  return out.substr(begin, end - begin + 1);
}

bool InNamespace(const xmlNode* node) {
  return node->ns != nullptr && node->ns->href != nullptr &&
         std::string_view(reinterpret_cast<const char*>(node->ns->href)) == kIxRetailNamespace;
}

bool Is(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && InNamespace(node) &&
         std::string_view(reinterpret_cast<const char*>(node->name)) == name;
}

const xmlNode* Child(const xmlNode* parent, std::string_view name) {
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (Is(child, name)) return child;
  }
  return nullptr;
}

std::string Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return "";
  std::string out = reinterpret_cast<const char*>(value);
  xmlFree(value);
  return out;
}

// Reads one transaction; `where` names it in every error.
class TransactionReader {
 public:
  TransactionReader(const xmlNode* node, size_t index, const PoslogLimits& limits)
      : node_(node), limits_(limits), where_(absl::StrCat("transaction #", index + 1)) {}

  absl::StatusOr<PoslogTransaction> Read() {
    PoslogTransaction out;
    auto store = Required(node_, "RetailStoreID");
    if (!store.ok()) return store.status();
    out.store_id = *store;
    auto workstation = Required(node_, "WorkstationID");
    if (!workstation.ok()) return workstation.status();
    out.register_id = *workstation;
    auto sequence = Required(node_, "SequenceNumber");
    if (!sequence.ok()) return sequence.status();
    where_ = absl::StrCat("transaction ", out.store_id, "/", out.register_id, "/", *sequence);
    if (!ParseInteger(*sequence, out.sequence_number) || out.sequence_number < 0) {
      return Error("<SequenceNumber> '" + *sequence + "' is not a non-negative integer");
    }
    auto day = Required(node_, "BusinessDayDate");
    if (!day.ok()) return day.status();
    std::string day_text = *day;
    if (!ParseIsoDateTime(day_text + "T00:00:00Z").ok() || day_text.size() != 10) {
      return Error("<BusinessDayDate> '" + day_text + "' is not a date (YYYY-MM-DD)");
    }
    out.business_day = day_text;
    auto end = Required(node_, "EndDateTime");
    if (!end.ok()) return end.status();
    auto end_time = ParseIsoDateTime(*end);
    if (!end_time.ok()) return Error("<EndDateTime> " + std::string(end_time.status().message()));
    out.end_time_unix = *end_time;

    const xmlNode* retail = Child(node_, "RetailTransaction");
    if (retail == nullptr) return Error("has no <RetailTransaction>");
    if (auto status = ReadCard(retail, out); !status.ok()) return status;
    bool has_total = false;
    for (const xmlNode* child = retail->children; child != nullptr; child = child->next) {
      if (Is(child, "LineItem")) {
        if (auto status = ReadLineItem(child, out); !status.ok()) return status;
      } else if (Is(child, "Total") && Attribute(child, "TotalType") == "TransactionGrandAmount") {
        auto total = Amount(child, "Total TotalType=\"TransactionGrandAmount\"");
        if (!total.ok()) return total.status();
        out.total_minor = *total;
        has_total = true;
      }
    }
    if (!has_total) return Error("has no <Total TotalType=\"TransactionGrandAmount\">");
    if (out.lines.empty()) return Error("has no <LineItem> with a <Sale> or <Return>");
    return out;
  }

 private:
  absl::Status Error(std::string_view what) const {
    return absl::InvalidArgumentError(absl::StrCat("POSLog ", where_, ": ", std::string(what)));
  }

  absl::StatusOr<std::string> Required(const xmlNode* parent, std::string_view name) const {
    const xmlNode* child = Child(parent, name);
    if (child == nullptr) return Error(absl::StrCat("missing <", std::string(name), ">"));
    std::string text = Text(child);
    if (text.empty()) return Error(absl::StrCat("<", std::string(name), "> is empty"));
    if (text.size() > 256)
      return Error(absl::StrCat("<", std::string(name), "> is longer than 256 characters"));
    return text;
  }

  absl::StatusOr<int64_t> Amount(const xmlNode* node, std::string_view name) const {
    std::string text = Text(node);
    auto minor = ParseMinorUnits(text);
    if (!minor.ok())
      return Error(absl::StrCat("<", std::string(name), "> ", minor.status().message()));
    return *minor;
  }

  absl::StatusOr<int64_t> ChildAmount(const xmlNode* parent, std::string_view name) const {
    const xmlNode* child = Child(parent, name);
    if (child == nullptr) return Error(absl::StrCat("missing <", std::string(name), ">"));
    return Amount(child, name);
  }

  static bool ParseInteger(const std::string& text, int64_t& value) {
    const char* end = text.data() + text.size();
    auto [ptr, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && ptr == end;
  }

  absl::Status ReadCard(const xmlNode* retail, PoslogTransaction& out) const {
    std::string raw;
    if (const xmlNode* customer = Child(retail, "Customer")) {
      if (const xmlNode* id = Child(customer, "CustomerID")) raw = Text(id);
    }
    if (raw.empty()) {
      if (const xmlNode* account = Child(retail, "LoyaltyAccount")) {
        if (const xmlNode* id = Child(account, "LoyaltyAccountID")) raw = Text(id);
      }
    }
    if (raw.empty()) {
      return Error(
          "has no loyalty card (<Customer><CustomerID> or "
          "<LoyaltyAccount><LoyaltyAccountID>)");
    }
    static const sdk::IdentifierNormalizer normalizer("GB");
    auto card = normalizer.LoyaltyCard(absl::string_view(raw.data(), raw.size()));
    if (!card.ok()) return Error(std::string(card.status().message()));
    out.card = *card;
    return absl::OkStatus();
  }

  absl::Status ReadLineItem(const xmlNode* item, PoslogTransaction& out) const {
    if (const xmlNode* tender = Child(item, "Tender")) {
      PoslogTender parsed;
      parsed.type = Attribute(tender, "TenderType");
      if (parsed.type.empty()) return Error("<Tender> has no TenderType attribute");
      auto amount = ChildAmount(tender, "Amount");
      if (!amount.ok()) return amount.status();
      parsed.amount_minor = *amount;
      out.tenders.push_back(std::move(parsed));
      return absl::OkStatus();
    }
    const xmlNode* sale = Child(item, "Sale");
    const xmlNode* ret = Child(item, "Return");
    const xmlNode* goods = sale != nullptr ? sale : ret;
    if (goods == nullptr) return absl::OkStatus();  // other line kinds (tax, discount) ignored
    if (out.lines.size() >= limits_.max_lines) {
      return Error(absl::StrCat("has more than ", limits_.max_lines, " line items"));
    }
    const char* kind = sale != nullptr ? "Sale" : "Return";
    PoslogLine line;
    auto sku = Required(goods, "ItemID");
    if (!sku.ok()) return sku.status();
    line.sku = *sku;
    if (const xmlNode* description = Child(goods, "Description"))
      line.description = Text(description);
    auto quantity_text = Required(goods, "Quantity");
    if (!quantity_text.ok()) return quantity_text.status();
    if (!ParseInteger(*quantity_text, line.quantity) || line.quantity == 0 ||
        line.quantity > 1'000'000 || line.quantity < -1'000'000) {
      return Error(absl::StrCat("<", kind, "> item ", line.sku, ": <Quantity> '", *quantity_text,
                                "' is not a non-zero whole number up to 1000000"));
    }
    const xmlNode* price = Child(goods, "UnitListPrice");
    if (price == nullptr) price = Child(goods, "RegularSalesUnitPrice");
    if (price == nullptr) {
      return Error(absl::StrCat("<", kind, "> item ", line.sku,
                                ": missing <UnitListPrice> or <RegularSalesUnitPrice>"));
    }
    auto unit = Amount(price, reinterpret_cast<const char*>(price->name));
    if (!unit.ok()) return unit.status();
    auto amount = ChildAmount(goods, "ExtendedAmount");
    if (!amount.ok()) return amount.status();
    // Both return shapes give negative quantity and amount.
    line.returned = ret != nullptr || line.quantity < 0;
    int64_t quantity = line.quantity < 0 ? -line.quantity : line.quantity;
    int64_t extended = *amount < 0 ? -*amount : *amount;
    line.quantity = line.returned ? -quantity : quantity;
    line.amount_minor = line.returned ? -extended : extended;
    line.unit_price_minor = *unit < 0 ? -*unit : *unit;
    out.is_return = out.is_return || line.returned;
    out.lines.push_back(std::move(line));
    return absl::OkStatus();
  }

  const xmlNode* node_;
  const PoslogLimits& limits_;
  std::string where_;
};

bool Digits(std::string_view text, size_t pos, size_t count, int& value) {
  if (pos + count > text.size()) return false;
  value = 0;
  for (size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string PoslogTransaction::ReceiptNumber() const {
  return absl::StrCat(store_id, "-", register_id, "-", business_day, "-", sequence_number);
}

absl::StatusOr<int64_t> ParseMinorUnits(std::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(absl::StrCat(
        "'", std::string(text.substr(0, 64)), "' is not a decimal amount with up to 2 decimals"));
  };
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '-' || text[pos] == '+')) negative = text[pos++] == '-';
  int64_t whole = 0;
  size_t whole_digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (++whole_digits > 13) return bad();
    whole = whole * 10 + (text[pos++] - '0');
  }
  int64_t fraction = 0;
  size_t fraction_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (++fraction_digits > 2) return bad();
      fraction = fraction * 10 + (text[pos++] - '0');
    }
    if (fraction_digits == 0) return bad();
  }
  if (pos != text.size() || whole_digits == 0) return bad();
  if (fraction_digits == 1) fraction *= 10;
  int64_t minor = whole * 100 + fraction;
  if (minor > kMaxMinor) return bad();
  return negative ? -minor : minor;
}

absl::StatusOr<int64_t> ParseIsoDateTime(std::string_view text) {
  auto bad = [&] {
    return absl::InvalidArgumentError(
        absl::StrCat("'", std::string(text.substr(0, 64)),
                     "' is not an ISO 8601 date-time with a zone (2026-11-02T14:03:11Z)"));
  };
  int year, month, day, hour, minute, second;
  if (!Digits(text, 0, 4, year) || text.size() < 20 || text[4] != '-' ||
      !Digits(text, 5, 2, month) || text[7] != '-' || !Digits(text, 8, 2, day) || text[10] != 'T' ||
      !Digits(text, 11, 2, hour) || text[13] != ':' || !Digits(text, 14, 2, minute) ||
      text[16] != ':' || !Digits(text, 17, 2, second)) {
    return bad();
  }
  std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month),
                                   std::chrono::day(day)};
  if (!date.ok() || hour > 23 || minute > 59 || second > 60) return bad();
  size_t pos = 19;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
    if (pos == start || pos - start > 9) return bad();
  }
  int offset = 0;
  if (pos < text.size() && text[pos] == 'Z') {
    ++pos;
  } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
    int sign = text[pos] == '-' ? -1 : 1;
    int zone_hour, zone_minute;
    if (!Digits(text, pos + 1, 2, zone_hour) || pos + 3 >= text.size() || text[pos + 3] != ':' ||
        !Digits(text, pos + 4, 2, zone_minute) || zone_hour > 14 || zone_minute > 59) {
      return bad();
    }
    offset = sign * (zone_hour * 3600 + zone_minute * 60);
    pos += 6;
  } else {
    return bad();
  }
  if (pos != text.size()) return bad();
  int64_t days = std::chrono::sys_days(date).time_since_epoch().count();
  return days * 86400 + hour * 3600 + minute * 60 + second - offset;
}

absl::StatusOr<std::vector<PoslogTransaction>> ParsePoslog(std::string_view xml,
                                                           const PoslogLimits& limits) {
  if (xml.size() > limits.max_document_bytes) {
    return absl::InvalidArgumentError(absl::StrCat("POSLog document of ", xml.size(),
                                                   " bytes is over the limit of ",
                                                   limits.max_document_bytes, " bytes"));
  }
  static const xml::XmlDocumentKind kKind{"a POSLog document", "POSLog",
                                          std::string(kIxRetailNamespace), "adapters/poslog"};
  std::vector<xml::XmlProblem> problems;
  xml::XmlDocPtr doc = xml::ParseXmlSafely(xml, kKind, problems);
  if (doc == nullptr) {
    std::string reason = problems.empty() ? "not well-formed XML" : problems.front().message;
    int line = problems.empty() ? 0 : problems.front().line;
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog document is not usable XML (line ", line, "): ", reason));
  }
  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (root == nullptr || std::strcmp(reinterpret_cast<const char*>(root->name), "POSLog") != 0) {
    return absl::InvalidArgumentError("POSLog document: the root element must be <POSLog>");
  }
  if (!InNamespace(root)) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog document: <POSLog> must be in the IXRetail namespace ",
                     std::string(kIxRetailNamespace)));
  }
  std::vector<PoslogTransaction> out;
  for (const xmlNode* child = root->children; child != nullptr; child = child->next) {
    if (!Is(child, "Transaction")) continue;
    if (out.size() >= limits.max_transactions) {
      return absl::InvalidArgumentError(absl::StrCat("POSLog document holds more than ",
                                                     limits.max_transactions, " transactions"));
    }
    auto transaction = TransactionReader(child, out.size(), limits).Read();
    if (!transaction.ok()) return transaction.status();
    out.push_back(*std::move(transaction));
  }
  if (out.empty()) return absl::InvalidArgumentError("POSLog document holds no <Transaction>");
  return out;
}

}  // namespace omnihub::poslog
