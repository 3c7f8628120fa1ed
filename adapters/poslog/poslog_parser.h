// ARTS POSLog parser: till transactions in the IXRetail namespace
// (http://www.nrf-arts.org/IXRetail/namespace/) read into plain structs.
//
// Contract:
//  - Input is one POSLog document (root <POSLog>) holding one or more <Transaction>s. Parsing is
//    done by omnihub::xml::ParseXmlSafely: any DOCTYPE (and so any entity) is refused.
//  - A document larger than PoslogLimits::max_document_bytes, or holding more transactions than
//    max_transactions, is refused before/while parsing.
//  - Amounts are decimal text ("12.50", "-3", "0.5") read exactly into minor units (2 decimals);
//    never through floating point. More than 2 decimals, or a value beyond +/-10^13, is an error.
//  - A return is accepted in both shapes real tills write: a <Return> line item, or a <Sale> line
//    with a negative <Quantity>. Both give the same result: `returned` set, negative quantity and
//    negative amount on the line; the transaction's `is_return` is set when any line is returned.
//  - The loyalty card (<Customer><CustomerID> or <LoyaltyAccount><LoyaltyAccountID>, spaces
//    allowed) must pass its Luhn check; `card` holds its digits.
//  - Every problem is INVALID_ARGUMENT naming the element and the transaction
//    ("transaction S042/R03/17: <ExtendedAmount> '1.2.3' is not a decimal amount").
//
// Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::poslog {

struct PoslogLine {
  std::string sku;
  std::string description;
  int64_t quantity = 0;  // negative for returned goods
  int64_t unit_price_minor = 0;
  int64_t amount_minor = 0;  // negative for returned goods
  bool returned = false;
};

struct PoslogTender {
  std::string type;  // the TenderType attribute as written ("Cash", "CreditDebit", "Refund"...)
  int64_t amount_minor = 0;
};

struct PoslogTransaction {
  std::string store_id;
  std::string register_id;
  int64_t sequence_number = 0;
  std::string business_day;   // YYYY-MM-DD
  int64_t end_time_unix = 0;  // seconds since the epoch, UTC (the zone in the text applied)
  std::string card;           // loyalty card digits, Luhn-checked
  bool is_return = false;
  std::vector<PoslogLine> lines;
  std::vector<PoslogTender> tenders;
  int64_t total_minor = 0;  // TransactionGrandAmount, signed

  // "S042-R03-2026-11-02-17": the receipt number (store, register, business day, sequence), the
  // same shape as the reference pos slice's order numbers; also the de-duplication key.
  std::string ReceiptNumber() const;
};

struct PoslogLimits {
  size_t max_document_bytes = 4 << 20;
  size_t max_transactions = 10000;
  size_t max_lines = 1000;  // per transaction
};

inline constexpr std::string_view kIxRetailNamespace =
    "http://www.nrf-arts.org/IXRetail/namespace/";

absl::StatusOr<std::vector<PoslogTransaction>> ParsePoslog(std::string_view xml,
                                                           const PoslogLimits& limits = {});

// Exact decimal text to minor units (2 decimals): "12.5" -> 1250, "-0.01" -> -1. Exposed for
// tests and the writer.
absl::StatusOr<int64_t> ParseMinorUnits(std::string_view text);

// ISO 8601 date-time with a zone ("2026-11-02T14:03:11Z", "...+01:00", fractions allowed) to
// Unix seconds.
absl::StatusOr<int64_t> ParseIsoDateTime(std::string_view text);

}  // namespace omnihub::poslog
