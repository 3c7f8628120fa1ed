// mapping_bench: the cost of mapping one typical order (10 fields, 5 line items) from JSON to
// omnihub.v1.Order, parse included, the same order from SQL rows (odbc: a main row and 5 child
// rows joined on order_id), and from XML (http-xml: XPath selectors, parse included; streamed
// from the parser's events, and through a libxml2 tree for comparison). Issue 3 aims for
// <= 10 us per order.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "adapters/mapping/engine/json_mapper.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::mapping::engine {
namespace {

// A benchmark's mapping, compiled once; a broken one stops the run (a defect of the benchmark).
std::shared_ptr<const CompiledSystem> OrAbort(CompileResult r) {
  if (!r.ok()) {
    std::cerr << FormatDiagnostics(r.diagnostics);
    std::abort();
  }
  return r.system;
}

std::shared_ptr<const CompiledSystem> CompileOrAbort(const char* text, const char* file) {
  return OrAbort(CompileMapping(text, file));
}

// A benchmark's input file; a missing one stops the run.
std::string Slurp(const char* path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "cannot read " << path << "\n";
    std::abort();
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Times `map` (one order into the given message), checking each result has its 5 lines.
template <typename Map>
void MapOrders(benchmark::State& state, const Map& map) {
  for (auto _ : state) {
    omnihub::v1::Order order;
    absl::Status status = map(order);
    if (!status.ok() || order.lines_size() != 5) {
      state.SkipWithError(std::string(status.message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(order);
  }
  state.SetItemsProcessed(state.iterations());
}

constexpr char kMapping[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:8081"/></settings>
  <operation name="get-order">
    <request method="GET" path="/orders/{order_number}.json"/>
    <response root="/order">
      <field target="order.order_id" source="/id"/>
      <field target="order.order_number" source="/order_number"><transform name="trim"/><transform name="upper"/></field>
      <field target="order.channel" value="WEB"/>
      <field target="order.status" source="/status">
        <transform name="code-table" ignore-case="yes">
          <code from="P" to="PLACED"/><code from="S" to="SHIPPED"/><code from="D" to="DELIVERED"/>
        </transform>
      </field>
      <field target="order.placed_at" source="/created_at"><transform name="timestamp" format="ISO-8601"/></field>
      <field target="order.total">
        <source path="/total"/><source path="/currency"/>
        <transform name="money" currency="input"/>
      </field>
      <field target="order.store_id" source="/store"><transform name="pad" width="4" align="right" char="0"/></field>
      <field target="order.register_id" source="/register"><transform name="text"/></field>
      <field target="order.seen_in" source="/channel_name"><transform name="lower"/></field>
      <field target="order.source_system" value="web-shop"/>
      <repeated target="order.lines" source="/lines">
        <field target="sku" source="/sku"><transform name="trim"/></field>
        <field target="description" source="/description"><transform name="collapse-spaces"/></field>
        <field target="quantity" source="/quantity"/>
        <field target="unit_price" source="/unit_price"><transform name="money" currency="GBP"/></field>
        <field target="line_total" source="/line_total"><transform name="money" currency="GBP"/></field>
      </repeated>
    </response>
  </operation>
</system>)";

// clang-format off
constexpr char kOrder[] = R"json({"order":{
  "id":"4501000001","order_number":" w100234 ","status":"s","created_at":"2024-11-29T08:30:12Z",
  "total":"112.45","currency":"GBP","store":"12","register":3,"channel_name":"WEB",
  "carrier":"Royal Mail",
  "lines":[
    {"sku":" SKU-1001","description":"Wool  scarf","quantity":2,"unit_price":"19.99","line_total":"39.98"},
    {"sku":"SKU-1002 ","description":"Leather   gloves","quantity":1,"unit_price":"24.50","line_total":"24.50"},
    {"sku":"SKU-1003","description":"Hat","quantity":1,"unit_price":"15.00","line_total":"15.00"},
    {"sku":"SKU-1004","description":"Socks, 3 pairs","quantity":3,"unit_price":"6.99","line_total":"20.97"},
    {"sku":"SKU-1005","description":"Gift  box","quantity":1,"unit_price":"12.00","line_total":"12.00"}
  ]}})json";
// clang-format on

const CompiledOperation& Operation() {
  static const auto system = CompileOrAbort(kMapping, "bench.xml");
  return *system->FindOperation("get-order");
}

void BM_MapTypicalOrder(benchmark::State& state) {
  const CompiledOperation& op = Operation();
  MapOrders(state, [&](omnihub::v1::Order& order) { return MapRecord(op, kOrder, order); });
}
BENCHMARK(BM_MapTypicalOrder);

constexpr char kTableMapping[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="erp" connector="odbc">
  <settings><endpoint connection="DSN=erp"/></settings>
  <operation name="get-order">
    <request>
      <sql>SELECT * FROM orders WHERE order_number = ?</sql>
      <param name="order_number"/>
      <statement name="lines">
        <sql>SELECT * FROM order_lines WHERE order_id = ?</sql>
        <param column="id"/>
      </statement>
    </request>
    <response>
      <field target="order.order_id" source="id"/>
      <field target="order.order_number" source="order_number"><transform name="trim"/><transform name="upper"/></field>
      <field target="order.channel" value="WEB"/>
      <field target="order.status" source="status">
        <transform name="code-table" ignore-case="yes">
          <code from="P" to="PLACED"/><code from="S" to="SHIPPED"/><code from="D" to="DELIVERED"/>
        </transform>
      </field>
      <field target="order.placed_at" source="created_at"><transform name="timestamp" format="ISO-8601"/></field>
      <field target="order.total">
        <source path="total"/><source path="currency"/>
        <transform name="money" currency="input"/>
      </field>
      <field target="order.store_id" source="store"><transform name="pad" width="4" align="right" char="0"/></field>
      <field target="order.register_id" source="register"/>
      <field target="order.seen_in" source="channel_name"><transform name="lower"/></field>
      <field target="order.source_system" value="erp"/>
      <repeated target="order.lines" statement="lines" key="order_id" parent-key="id">
        <field target="sku" source="sku"><transform name="trim"/></field>
        <field target="description" source="description"><transform name="collapse-spaces"/></field>
        <field target="quantity" source="quantity"><transform name="integer"/></field>
        <field target="unit_price" source="unit_price"><transform name="money" currency="GBP"/></field>
        <field target="line_total" source="line_total"><transform name="money" currency="GBP"/></field>
      </repeated>
    </response>
  </operation>
</system>)";

TableSet OrderRows() {
  TableSet t;
  t.main.columns = {"id",       "order_number", "status",   "created_at",   "total",
                    "currency", "store",        "register", "channel_name", "carrier"};
  t.main.rows = {{"4501000001", " w100234 ", "s", "2024-11-29T08:30:12Z", "112.45", "GBP", "12",
                  "3", "WEB", "Royal Mail"}};
  Table& lines = t.children["lines"];
  lines.columns = {"order_id", "sku", "description", "quantity", "unit_price", "line_total"};
  lines.rows = {{"4501000001", " SKU-1001", "Wool  scarf", "2", "19.99", "39.98"},
                {"4501000001", "SKU-1002 ", "Leather   gloves", "1", "24.50", "24.50"},
                {"4501000001", "SKU-1003", "Hat", "1", "15.00", "15.00"},
                {"4501000001", "SKU-1004", "Socks, 3 pairs", "3", "6.99", "20.97"},
                {"4501000001", "SKU-1005", "Gift  box", "1", "12.00", "12.00"}};
  return t;
}

void BM_MapTypicalOrderFromRows(benchmark::State& state) {
  static const auto system = CompileOrAbort(kTableMapping, "bench-odbc.xml");
  const CompiledOperation& op = *system->FindOperation("get-order");
  const TableSet rows = OrderRows();
  MapOrders(state, [&](omnihub::v1::Order& order) { return MapTableRecord(op, rows, order); });
}
BENCHMARK(BM_MapTypicalOrderFromRows);

// The typical order from XML and its mapping (files next to this one, shared with the streaming
// differential test in tests/mapping_engine).
const std::string& XmlOrder() {
  static const std::string text = Slurp(OMNIHUB_BENCH_DIR "/typical_order.xml");
  return text;
}

const CompiledSystem& XmlMapping() {
  static const auto system =
      OrAbort(CompileMappingFile(OMNIHUB_BENCH_DIR "/typical_order_mapping.xml"));
  return *system;
}

// Streamed (ReadXmlAnswer: every selector is a plain path, so no tree is built), parse
// included, as the http-xml connector does per answer.
void BM_MapTypicalOrderFromXmlStreamed(benchmark::State& state) {
  const CompiledSystem& system = XmlMapping();
  const CompiledOperation& op = *system.FindOperation("get-order");
  if (op.xml_stream == nullptr) {
    state.SkipWithError("the benchmark mapping does not stream");
    return;
  }
  MapOrders(state, [&](omnihub::v1::Order& order) {
    absl::StatusOr<XmlAnswer> answer = ReadXmlAnswer(op, XmlOrder());
    return answer.ok() ? MapXmlRecord(system, op, *answer, order) : answer.status();
  });
}
BENCHMARK(BM_MapTypicalOrderFromXmlStreamed);

// Reading alone: libxml2's SAX parse with the plan collecting the values (no mapping).
void BM_StreamTypicalOrderXml(benchmark::State& state) {
  const CompiledOperation& op = *XmlMapping().FindOperation("get-order");
  for (auto _ : state) {
    absl::StatusOr<XmlAnswer> answer = ReadXmlAnswer(op, XmlOrder());
    if (!answer.ok() || answer->streamed() == nullptr) {
      state.SkipWithError("the answer was not streamed");
      break;
    }
    benchmark::DoNotOptimize(answer);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StreamTypicalOrderXml);

// The tree path: parse into a libxml2 document, then walk it (parse included).
void BM_MapTypicalOrderFromXml(benchmark::State& state) {
  const CompiledSystem& system = XmlMapping();
  const CompiledOperation& op = *system.FindOperation("get-order");
  MapOrders(state, [&](omnihub::v1::Order& order) {
    absl::StatusOr<omnihub::xml::XmlDocPtr> doc = ParseXmlAnswer(XmlOrder());
    return doc.ok() ? MapXmlRecord(system, op, **doc, order) : doc.status();
  });
}
BENCHMARK(BM_MapTypicalOrderFromXml);

// The mapping alone, on a parsed document (what XPath evaluation and transforms cost).
void BM_MapTypicalOrderFromParsedXml(benchmark::State& state) {
  const CompiledSystem& system = XmlMapping();
  const CompiledOperation& op = *system.FindOperation("get-order");
  absl::StatusOr<omnihub::xml::XmlDocPtr> doc = ParseXmlAnswer(XmlOrder());
  if (!doc.ok()) {
    state.SkipWithError(std::string(doc.status().message()).c_str());
    return;
  }
  MapOrders(state,
            [&](omnihub::v1::Order& order) { return MapXmlRecord(system, op, **doc, order); });
}
BENCHMARK(BM_MapTypicalOrderFromParsedXml);

// Parsing alone (libxml2 with the hardened options and the depth check).
void BM_ParseTypicalOrderXml(benchmark::State& state) {
  for (auto _ : state) {
    absl::StatusOr<omnihub::xml::XmlDocPtr> doc = ParseXmlAnswer(XmlOrder());
    if (!doc.ok()) {
      state.SkipWithError(std::string(doc.status().message()).c_str());
      break;
    }
    benchmark::DoNotOptimize(doc);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseTypicalOrderXml);

void BM_CompileEcommerceMappingFile(benchmark::State& state) {
  for (auto _ : state) {
    CompileResult r = CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/ecommerce.xml");
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_CompileEcommerceMappingFile)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace omnihub::mapping::engine

BENCHMARK_MAIN();
