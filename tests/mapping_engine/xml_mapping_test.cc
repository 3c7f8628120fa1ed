// The mapping engine on XML payloads (connector="http-xml"): XPath selectors with declared
// namespaces, per-item mappings over repeated elements, request body templates (escaped), the
// result-code rule (declined in HTTP 200), and hostile answers (entity bombs, external entities,
// deep nesting, oversized, malformed, wrong namespace).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "adapters/mapping/engine/xpath.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::mapping::engine {
namespace {

using ::testing::HasSubstr;

const char kMapping[] = OMNIHUB_MAPPINGS_DIR "/systems/payment.xml";

std::shared_ptr<const CompiledSystem> Payment() {
  static const auto system = [] {
    CompileResult r = CompileMappingFile(kMapping);
    EXPECT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
    return r.system;
  }();
  return system;
}

absl::Status Result(std::string_view xml) {
  auto doc = ParseXmlAnswer(xml);
  if (!doc.ok()) return doc.status();
  return CheckXmlResult(*Payment(), "refund", **doc);
}

absl::StatusOr<std::vector<v1::Payment>> Payments(std::string_view xml) {
  std::vector<v1::Payment> out;
  absl::Status s = MapXmlRecords(*Payment(), *Payment()->FindOperation("list-payments"), xml,
                                 [&] { return &out.emplace_back(); });
  if (!s.ok()) return s;
  return out;
}

TEST(XmlMapping, PaymentMappingCompiles) {
  ASSERT_NE(Payment(), nullptr);
  EXPECT_EQ(Payment()->connector, "http-xml");
  EXPECT_EQ(Payment()->namespaces.size(), 2u);
  ASSERT_TRUE(Payment()->result.has_value());
  for (const char* op : {"list-customers", "list-payments", "get-payment", "get-fraud", "refund"}) {
    EXPECT_NE(Payment()->FindOperation(op), nullptr) << op;
  }
}

TEST(XPathPrefixes, FindsPrefixesOutsideLiteralsAndAxes) {
  EXPECT_EQ(XPathPrefixes("/p:A/child::q:B[@x='r:s']/@t:u | $v:w"),
            (std::vector<std::string>{"p", "q", "t"}));
  EXPECT_TRUE(XPathPrefixes("count(//Amount) > 1").empty());
}

TEST(XPath, CompileErrorsNameTheProblem) {
  XmlNamespaces ns = {{"p", "urn:p"}};
  EXPECT_THAT(std::string(XPath::Compile("p:A[", ns).status().message()),
              HasSubstr("bad XPath 'p:A['"));
  EXPECT_THAT(std::string(XPath::Compile("q:A", ns).status().message()),
              HasSubstr("unknown namespace prefix 'q'"));
  EXPECT_THAT(std::string(XPath::Compile("q:A", {}).status().message()),
              HasSubstr("declares no namespaces"));
  EXPECT_FALSE(XPath::Compile("  ", ns).ok());
  EXPECT_TRUE(XPath::Compile("count(p:A) + 1", ns).ok());
}

TEST(XmlMapping, ReadsValuesOfEveryXPathResultType) {
  auto doc = ParseXmlAnswer(R"(<a xmlns="urn:p" n="7"><b>x</b><b>y</b><c>1.25</c></a>)");
  ASSERT_TRUE(doc.ok());
  XmlNamespaces ns = {{"p", "urn:p"}};
  XPathEvaluator eval(doc->get(), ns);
  xmlNode* root = xmlDocGetRootElement(doc->get());
  auto read = [&](const char* text) { return eval.Read(**XPath::Compile(text, ns), root); };
  EXPECT_EQ(read("@n")->text(), "7");
  EXPECT_EQ(read("count(p:b)")->integer(), 2);
  EXPECT_EQ(read("number(p:c)")->decimal().ToString(), "1.25");
  EXPECT_TRUE(read("p:missing")->is_null());
  EXPECT_TRUE(read("boolean(p:b)")->boolean());
  EXPECT_THAT(std::string(read("p:b").status().message()), HasSubstr("selects 2 nodes"));
  EXPECT_THAT(std::string(read(".").status().message()), HasSubstr("with child elements"));
}

// Plain child paths are walked without libxml2's XPath engine (issue 3); they must select
// exactly what the engine selects. "self::node()/" in front forces the engine for the same path.
TEST(XPath, PlainPathsSelectWhatLibxml2Selects) {
  auto doc = ParseXmlAnswer(R"(<p:a xmlns:p="urn:p" xmlns:q="urn:q" n="7" q:n="8">
    <p:b k="1">x</p:b><b>plain</b><q:b>other</q:b><p:b k="2"><p:c>y</p:c><!-- note --></p:b>
    <p:d>text<![CDATA[ & cdata]]> end</p:d><p:e/></p:a>)");
  ASSERT_TRUE(doc.ok()) << doc.status();
  XmlNamespaces ns = {{"p", "urn:p"}, {"q", "urn:q"}};
  XPathEvaluator eval(doc->get(), ns);
  xmlNode* root = xmlDocGetRootElement(doc->get());
  for (const char* path : {"p:b", "b", "q:b", "*", "p:b/p:c", "*/p:c", "p:b/@k", "@n", "@q:n",
                           "p:d", "p:e", "p:missing", "p:b/@missing", "p:b/p:c/@k"}) {
    auto plain = XPath::Compile(path, ns);
    auto engine = XPath::Compile(absl::StrCat("self::node()/", path), ns);
    ASSERT_TRUE(plain.ok() && engine.ok()) << path;
    EXPECT_FALSE((*plain)->steps().empty()) << path << " should take the plain path";
    EXPECT_TRUE((*engine)->steps().empty()) << path;
    EXPECT_EQ(*eval.Nodes(**plain, root), *eval.Nodes(**engine, root)) << path;
    auto a = eval.Read(**plain, root);
    auto b = eval.Read(**engine, root);
    ASSERT_EQ(a.ok(), b.ok()) << path;
    if (a.ok()) {
      EXPECT_EQ(a->is_null(), b->is_null()) << path;
      if (!a->is_null()) {
        EXPECT_EQ(a->text(), b->text()) << path;
      }
    } else {
      EXPECT_EQ(a.status().message(), b.status().message()) << path;
    }
  }
  EXPECT_EQ(eval.Read(**XPath::Compile("p:d", ns), root)->text(), "text & cdata end");
  // Absolute plain paths start from the document, whatever the context node.
  auto absolute = XPath::Compile("/p:a/p:b", ns);
  ASSERT_TRUE(absolute.ok());
  EXPECT_TRUE((*absolute)->absolute());
  EXPECT_EQ(eval.Nodes(**absolute, root)->size(), 2u);
  // Anything else goes through libxml2.
  for (const char* other : {"p:b[1]", "//p:b", "p:b | p:d", "../p:b", "p:b/text()", ".", "p:*",
                            "@*", "p:b/@k/x", "count(p:b)", "p:b ", "child::p:b"}) {
    auto compiled = XPath::Compile(other, ns);
    ASSERT_TRUE(compiled.ok()) << other;
    EXPECT_TRUE((*compiled)->steps().empty()) << other;
  }
}

TEST(XmlMapping, MapsTransactionsWithAmountsInTheirCurrency) {
  auto payments = Payments(R"(<TransactionList xmlns="urn:psp:payments:v1">
    <Result><Code>00</Code></Result>
    <Transaction><PspReference>P1</PspReference><MerchantReference>W1</MerchantReference>
      <Status>CAPTURED</Status><Created>2025-01-02T03:04:05Z</Created>
      <Amounts currency="GBP"><Authorised>1999</Authorised><Captured>1999</Captured>
      <Refunded>0</Refunded></Amounts></Transaction>
  </TransactionList>)");
  ASSERT_TRUE(payments.ok()) << payments.status();
  ASSERT_EQ(payments->size(), 1u);
  const v1::Payment& p = payments->front();
  EXPECT_EQ(p.payment_ref(), "P1");
  EXPECT_EQ(p.state(), v1::PAYMENT_STATE_CAPTURED);
  EXPECT_EQ(p.captured().amount_minor(), 1999);
  EXPECT_EQ(p.captured().currency_code(), "GBP");
  EXPECT_EQ(p.source_system(), "payment");
}

TEST(XmlMapping, FieldErrorsNameTheRecordTargetAndXPath) {
  auto payments = Payments(R"(<TransactionList xmlns="urn:psp:payments:v1">
    <Transaction><PspReference>P1</PspReference><MerchantReference>W1</MerchantReference>
      <Amounts currency="GBP"><Captured>12x</Captured></Amounts></Transaction>
    <Transaction><MerchantReference>W2</MerchantReference></Transaction>
  </TransactionList>)");
  ASSERT_FALSE(payments.ok());
  const std::string message(payments.status().message());
  EXPECT_THAT(message, HasSubstr("record 1: payment.captured <- p:Amounts/p:Captured"));
  EXPECT_THAT(message, HasSubstr("record 2: payment.payment_ref <- p:PspReference: is required"));
}

TEST(XmlMapping, RepeatedElementsMapPerItem) {
  const char* mapping = R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-xml">
  <settings><endpoint url="http://127.0.0.1:1"/></settings>
  <namespaces><namespace prefix="o" uri="urn:orders"/></namespaces>
  <operation name="list-orders">
    <request method="GET" path="/c/{account_id}/orders"/>
    <response root="/o:Orders/o:Order">
      <field target="order.order_number" source="@number"/>
      <repeated target="order.lines" source="o:Line">
        <field target="sku" source="o:Sku"/>
        <field target="quantity" source="@qty"><transform name="integer"/></field>
      </repeated>
    </response>
  </operation>
</system>)";
  CompileResult r = CompileMapping(mapping, "shop.xml");
  ASSERT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
  std::vector<v1::Order> orders;
  absl::Status s = MapXmlRecords(
      *r.system, *r.system->FindOperation("list-orders"),
      R"(<Orders xmlns="urn:orders"><Order number="A1"><Line qty="2"><Sku>S1</Sku></Line>
         <Line qty="1"><Sku>S2</Sku></Line></Order><Order number="A2"/></Orders>)",
      [&] { return &orders.emplace_back(); });
  ASSERT_TRUE(s.ok()) << s;
  ASSERT_EQ(orders.size(), 2u);
  ASSERT_EQ(orders[0].lines_size(), 2);
  EXPECT_EQ(orders[0].lines(1).sku(), "S2");
  EXPECT_EQ(orders[0].lines(0).quantity(), 2);
  EXPECT_EQ(orders[1].lines_size(), 0);

  orders.clear();
  s = MapXmlRecords(
      *r.system, *r.system->FindOperation("list-orders"),
      R"(<Orders xmlns="urn:orders"><Order number="A1"><Line qty="two"/></Order></Orders>)",
      [&] { return &orders.emplace_back(); });
  EXPECT_THAT(std::string(s.message()), HasSubstr("order.lines.quantity <- o:Line[1]/@qty"));
}

TEST(XmlResult, DeclinedInHttp200IsFailedPrecondition) {
  const absl::Status s = Result(R"(<RefundResponse xmlns="urn:psp:payments:v1">
      <Result><Code>05</Code><Message>refund exceeds the captured amount</Message></Result>
    </RefundResponse>)");
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("payment refund: result 05 (declined): refund exceeds the captured"));
}

TEST(XmlResult, CodesMapToHowTheCallerShouldReact) {
  auto with = [](const char* code) {
    return Result(std::string(R"(<X xmlns="urn:psp:payments:v1"><Result><Code>)") + code +
                  "</Code></Result></X>");
  };
  EXPECT_TRUE(with("00").ok());
  EXPECT_EQ(with("96").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(with("91").code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(with("14").code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(with("30").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(with("77").code(), absl::StatusCode::kDataLoss);
  // The fraud engine's namespace is part of the rule's XPath union.
  EXPECT_TRUE(Result(R"(<Assessment xmlns="urn:psp:fraud:v1"><Result><Code>00</Code></Result>
                        </Assessment>)")
                  .ok());
}

TEST(XmlResult, AnAnswerWithoutResultCodeOrInAnotherNamespaceIsDataLoss) {
  EXPECT_EQ(Result("<RefundResponse/>").code(), absl::StatusCode::kDataLoss);
  const absl::Status s = Result(R"(<RefundResponse xmlns="urn:other:v9">
      <Result><Code>00</Code></Result></RefundResponse>)");
  EXPECT_EQ(s.code(), absl::StatusCode::kDataLoss);
  EXPECT_THAT(std::string(s.message()), HasSubstr("no result code"));
  auto payments = Payments(R"(<TransactionList xmlns="urn:other:v9"><Transaction>
      <PspReference>P</PspReference></Transaction></TransactionList>)");
  ASSERT_TRUE(payments.ok());
  EXPECT_TRUE(payments->empty());
}

TEST(XmlHostile, BillionLaughsIsRefusedUnexpanded) {
  const std::string bomb = R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<TransactionList xmlns="urn:psp:payments:v1"><Result><Code>&lol3;</Code></Result></TransactionList>)";
  const auto doc = ParseXmlAnswer(bomb);
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(std::string(doc.status().message()),
              HasSubstr("<!DOCTYPE> declaration is not allowed"));
}

TEST(XmlHostile, ExternalEntityIsNeverRead) {
  const std::string xxe = R"(<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<TransactionList xmlns="urn:psp:payments:v1"><Transaction><PspReference>&x;</PspReference>
</Transaction></TransactionList>)";
  auto payments = Payments(xxe);
  ASSERT_FALSE(payments.ok());
  EXPECT_THAT(std::string(payments.status().message()), HasSubstr("DOCTYPE"));
  EXPECT_THAT(std::string(payments.status().message()), ::testing::Not(HasSubstr("root:")));
}

TEST(XmlHostile, DeepNestingIsRefused) {
  std::string deep;
  for (int i = 0; i < 200; ++i) deep += "<a>";
  for (int i = 0; i < 200; ++i) deep += "</a>";
  const auto doc = ParseXmlAnswer(deep);
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(std::string(doc.status().message()),
              ::testing::AnyOf(HasSubstr("levels deep"), HasSubstr("malformed")));
  std::string limit;
  for (size_t i = 0; i < kMaxXmlAnswerDepth + 1; ++i) limit += "<a>";
  for (size_t i = 0; i < kMaxXmlAnswerDepth + 1; ++i) limit += "</a>";
  EXPECT_THAT(std::string(ParseXmlAnswer(limit).status().message()),
              HasSubstr("more than 64 levels"));
  std::string fits;
  for (size_t i = 0; i < kMaxXmlAnswerDepth; ++i) fits += "<a>";
  for (size_t i = 0; i < kMaxXmlAnswerDepth; ++i) fits += "</a>";
  EXPECT_TRUE(ParseXmlAnswer(fits).ok());
}

TEST(XmlHostile, OversizedIsRefusedBeforeParsing) {
  std::string big = "<a>" + std::string(kMaxXmlAnswerBytes, 'x') + "</a>";
  const auto doc = ParseXmlAnswer(big);
  ASSERT_FALSE(doc.ok());
  EXPECT_THAT(std::string(doc.status().message()), HasSubstr("more than the limit"));
}

TEST(XmlHostile, MalformedAndTruncatedAndNonUtf8AreRefused) {
  EXPECT_THAT(std::string(ParseXmlAnswer("<TransactionList><Transa").status().message()),
              HasSubstr("malformed XML"));
  EXPECT_FALSE(ParseXmlAnswer("").ok());
  EXPECT_FALSE(ParseXmlAnswer("<html><body>Bad gateway</body>").ok());
  EXPECT_FALSE(ParseXmlAnswer("<a>\xff\xfe</a>").ok());
}

TEST(XmlBody, ParametersAreEscapedSoTheyCannotAddMarkup) {
  const CompiledOperation* refund = Payment()->FindOperation("refund");
  ASSERT_NE(refund, nullptr);
  auto body = refund->body.Render({{"idempotency_key", "k</MerchantReference><Evil/>&"},
                                   {"amount_minor", "500"},
                                   {"currency", "GBP\"x"}});
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_THAT(*body, HasSubstr("<MerchantReference>k&lt;/MerchantReference&gt;&lt;Evil/&gt;&amp;"
                               "</MerchantReference>"));
  EXPECT_THAT(*body, HasSubstr("currency=\"GBP&quot;x\""));
  EXPECT_TRUE(ParseXmlAnswer(*body).ok());
  EXPECT_FALSE(refund->body.Render({{"reason", std::string("a\x01", 2)}}).ok());
  // No amount: the element is empty (the gateway refunds what is left).
  EXPECT_THAT(*refund->body.Render({{"idempotency_key", "k"}}),
              HasSubstr("<ModificationAmount currency=\"\"></ModificationAmount>"));
  EXPECT_EQ(refund->body.content_type(), "application/xml; charset=utf-8");
}

TEST(XmlBody, AMalformedTemplateIsACompileError) {
  const char* mapping = R"(<system xmlns="urn:omnihub:mapping:v1" name="gw" connector="http-xml">
  <settings><endpoint url="http://127.0.0.1:1"/></settings>
  <operation name="refund">
    <request method="POST" path="/r/{order_number}">
      <body><![CDATA[<Refund><Amount>{amount_minor}</Refund>]]></body>
    </request>
  </operation>
</system>)";
  CompileResult r = CompileMapping(mapping, "gw.xml");
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(FormatDiagnostics(r.diagnostics),
              HasSubstr("gw.xml:5:7: the request body is not well-formed XML"));
}

TEST(XmlMapping, XmlOnlyElementsAreRefusedForOtherConnectors) {
  const char* mapping = R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:1"/></settings>
  <namespaces><namespace prefix="p" uri="urn:p"/></namespaces>
  <operation name="get-customer">
    <request method="GET" path="/c/{account_id}"><body>x</body></request>
    <response root="/c"><field target="customer.email" source="/email"/></response>
  </operation>
</system>)";
  const std::string text = FormatDiagnostics(CompileMapping(mapping, "shop.xml").diagnostics);
  EXPECT_THAT(text, HasSubstr("<namespaces> is for connector=\"http-xml\""));
  // An http-json body is a JSON template for writes (json_body_template_test.cc), never on a GET.
  EXPECT_THAT(text, HasSubstr("shop.xml:5:50: a request <body> needs method=\"POST\""));
}

}  // namespace
}  // namespace omnihub::mapping::engine
