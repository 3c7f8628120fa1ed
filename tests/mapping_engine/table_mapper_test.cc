// The table mapper: rows (SQL results, screen reads) to canonical records through compiled odbc
// mappings, including hostile tables (missing columns, NULLs, huge and non-UTF-8 values, ragged
// rows, too many rows).
#include <gtest/gtest.h>

#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/table_mapper.h"

namespace omnihub::mapping::engine {
namespace {

using Row = std::vector<std::optional<std::string>>;
constexpr std::nullopt_t kNull = std::nullopt;

std::shared_ptr<const CompiledSystem> CompileFile(const std::string& path) {
  CompileResult r = CompileMappingFile(path);
  EXPECT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
  return r.system;
}

std::shared_ptr<const CompiledSystem> Example() {
  static const std::shared_ptr<const CompiledSystem> system =
      CompileFile(std::string(OMNIHUB_EXAMPLES_DIR) + "/orders-odbc.xml");
  return system;
}

std::shared_ptr<const CompiledSystem> Erp() {
  static const std::shared_ptr<const CompiledSystem> system =
      CompileFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/erp.xml");
  return system;
}

TableSet Orders() {
  TableSet t;
  // Upper-case names, as some ODBC drivers report them: columns match case-insensitively.
  t.main.columns = {"ORDER_ID", "ORDER_NUMBER", "STATUS", "PLACED_AT", "TOTAL_MINOR"};
  t.main.rows = {Row{"17", "W100", "S", "20240301101500", "1234"},
                 Row{"18", "W101", "O", kNull, kNull}};
  Table lines;
  lines.columns = {"order_ref", "sku", "qty", "price"};
  lines.rows = {Row{"17", "SKU-1", "2", "499"}, Row{"99", "SKU-X", "1", "1"},
                Row{kNull, "SKU-N", "1", "1"}, Row{"17", "SKU-2", "1", "236"}};
  t.children.emplace("lines", std::move(lines));
  return t;
}

TEST(TableMapper, MapsRowsAndJoinsChildRowsOnTheirKey) {
  const CompiledOperation& op = *Example()->FindOperation("list-orders");
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders = MapTableOrders(op, Orders());
  ASSERT_TRUE(orders.ok()) << orders.status();
  ASSERT_EQ(orders->size(), 2u);
  const omnihub::v1::Order& first = (*orders)[0];
  EXPECT_EQ(first.order_id(), "17");
  EXPECT_EQ(first.status(), omnihub::v1::ORDER_STATUS_SHIPPED);
  EXPECT_EQ(first.placed_at().seconds(), 1709288100);  // 2024-03-01T10:15:00Z (GMT in March)
  EXPECT_EQ(first.total().amount_minor(), 1234);
  EXPECT_EQ(first.total().currency_code(), "GBP");
  ASSERT_EQ(first.lines_size(), 2);  // SKU-X belongs to order 99, SKU-N has a NULL key
  EXPECT_EQ(first.lines(0).sku(), "SKU-1");
  EXPECT_EQ(first.lines(0).quantity(), 2);
  EXPECT_EQ(first.lines(0).unit_price().amount_minor(), 499);
  EXPECT_EQ(first.lines(1).sku(), "SKU-2");
  EXPECT_EQ(first.source_system(), "shop-erp");
  const omnihub::v1::Order& second = (*orders)[1];
  EXPECT_EQ(second.status(), omnihub::v1::ORDER_STATUS_PLACED);
  EXPECT_FALSE(second.has_placed_at());  // NULL leaves the field unset
  EXPECT_FALSE(second.has_total());
  EXPECT_EQ(second.lines_size(), 0);
}

TEST(TableMapper, NoRowsGiveNoRecords) {
  TableSet t = Orders();
  t.main.rows.clear();
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders =
      MapTableOrders(*Example()->FindOperation("list-orders"), t);
  ASSERT_TRUE(orders.ok()) << orders.status();
  EXPECT_TRUE(orders->empty());
}

TEST(TableMapper, MissingColumnsAreOneClearErrorBeforeAnyRow) {
  TableSet t = Orders();
  t.main.columns[3] = "placed";           // placed_at renamed
  t.children["lines"].columns[2] = "q";  // qty renamed
  int records = 0;
  const absl::Status s = MapTable(*Example()->FindOperation("list-orders"), t,
                                  [&]() -> google::protobuf::Message* {
                                    ++records;
                                    return nullptr;
                                  });
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(records, 0);
  const std::string m(s.message());
  EXPECT_NE(m.find("the main result has no column 'placed_at' (read by order.placed_at); its "
                   "columns are: ORDER_ID, ORDER_NUMBER, STATUS, placed, TOTAL_MINOR"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("statement 'lines' has no column 'qty' (read by order.lines.quantity)"),
            std::string::npos)
      << m;
}

TEST(TableMapper, NullInARequiredFieldNamesRecordTargetAndColumn) {
  TableSet t = Orders();
  t.main.rows[1][1] = kNull;
  t.children["lines"].rows[3][1] = kNull;
  const absl::Status s = MapTableOrders(*Example()->FindOperation("list-orders"), t).status();
  const std::string m(s.message());
  EXPECT_NE(m.find("record 2: order.order_number <- column order_number: is required but NULL"),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("record 1: order.lines.sku <- lines row 4 column sku: is required but NULL"),
            std::string::npos)
      << m;
}

TEST(TableMapper, FieldErrorsAreCollectedWithTheirRows) {
  TableSet t = Orders();
  t.main.rows[0][3] = "20240230101500";        // 30 February
  t.children["lines"].rows[3][2] = "two";      // not a number
  t.main.rows[1][4] = "99999999999999999999";  // beyond int64
  const absl::Status s = MapTableOrders(*Example()->FindOperation("list-orders"), t).status();
  ASSERT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  const std::string m(s.message());
  EXPECT_NE(m.find("record 1: order.placed_at <- column placed_at: "), std::string::npos) << m;
  EXPECT_NE(m.find("record 1: order.lines.quantity <- lines row 4 column qty: "),
            std::string::npos)
      << m;
  EXPECT_NE(m.find("record 2: order.total <- column total_minor: "), std::string::npos) << m;
}

TEST(TableMapper, HugeAndNonUtf8ValuesAreFieldErrorsNotCrashes) {
  TableSet t = Orders();
  t.main.rows[0][1] = std::string(kMaxCellBytes + 1, 'W');
  t.main.rows[1][1] = std::string("W\xff\xfe", 3);
  const absl::Status s = MapTableOrders(*Example()->FindOperation("list-orders"), t).status();
  const std::string m(s.message());
  EXPECT_NE(m.find("record 1: order.order_number <- column order_number: the value is 1048577 "
                   "bytes, more than the limit of 1048576"),
            std::string::npos)
      << m.substr(0, 500);
  EXPECT_NE(m.find("record 2: order.order_number <- column order_number: "), std::string::npos)
      << m.substr(0, 500);
}

TEST(TableMapper, RaggedRowsTooManyRowsAndMissingChildTablesAreRefused) {
  TableSet ragged = Orders();
  ragged.main.rows[1].pop_back();
  EXPECT_EQ(MapTableOrders(*Example()->FindOperation("list-orders"), ragged).status().message(),
            "row 2 of the main result has 4 values for 5 columns");

  TableSet many = Orders();
  many.children["lines"].rows.assign(kMaxTableRows + 1, Row{"1", "S", "1", "1"});
  EXPECT_EQ(MapTableOrders(*Example()->FindOperation("list-orders"), many).status().message(),
            "statement 'lines' has 100001 rows, more than the limit of 100000");

  TableSet orphan = Orders();
  orphan.children.clear();
  EXPECT_NE(MapTableOrders(*Example()->FindOperation("list-orders"), orphan)
                .status()
                .message()
                .find("no result was given for statement 'lines'"),
            std::string::npos);
}

TEST(TableMapper, ValuesAreDataNeverCode) {
  TableSet t = Orders();
  t.main.rows[0][1] = "W1'; DROP TABLE orders; --";
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders =
      MapTableOrders(*Example()->FindOperation("list-orders"), t);
  ASSERT_TRUE(orders.ok()) << orders.status();
  EXPECT_EQ((*orders)[0].order_number(), "W1'; DROP TABLE orders; --");
}

TEST(TableMapper, OneCustomerWithIdentifiers) {
  const CompiledOperation& op = *Example()->FindOperation("get-customer");
  TableSet t;
  t.main.columns = {"id", "first", "last", "mail"};
  t.main.rows = {Row{"C1", "Ann", "Lee", " Ann.Lee@Example.COM "}};
  absl::StatusOr<omnihub::v1::Customer> c = MapTableCustomer(op, t);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->email(), "ann.lee@example.com");
  ASSERT_EQ(c->identifiers_size(), 1);
  EXPECT_EQ(c->identifiers(0).value(), "C1");
  EXPECT_EQ(c->identifiers(0).system(), "shop-erp");

  t.main.rows.clear();
  EXPECT_EQ(MapTableCustomer(op, t).status().code(), absl::StatusCode::kNotFound);
  t.main.rows = {Row{"C1", "A", "B", kNull}, Row{"C2", "C", "D", kNull}};
  EXPECT_EQ(MapTableCustomer(op, t).status().code(), absl::StatusCode::kInvalidArgument);
  omnihub::v1::Order wrong;
  EXPECT_EQ(MapTableRecord(op, t, wrong).code(), absl::StatusCode::kInvalidArgument);
}

TEST(TableMapper, ErpListOrdersWithLinesShipmentsAndInvoices) {
  const CompiledOperation& op = *Erp()->FindOperation("list-orders");
  TableSet t;
  t.main.columns = {"order_id", "order_number", "channel", "status",
                    "placed_at", "total_minor", "currency"};
  t.main.rows = {Row{"5001", "W123", "WEB", "D", "2024-03-01T10:15:00Z", "2599", "GBP"}};
  t.children["lines"].columns = {"order_id", "line_no", "sku", "description",
                                 "quantity", "unit_price_minor", "currency"};
  t.children["lines"].rows = {Row{"5001", "1", "SKU-100234", " Kettle ", "1", "2599", "GBP"}};
  t.children["shipments"].columns = {"order_id",   "carrier",    "tracking",    "status",
                                     "promised_at", "shipped_at", "delivered_at"};
  t.children["shipments"].rows = {Row{"5001", "DPD", "15501234", "EXCEPTION", "2024-03-04",
                                      "2024-03-02T08:00:00Z", kNull}};
  t.children["invoices"].columns = {"order_id", "invoice_number", "issued_at",
                                    "amount_minor", "currency", "paid"};
  t.children["invoices"].rows = {Row{"5001", "INV00000001", "2024-03-01T10:16:00Z", "2599", "GBP", "1"}};
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders = MapTableOrders(op, t);
  ASSERT_TRUE(orders.ok()) << orders.status();
  ASSERT_EQ(orders->size(), 1u);
  const omnihub::v1::Order& o = (*orders)[0];
  EXPECT_EQ(o.channel(), omnihub::v1::CHANNEL_WEB);
  EXPECT_EQ(o.status(), omnihub::v1::ORDER_STATUS_DELIVERED);
  EXPECT_EQ(o.total().amount_minor(), 2599);
  ASSERT_EQ(o.lines_size(), 1);
  EXPECT_EQ(o.lines(0).description(), "Kettle");
  ASSERT_EQ(o.shipments_size(), 1);
  EXPECT_EQ(o.shipments(0).status(), omnihub::v1::SHIPMENT_STATUS_DELAYED);
  EXPECT_EQ(o.shipments(0).promised_at().seconds(), 1709510400);  // 2024-03-04 00:00 London
  EXPECT_FALSE(o.shipments(0).has_delivered_at());
  ASSERT_EQ(o.invoices_size(), 1);
  EXPECT_TRUE(o.invoices(0).paid());
  EXPECT_EQ(o.source_system(), "erp");
}

TEST(TableMapper, ErpCustomerWithAddressAndMainframeAccount) {
  const CompiledOperation& op = *Erp()->FindOperation("get-customer");
  TableSet t;
  t.main.columns = {"customer_id", "given_name", "family_name", "email",  "phone",
                    "loyalty_card", "legacy_account", "tier", "created_at", "line1",
                    "line2",       "town",           "postcode", "country"};
  t.main.rows = {Row{"C0100001", "Jane", "Doe", "jane.doe@example.com", "07700 900123",
                     "6338000000000001", "00104217", "GOLD", "2019-06-01T09:00:00Z", "1 High St",
                     kNull, "Leeds", "ls1 4ab", "gb"}};
  absl::StatusOr<omnihub::v1::Customer> c = MapTableCustomer(op, t);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->display_name(), "Jane Doe");
  EXPECT_EQ(c->phone(), "+447700900123");
  ASSERT_EQ(c->address().lines_size(), 1);  // line2 NULL: not appended
  EXPECT_EQ(c->address().postal_code(), "LS1 4AB");
  EXPECT_EQ(c->address().country_code(), "GB");
  bool mainframe = false;
  for (const auto& id : c->identifiers()) {
    mainframe = mainframe || (id.system() == "mainframe" && id.value() == "00104217");
  }
  EXPECT_TRUE(mainframe);
}

}  // namespace
}  // namespace omnihub::mapping::engine
