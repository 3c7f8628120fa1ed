// The ERP data set: the generated world's ERP slice (customers, addresses, products, return
// policies, orders with lines, shipments, invoices, returns) written into an ERP database through
// omnihub_odbc, in batched transactions with bound parameters only. The schema is schema.sql
// (portable between SQLite and PostgreSQL; its header lists the dialect differences).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"
#include "tools/simulators/world/world.h"

namespace omnihub::erp {

// The statements of schema.sql, comments removed, in order.
std::vector<std::string> SchemaStatements();

// The ERP tables, parents first.
const std::vector<std::string>& ErpTables();

struct LoadOptions {
  // Rows written per transaction (approximately: an order and its children stay together).
  int batch_rows = 1000;
  // Drop the ERP tables first. Without it, loading into a database that already holds customers
  // is FAILED_PRECONDITION.
  bool replace = false;
};

struct LoadCounts {
  int64_t customers = 0, addresses = 0, products = 0, return_policies = 0, orders = 0,
          order_lines = 0, shipments = 0, invoices = 0, returns = 0;
  int64_t total() const {
    return customers + addresses + products + return_policies + orders + order_lines + shipments +
           invoices + returns;
  }
};

// The ERP's own order key for the n-th order (0-based) of the world: "SO00000001".
std::string OrderId(size_t index);

// Creates the schema (and the idempotency table) and loads `world`'s ERP slice. Each batch
// commits on its own; a failure rolls back the batch in progress and returns the error, naming
// the table and record.
absl::StatusOr<LoadCounts> LoadErp(const world::World& world, odbc::Connection& connection,
                                   const LoadOptions& options);

}  // namespace omnihub::erp
