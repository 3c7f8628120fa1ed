// Payloads a backend (or an attacker in front of it) could send: every one is a clear error or a
// clean result, never a crash, a hang or a silently wrong value.
#include <gtest/gtest.h>

#include "adapters/mapping/engine/json_mapper.h"
#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::mapping::engine {
namespace {

class HostilePayloadTest : public testing::Test {
 protected:
  void SetUp() override {
    result_ =
        CompileMapping(R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:8081"/></settings>
  <operation name="list-orders">
    <request method="GET" path="/o"/>
    <response root="/orders">
      <field target="order.order_number" source="/number"/>
      <field target="order.total" source="/total"><transform name="money" currency="GBP"/></field>
      <repeated target="order.lines" source="/items">
        <field target="quantity" source="/qty"/>
        <field target="sku" source="/sku"/>
      </repeated>
    </response>
  </operation>
</system>)",
                       "shop.xml");
    ASSERT_TRUE(result_.ok()) << FormatDiagnostics(result_.diagnostics);
    op_ = result_.system->FindOperation("list-orders");
  }

  absl::StatusOr<std::vector<omnihub::v1::Order>> Map(std::string_view json) {
    return MapOrders(*op_, json);
  }

  CompileResult result_;
  const CompiledOperation* op_ = nullptr;
};

TEST_F(HostilePayloadTest, DeepNestingIsAClearErrorNotAStackOverflow) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  absl::StatusOr<std::vector<omnihub::v1::Order>> r = Map(deep);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the payload nests objects or arrays more than 64 levels deep");
  std::string objects;
  for (int i = 0; i < 65; ++i) objects += R"({"a":)";
  objects += "1" + std::string(65, '}');
  EXPECT_FALSE(Map(objects).ok());
}

TEST_F(HostilePayloadTest, HugeNumbersAreRefusedNotWrapped) {
  auto r = Map(R"({"orders":[{"items":[{"qty":99999999999}]}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("does not fit in order.lines.quantity"), std::string::npos)
      << r.status();
  r = Map(R"({"orders":[{"number":18446744073709551615}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("too large"), std::string::npos) << r.status();
  r = Map(R"({"orders":[{"total":1e300}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("order.total <- /total"), std::string::npos) << r.status();
  r = Map(R"({"orders":[{"total":1e999}]})");
  EXPECT_FALSE(r.ok());
}

TEST_F(HostilePayloadTest, DecimalAmountsStayExact) {
  auto r = Map(R"({"orders":[{"total":12.3},{"total":0.1}]})");
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ((*r)[0].total().amount_minor(), 1230);
  EXPECT_EQ((*r)[1].total().amount_minor(), 10);
}

TEST_F(HostilePayloadTest, NonUtf8IsRefused) {
  auto r = Map("{\"orders\":[{\"number\":\"W\xff\xfe\"}]}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "the payload is not valid UTF-8");
}

TEST_F(HostilePayloadTest, WrongTypesNameTheFieldAndPointer) {
  auto r = Map(R"({"orders":[{"number":{"x":1},"items":{"qty":[1]}}]})");
  ASSERT_FALSE(r.ok());
  const std::string m(r.status().message());
  EXPECT_NE(m.find("order.order_number <- /number: found a JSON object"), std::string::npos) << m;
  EXPECT_NE(m.find("order.lines.quantity <- /items/qty: found a list"), std::string::npos) << m;
  r = Map(R"({"orders":"nope"})");
  EXPECT_FALSE(r.ok());
  r = Map(R"({"orders":[1,2]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a JSON object"), std::string::npos);
}

TEST_F(HostilePayloadTest, BrokenOrEmptyJson) {
  EXPECT_FALSE(Map("").ok());
  EXPECT_FALSE(Map("{\"orders\":[").ok());
  EXPECT_FALSE(Map("{\"orders\":[]} trailing").ok());
  auto r = Map(R"({"orders":[]})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
  r = Map(R"({"other":1})");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->empty());
}

TEST_F(HostilePayloadTest, OversizedPayloadIsRefusedBeforeParsing) {
  const std::string big(kMaxJsonBytes + 1, ' ');
  auto r = Map(big);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("more than the limit"), std::string::npos);
}

TEST_F(HostilePayloadTest, ManyBadRecordsAreSummarised) {
  std::string json = R"({"orders":[)";
  for (int i = 0; i < 100; ++i) json += std::string(i ? "," : "") + R"({"number":[]})";
  json += "]}";
  auto r = Map(json);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("(and 80 more)"), std::string::npos);
}

}  // namespace
}  // namespace omnihub::mapping::engine
