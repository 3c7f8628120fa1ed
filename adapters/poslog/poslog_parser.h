// ARTS POSLog reader: till transactions in the IXRetail namespace
// (http://www.nrf-arts.org/IXRetail/namespace/) read through the system's mapping file
// (mappings/systems/pos.xml, see pos_mapping.h) into canonical omnihub.v1.PosTransaction records.
//
// Contract:
//  - Input is one POSLog document (root <POSLog> in the IXRetail namespace) holding one or more
//    <Transaction>s. It is read by the mapping engine's ReadXmlAnswer (adapters/xml; streamed,
//    without a tree, when the mapping's selectors are all plain paths): any DOCTYPE (and so any
//    entity) is refused, and so is nesting deeper than 64 elements.
//  - A document larger than PoslogLimits::max_document_bytes, or holding more transactions than
//    max_transactions, or a transaction with more than max_lines lines, is refused.
//  - What each transaction gives is the mapping's: amounts exact (money transforms, never
//    floating point), both return styles real tills write (a <Return> line item, or a <Sale> line
//    with a negative <Quantity>) as negative quantities and amounts, the Luhn-checked loyalty
//    card as customer_id. The reader then requires a receipt, a card, an end time and at least
//    one line, each with a non-zero quantity.
//  - A document is taken whole or not at all: every problem is INVALID_ARGUMENT, the mapping's
//    naming the record, the canonical field and the XPath ("record 2: transaction.order.total <-
//    ix:RetailTransaction/ix:Total[...]: ...").
//
// Thread-safe: no shared state (the compiled mapping is immutable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "omnihub/v1/pos.pb.h"

namespace omnihub::poslog {

struct PoslogTransaction {
  // The transaction as the mapping gave it.
  v1::PosTransaction record;
  // Read from `record`, for the index, the feed's store check and the change events.
  std::string store_id;
  std::string register_id;
  int64_t sequence_number = 0;
  std::string business_day;   // YYYY-MM-DD
  int64_t end_time_unix = 0;  // seconds since the epoch, UTC
  std::string card;           // loyalty card digits
  bool is_return = false;
  int64_t total_minor = 0;  // the grand total, signed
  size_t line_count = 0;

  // The receipt number, also the de-duplication key: the mapped order number
  // ("S042-R03-2026-11-02-17"), or for a transaction built by hand without one, store, register,
  // business day and sequence joined the same way.
  std::string ReceiptNumber() const;
};

struct PoslogLimits {
  size_t max_document_bytes = 4 << 20;
  size_t max_transactions = 10000;
  size_t max_lines = 1000;  // per transaction
  // How transactions are read: a compiled connector="poslog" mapping (pos_mapping.h); null for
  // the built-in mappings/systems/pos.xml.
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping = nullptr;
};

inline constexpr std::string_view kIxRetailNamespace =
    "http://www.nrf-arts.org/IXRetail/namespace/";

absl::StatusOr<std::vector<PoslogTransaction>> ParsePoslog(std::string_view xml,
                                                           const PoslogLimits& limits = {});

// Exact decimal text to minor units (2 decimals): "12.5" -> 1250, "-0.01" -> -1. For tests and
// tools that check POSLog text (the mapping reads amounts with its money transform).
absl::StatusOr<int64_t> ParseMinorUnits(std::string_view text);

// ISO 8601 date-time with a zone ("2026-11-02T14:03:11Z", "...+01:00", fractions allowed) to
// Unix seconds. For tests and tools, as ParseMinorUnits.
absl::StatusOr<int64_t> ParseIsoDateTime(std::string_view text);

}  // namespace omnihub::poslog
