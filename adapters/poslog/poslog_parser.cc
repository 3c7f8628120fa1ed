// ARTS POSLog reader (see poslog_parser.h for the contract).
#include "adapters/poslog/poslog_parser.h"

#include <charconv>
#include <chrono>
#include <cstring>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "adapters/poslog/pos_mapping.h"

namespace omnihub::poslog {
namespace {

constexpr int64_t kMaxMinor = 1'000'000'000'000'000;  // 10^13 major units in minor units

// The fields the index and the change events key on, and what the reader requires of every
// transaction whatever the mapping says.
absl::StatusOr<PoslogTransaction> Keyed(v1::PosTransaction record, size_t index,
                                        const PoslogLimits& limits) {
  PoslogTransaction out;
  const v1::Order& order = record.order();
  out.store_id = order.store_id();
  out.register_id = order.register_id();
  out.sequence_number = record.sequence_number();
  out.business_day = record.business_day();
  out.end_time_unix = order.placed_at().seconds();
  out.card = record.customer_id();
  out.is_return = record.is_return();
  out.total_minor = order.total().amount_minor();
  out.line_count = static_cast<size_t>(order.lines_size());
  const std::string where =
      order.order_number().empty()
          ? absl::StrCat("POSLog transaction #", index + 1)
          : absl::StrCat("POSLog transaction ", order.order_number().substr(0, 128));
  auto missing = [&](const char* what) {
    return absl::InvalidArgumentError(absl::StrCat(where, ": ", what, " (the mapping gives none)"));
  };
  if (order.order_number().empty())
    return missing("no receipt number (transaction.order.order_number)");
  if (out.store_id.empty()) return missing("no store (transaction.order.store_id)");
  if (out.card.empty()) return missing("no loyalty card (transaction.customer_id)");
  if (!order.has_placed_at()) return missing("no end time (transaction.order.placed_at)");
  if (order.lines_size() == 0) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": has no <LineItem> with a <Sale> or <Return>"));
  }
  if (out.line_count > limits.max_lines) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, ": has more than ", limits.max_lines, " line items"));
  }
  for (int i = 0; i < order.lines_size(); ++i) {
    if (order.lines(i).quantity() == 0) {
      return absl::InvalidArgumentError(absl::StrCat(where, ": line ", i + 1, " (",
                                                     order.lines(i).sku().substr(0, 64),
                                                     ") has no quantity, or a quantity of 0"));
    }
  }
  out.record = std::move(record);
  return out;
}

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
  if (!record.order().order_number().empty()) return record.order().order_number();
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
  std::shared_ptr<const mapping::engine::CompiledSystem> system = limits.mapping;
  if (system == nullptr) {
    auto builtin = BuiltinPosMapping();
    if (!builtin.ok()) return builtin.status();
    system = *std::move(builtin);
  }
  const mapping::engine::CompiledOperation* operation =
      system->FindOperation(kPosTransactionOperation);
  if (operation == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat("the mapping ", system->file,
                                                      " declares no '",
                                                      std::string(kPosTransactionOperation), "'"));
  }
  // Read once, for the operation: streamed when the mapping's selectors are all plain paths,
  // a tree otherwise (xml_mapper.h ReadXmlAnswer).
  auto answer = mapping::engine::ReadXmlAnswer(*operation, xml);
  if (!answer.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog document is not usable XML: ", answer.status().message()));
  }
  const mapping::engine::XmlDocumentElement root = answer->document_element();
  if (root.local_name != "POSLog") {
    return absl::InvalidArgumentError("POSLog document: the root element must be <POSLog>");
  }
  if (root.namespace_uri != kIxRetailNamespace) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog document: <POSLog> must be in the IXRetail namespace ",
                     std::string(kIxRetailNamespace)));
  }
  const size_t count = root.child_elements;
  if (count > limits.max_transactions) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog document holds more than ", limits.max_transactions, " transactions"));
  }
  std::vector<v1::PosTransaction> records;
  records.reserve(count);
  absl::Status mapped = mapping::engine::MapXmlRecords(
      *system, *operation, *answer,
      [&records]() -> google::protobuf::Message* { return &records.emplace_back(); });
  if (!mapped.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("POSLog document: ", mapped.message()));
  }
  if (records.empty()) return absl::InvalidArgumentError("POSLog document holds no <Transaction>");
  std::vector<PoslogTransaction> out;
  out.reserve(records.size());
  for (size_t i = 0; i < records.size(); ++i) {
    auto keyed = Keyed(std::move(records[i]), i, limits);
    if (!keyed.ok()) return keyed.status();
    out.push_back(*std::move(keyed));
  }
  return out;
}

}  // namespace omnihub::poslog
