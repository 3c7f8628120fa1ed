// Applies a compiled operation of a table connector (odbc; tn3270 screen reads) to a TableSet
// (table.h), producing canonical protobuf records: each row of `tables.main` becomes one record;
// each <repeated statement="..."> group takes the rows of that child table whose `key` column
// equals the record's `parent_key` column (as text; NULL never matches), in the child table's order.
//
// Values are text as the backend gave them; NULL is null (a null result leaves the field unset;
// a required field that is null is an error). The same transforms as for JSON apply.
//
// Before any row is mapped, every column the operation reads is looked up (case-insensitively) in
// its table; missing columns are one INVALID_ARGUMENT naming each column, the canonical field
// that reads it and the columns the table has. So are structural faults: a row whose width
// differs from the column count, more than kMaxTableRows rows, a missing child table.
// Field errors name the record, target and column, and are collected (up to 20):
//   record 2: order.placed_at <- column placed_at: step 1 'timestamp': ...
//   record 1: order.lines.quantity <- lines row 3 column quantity: type mismatch: ...
//
// Thread-safety: every function may run concurrently.
#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/table.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/customer.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::mapping::engine {

// Limits on what a backend may hand the mapper (each beyond is INVALID_ARGUMENT).
inline constexpr size_t kMaxTableRows = 100'000;  // per table
inline constexpr size_t kMaxCellBytes = 1u << 20;  // per value (an error for that field)

// Maps every row of `tables.main` into a message from `add_record` (of the operation's record
// type). No rows give no records.
absl::Status MapTable(const CompiledOperation& operation, const TableSet& tables,
                      const std::function<google::protobuf::Message*()>& add_record);

// Maps exactly one row into `out` (NOT_FOUND for no row, INVALID_ARGUMENT for several).
absl::Status MapTableRecord(const CompiledOperation& operation, const TableSet& tables,
                            google::protobuf::Message& out);

absl::StatusOr<omnihub::v1::Customer> MapTableCustomer(const CompiledOperation& operation,
                                                       const TableSet& tables);
absl::StatusOr<std::vector<omnihub::v1::Customer>> MapTableCustomers(
    const CompiledOperation& operation, const TableSet& tables);
absl::StatusOr<std::vector<omnihub::v1::Order>> MapTableOrders(const CompiledOperation& operation,
                                                               const TableSet& tables);
absl::StatusOr<std::vector<omnihub::v1::Contact>> MapTableContacts(
    const CompiledOperation& operation, const TableSet& tables);

}  // namespace omnihub::mapping::engine
