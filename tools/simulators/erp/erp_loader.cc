#include "tools/simulators/erp/erp_loader.h"

#include <algorithm>
#include <chrono>
#include <optional>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "adapters/odbc/idempotency.h"
#include "tools/simulators/erp/schema_sql.h"

namespace omnihub::erp {
namespace {

using odbc::Clock;
using odbc::SqlParam;

// One statement may take this long; a whole load has no deadline.
Clock::time_point StatementDeadline() { return Clock::now() + std::chrono::seconds(60); }

SqlParam OptionalText(const std::string& text) {
  return text.empty() ? SqlParam::Null() : SqlParam::Text(text);
}

// Writes rows in transactions of about `batch_rows` rows.
class BatchWriter {
 public:
  BatchWriter(odbc::Connection& connection, int batch_rows, bool postgres)
      : connection_(connection), batch_rows_(std::max(1, batch_rows)), postgres_(postgres) {}

  // SQLite keeps times as ISO text (schema.sql); PostgreSQL gets typed values.
  SqlParam Time(world::Time time) const {
    return postgres_ ? SqlParam::Timestamp(world::FormatIso8601(time))
                     : SqlParam::Text(world::FormatIso8601(time));
  }
  SqlParam OptionalTime(const std::optional<world::Time>& time) const {
    if (!time)
      return SqlParam::Null(postgres_ ? SqlParam::Kind::kTimestamp : SqlParam::Kind::kText);
    return Time(*time);
  }
  SqlParam NullDate() const {
    return SqlParam::Null(postgres_ ? SqlParam::Kind::kDate : SqlParam::Kind::kText);
  }
  SqlParam Date(std::chrono::year_month_day day) const {
    return postgres_ ? SqlParam::Date(world::FormatDate(day))
                     : SqlParam::Text(world::FormatDate(day));
  }

  absl::Status Insert(const std::string& table, std::string_view columns_and_values,
                      const std::vector<SqlParam>& params, std::string_view record) {
    if (!connection_.in_transaction()) {
      auto begun = connection_.Begin();
      if (!begun.ok()) return begun;
    }
    auto done = connection_.Execute(
        absl::StrCat("INSERT INTO ", table, " ", odbc::Absl(columns_and_values)), params,
        StatementDeadline());
    if (!done.ok()) {
      connection_.Rollback().IgnoreError();
      return absl::Status(done.status().code(),
                          absl::StrCat("erp-load: ", table, " ", odbc::Absl(record), ": ",
                                       done.status().message()));
    }
    ++pending_;
    return absl::OkStatus();
  }

  // Commits when the batch is full (call between records, never inside one).
  absl::Status MaybeCommit() { return pending_ >= batch_rows_ ? Commit() : absl::OkStatus(); }
  absl::Status Commit() {
    pending_ = 0;
    return connection_.in_transaction() ? connection_.Commit() : absl::OkStatus();
  }

 private:
  odbc::Connection& connection_;
  const int batch_rows_;
  const bool postgres_;
  int pending_ = 0;
};

}  // namespace

std::vector<std::string> SchemaStatements() {
  std::vector<std::string> statements;
  std::string current;
  std::string_view text = kErpSchemaSql;
  while (!text.empty()) {
    size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    size_t comment = line.find("--");
    if (comment != std::string_view::npos) line = line.substr(0, comment);
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.empty()) continue;
    if (!current.empty()) current += '\n';
    current += line;
    if (current.back() == ';') {
      current.pop_back();
      statements.push_back(std::move(current));
      current.clear();
    }
  }
  return statements;
}

const std::vector<std::string>& ErpTables() {
  static const std::vector<std::string> tables = {
      "customers",   "addresses", "products", "return_policies", "orders",
      "order_lines", "shipments", "invoices", "returns",         "contacts"};
  return tables;
}

std::string OrderId(size_t index) {
  std::string digits = std::to_string(index + 1);
  return "SO" + std::string(digits.size() < 8 ? 8 - digits.size() : 0, '0') + digits;
}

absl::StatusOr<LoadCounts> LoadErp(const world::World& world, odbc::Connection& connection,
                                   const LoadOptions& options) {
  const auto& tables = ErpTables();
  if (options.replace) {
    for (auto it = tables.rbegin(); it != tables.rend(); ++it) {
      auto dropped = connection.Execute("DROP TABLE IF EXISTS " + *it, {}, StatementDeadline());
      if (!dropped.ok()) return dropped.status();
    }
  } else {
    auto existing = connection.Query("SELECT COUNT(*) FROM customers", {}, StatementDeadline());
    if (existing.ok() && !existing->rows.empty() && existing->rows[0][0] != "0") {
      return absl::FailedPreconditionError(
          "erp-load: the database already holds customers; pass --replace to reload it");
    }
    if (existing.ok()) {
      return absl::FailedPreconditionError(
          "erp-load: the ERP tables already exist; pass --replace to recreate them");
    }
  }
  for (const auto& statement : SchemaStatements()) {
    auto done = connection.Execute(statement, {}, StatementDeadline());
    if (!done.ok()) {
      return absl::Status(done.status().code(),
                          absl::StrCat("erp-load: schema: ", done.status().message()));
    }
  }
  auto idempotency = odbc::EnsureIdempotencyTable(connection, StatementDeadline());
  if (!idempotency.ok()) return idempotency;

  LoadCounts counts;
  BatchWriter writer(connection, options.batch_rows, connection.is_postgresql());
  for (const auto& product : world.products) {
    auto done = writer.Insert(
        "products", "(sku, description, category, price_minor, currency) VALUES (?, ?, ?, ?, ?)",
        {SqlParam::Text(product.sku), SqlParam::Text(product.description),
         SqlParam::Text(product.category), SqlParam::Integer(product.price_minor),
         SqlParam::Text("GBP")},
        product.sku);
    if (!done.ok()) return done;
    ++counts.products;
  }
  for (const auto& policy : world.return_policies) {
    auto done = writer.Insert("return_policies", "(category, days) VALUES (?, ?)",
                              {SqlParam::Text(policy.category), SqlParam::Integer(policy.days)},
                              policy.category);
    if (!done.ok()) return done;
    ++counts.return_policies;
  }
  if (auto done = writer.Commit(); !done.ok()) return done;

  for (const auto& customer : world.erp_customers) {
    auto done = writer.Insert(
        "customers",
        "(customer_id, given_name, family_name, email, phone, loyalty_card, legacy_account, tier, "
        "loyalty_points, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {SqlParam::Text(customer.customer_number), SqlParam::Text(customer.given_name),
         SqlParam::Text(customer.family_name), OptionalText(customer.email),
         OptionalText(customer.phone), OptionalText(customer.loyalty_card),
         OptionalText(customer.legacy_account), OptionalText(customer.loyalty_tier),
         customer.loyalty_card.empty() ? SqlParam::Null(SqlParam::Kind::kInteger)
                                       : SqlParam::Integer(customer.loyalty_points),
         writer.Time(customer.created_at)},
        customer.customer_number);
    if (!done.ok()) return done;
    ++counts.customers;
    done = writer.Insert(
        "addresses",
        "(customer_id, line1, line2, town, postcode, country) VALUES (?, ?, ?, ?, ?, ?)",
        {SqlParam::Text(customer.customer_number), SqlParam::Text(customer.address.line1),
         OptionalText(customer.address.line2), SqlParam::Text(customer.address.city),
         SqlParam::Text(customer.address.postcode), SqlParam::Text("GB")},
        customer.customer_number);
    if (!done.ok()) return done;
    ++counts.addresses;
    if (done = writer.MaybeCommit(); !done.ok()) return done;
  }
  if (auto done = writer.Commit(); !done.ok()) return done;

  std::unordered_map<std::string, std::string> order_ids;  // order number -> order_id
  for (size_t i = 0; i < world.erp_orders.size(); ++i) {
    const world::ErpOrder& order = world.erp_orders[i];
    const std::string order_id = OrderId(i);
    order_ids.emplace(order.order_number, order_id);
    SqlParam promised = order.shipments.empty()
                            ? writer.NullDate()
                            : writer.Date(order.shipments.front().promised_date);
    auto done = writer.Insert(
        "orders",
        "(order_id, order_number, customer_id, channel, status, placed_at, total_minor, currency, "
        "promised_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {SqlParam::Text(order_id), SqlParam::Text(order.order_number),
         SqlParam::Text(order.customer_number), SqlParam::Text(order.channel),
         SqlParam::Text(std::string(1, order.status)), writer.Time(order.placed_at),
         SqlParam::Integer(order.total_minor), SqlParam::Text(order.currency), promised},
        order.order_number);
    if (!done.ok()) return done;
    ++counts.orders;
    for (size_t n = 0; n < order.lines.size(); ++n) {
      const world::OrderLine& line = order.lines[n];
      done = writer.Insert(
          "order_lines",
          "(order_id, line_no, sku, description, quantity, unit_price_minor) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {SqlParam::Text(order_id), SqlParam::Integer(static_cast<int64_t>(n + 1)),
           SqlParam::Text(line.sku), SqlParam::Text(line.description),
           SqlParam::Integer(line.quantity), SqlParam::Integer(line.unit_price_minor)},
          order.order_number);
      if (!done.ok()) return done;
      ++counts.order_lines;
    }
    for (size_t n = 0; n < order.shipments.size(); ++n) {
      const world::ErpShipment& shipment = order.shipments[n];
      done = writer.Insert(
          "shipments",
          "(order_id, shipment_no, carrier, tracking, promised_at, shipped_at, delivered_at, "
          "status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
          {SqlParam::Text(order_id), SqlParam::Integer(static_cast<int64_t>(n + 1)),
           SqlParam::Text(shipment.carrier), OptionalText(shipment.tracking_number),
           writer.Date(shipment.promised_date), writer.OptionalTime(shipment.shipped_at),
           writer.OptionalTime(shipment.delivered_at), SqlParam::Text(shipment.status)},
          order.order_number);
      if (!done.ok()) return done;
      ++counts.shipments;
    }
    for (const auto& invoice : order.invoices) {
      done =
          writer.Insert("invoices",
                        "(invoice_number, order_id, issued_at, amount_minor, currency, paid) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        {SqlParam::Text(invoice.invoice_number), SqlParam::Text(order_id),
                         writer.Time(invoice.issued_at), SqlParam::Integer(invoice.amount_minor),
                         SqlParam::Text(order.currency), SqlParam::Integer(invoice.paid ? 1 : 0)},
                        invoice.invoice_number);
      if (!done.ok()) return done;
      ++counts.invoices;
    }
    if (done = writer.MaybeCommit(); !done.ok()) return done;
  }
  for (const auto& returned : world.erp_returns) {
    auto it = order_ids.find(returned.order_number);
    if (it == order_ids.end()) continue;  // a return of an order the ERP does not hold
    auto done =
        writer.Insert("returns",
                      "(rma_number, order_id, created_at, reason, amount_minor, currency, status) "
                      "VALUES (?, ?, ?, ?, ?, ?, ?)",
                      {SqlParam::Text(returned.rma_number), SqlParam::Text(it->second),
                       writer.Time(returned.created_at), SqlParam::Text(returned.reason),
                       SqlParam::Integer(returned.amount_minor), SqlParam::Text("GBP"),
                       SqlParam::Text(returned.status)},
                      returned.rma_number);
    if (!done.ok()) return done;
    ++counts.returns;
    if (done = writer.MaybeCommit(); !done.ok()) return done;
  }
  if (auto done = writer.Commit(); !done.ok()) return done;
  return counts;
}

}  // namespace omnihub::erp
