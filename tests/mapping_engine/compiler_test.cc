#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "adapters/mapping/engine/json_mapper.h"
#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::mapping::engine {
namespace {

constexpr char kHead[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:8081"/></settings>
)";

std::string System(const std::string& operations) {
  return std::string(kHead) + operations + "</system>\n";
}

TEST(MappingCompiler, CompilesTheEcommerceMapping) {
  const CompileResult r =
      CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/ecommerce.xml");
  ASSERT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
  EXPECT_EQ(r.system->name, "ecommerce");
  EXPECT_EQ(r.system->connector, "http-json");
  EXPECT_EQ(r.system->settings.endpoint, "http://127.0.0.1:8081");
  EXPECT_EQ(r.system->settings.request_timeout_ms, 2000);
  ASSERT_EQ(r.system->settings.credentials.size(), 1u);
  EXPECT_EQ(r.system->settings.credentials[0].env, "OMNIHUB_ECOMMERCE_API_KEY");
  ASSERT_NE(r.system->FindOperation("list-orders"), nullptr);
  EXPECT_EQ(r.system->FindOperation("refund"), nullptr);
}

TEST(MappingCompiler, CollectsEveryErrorNotOnlyTheFirst) {
  const CompileResult r = CompileMapping(System(R"(  <operation name="get-customer">
    <request method="GET" path="/c/{account_id}"/>
    <response root="/customer">
      <field target="customer.emial" source="/email"/>
      <field target="customer.phone" source="phone"/>
      <field target="customer.given_name" source="/n"><transform name="uper"/></field>
    </response>
  </operation>
)"),
                                         "shop.xml");
  ASSERT_EQ(r.diagnostics.size(), 3u) << FormatDiagnostics(r.diagnostics);
  EXPECT_EQ(r.diagnostics[0].ToString(),
            "shop.xml:6:7: unknown canonical field customer.emial — did you mean customer.email?");
  EXPECT_EQ(r.diagnostics[1].line, 7);
  EXPECT_EQ(r.diagnostics[2].line, 8);
  EXPECT_EQ(r.diagnostics[2].column, 55);
}

TEST(MappingCompiler, RequestTemplatesRenderWithEncoding) {
  const CompileResult r =
      CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/ecommerce.xml");
  ASSERT_TRUE(r.ok());
  const CompiledOperation* op = r.system->FindOperation("list-orders");
  absl::StatusOr<HttpRequest> request =
      op->request.Render({{"account_id", "61/08 x"}, {"page_size", "50"}});
  ASSERT_TRUE(request.ok()) << request.status();
  EXPECT_EQ(request->method, "GET");
  EXPECT_EQ(request->target, "/admin/customers/61%2F08%20x/orders.json?limit=50");
  EXPECT_EQ(op->request.Render({}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(MappingCompiler, ConstantsAreCheckedAgainstEnumCodes) {
  const CompileResult r = CompileMapping(System(R"(  <operation name="list-orders">
    <request method="GET" path="/o"/>
    <response root="/orders">
      <field target="order.channel" value="WEBB"/>
    </response>
  </operation>
)"),
                                         "shop.xml");
  ASSERT_EQ(r.diagnostics.size(), 1u);
  EXPECT_EQ(r.diagnostics[0].ToString(),
            "shop.xml:6:7: 'WEBB' is not a code of order.channel; it takes WEB, STORE, PHONE");
}

TEST(MappingCompiler, PoslogSystemsHaveNoSettingsAndOnlyPosTransactions) {
  const CompileResult r = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="pos" connector="poslog">
  <settings><endpoint url="http://x"/></settings>
  <operation name="get-customer"><response><field target="customer.email" source="e"/></response></operation>
</system>)",
      "pos.xml");
  ASSERT_EQ(r.diagnostics.size(), 2u) << FormatDiagnostics(r.diagnostics);
  EXPECT_NE(r.diagnostics[0].message.find("a poslog system has no <settings>"), std::string::npos);
  EXPECT_NE(r.diagnostics[1].message.find("declares the operation 'pos-transaction'"),
            std::string::npos);
  const CompileResult other = CompileMapping(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://x"/></settings>
  <operation name="pos-transaction"><request method="GET" path="/"/><response><field target="transaction.customer_id" source="/c"/></response></operation>
</system>)",
      "shop.xml");
  ASSERT_EQ(other.diagnostics.size(), 1u) << FormatDiagnostics(other.diagnostics);
  EXPECT_NE(other.diagnostics[0].message.find("is for connector=\"poslog\""), std::string::npos);
}

TEST(JsonMapper, ReportsEveryFailingFieldWithTargetAndPointer) {
  const CompileResult r = CompileMapping(System(R"(  <operation name="list-orders">
    <request method="GET" path="/o"/>
    <response root="/orders">
      <field target="order.order_number" source="/number" required="true"/>
      <field target="order.placed_at" source="/at"><transform name="timestamp" format="ISO-8601"/></field>
      <repeated target="order.lines" source="/items">
        <field target="quantity" source="/qty"/>
      </repeated>
    </response>
  </operation>
)"),
                                         "shop.xml");
  ASSERT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
  const CompiledOperation& op = *r.system->FindOperation("list-orders");
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders = MapOrders(
      op,
      R"({"orders":[{"number":"W1","at":"2024-02-30T00:00:00Z","items":[{"qty":1},{"qty":"two"}]},
                        {"at":null}]})");
  ASSERT_FALSE(orders.ok());
  const std::string message(orders.status().message());
  EXPECT_NE(message.find("record 1: order.placed_at <- /at: "), std::string::npos) << message;
  EXPECT_NE(message.find("record 1: order.lines.quantity <- /items/1/qty: type mismatch: the "
                         "value is text but order.lines.quantity is whole number (32-bit)"),
            std::string::npos)
      << message;
  EXPECT_NE(message.find("record 2: order.order_number <- /number: is required but missing"),
            std::string::npos)
      << message;
}

TEST(JsonMapper, MapsEnumsByCodeTableAndFillsSourceSystem) {
  const CompileResult r =
      CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/ecommerce.xml");
  ASSERT_TRUE(r.ok());
  absl::StatusOr<std::vector<omnihub::v1::Order>> orders =
      MapOrders(*r.system->FindOperation("list-orders"),
                R"({"orders":[{"id":"1","order_number":"W9","fulfillment_status":"partial"}]})");
  ASSERT_TRUE(orders.ok()) << orders.status();
  ASSERT_EQ(orders->size(), 1u);
  EXPECT_EQ((*orders)[0].status(), omnihub::v1::ORDER_STATUS_PROCESSING);
  EXPECT_EQ((*orders)[0].channel(), omnihub::v1::CHANNEL_WEB);
  EXPECT_EQ((*orders)[0].source_system(), "ecommerce");
}

TEST(JsonMapper, RefusesAMessageOfTheWrongType) {
  const CompileResult r =
      CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/ecommerce.xml");
  ASSERT_TRUE(r.ok());
  omnihub::v1::Order order;
  EXPECT_FALSE(
      MapRecord(*r.system->FindOperation("get-customer"), R"({"customer":{}})", order).ok());
}

}  // namespace
}  // namespace omnihub::mapping::engine

namespace omnihub::mapping::engine {
namespace {

TEST(JsonMapper, OneCompiledSystemServesManyThreads) {
  const CompileResult r =
      CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/ecommerce.xml");
  ASSERT_TRUE(r.ok());
  const CompiledOperation& op = *r.system->FindOperation("get-customer");
  std::atomic<int> good{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        const std::string json = R"({"customer":{"id":")" + std::to_string(t * 1000 + i) +
                                 R"(","email":"A@B.COM","first_name":"Ann","last_name":"Lee"}})";
        absl::StatusOr<omnihub::v1::Customer> c = MapCustomer(op, json);
        if (c.ok() && c->email() == "a@b.com" && c->display_name() == "Ann Lee" &&
            c->identifiers(0).value() == std::to_string(t * 1000 + i)) {
          ++good;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(good.load(), 800);
}

}  // namespace
}  // namespace omnihub::mapping::engine
