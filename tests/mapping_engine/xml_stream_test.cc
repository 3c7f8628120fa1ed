// The streaming XML path (ReadXmlAnswer with an XmlStreamPlan: no tree) against the tree path
// (ParseXmlAnswer, then XPath on the document): the same records (MessageDifferencer) and the
// same statuses at every stage (reading, result code, mapping), over every XML operation of every
// shipped mapping with every golden sample, the benchmark's typical order, tricky documents
// (namespaces, CDATA, references, unions, missing and repeated elements) and hostile ones.
#include <gmock/gmock.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::mapping::engine {
namespace {

namespace fs = std::filesystem;
using google::protobuf::Message;
using ::testing::HasSubstr;

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// What one path made of one answer: the status of each stage and the records mapped.
struct Outcome {
  absl::Status read;
  absl::Status result;
  absl::Status map;
  std::vector<std::unique_ptr<Message>> records;
  bool streamed = false;
};

std::function<Message*()> Adder(const CompiledOperation& op, Outcome& out) {
  return [&op, &out]() -> Message* {
    const Message* prototype =
        google::protobuf::MessageFactory::generated_factory()->GetPrototype(op.record);
    out.records.emplace_back(prototype->New());
    return out.records.back().get();
  };
}

Outcome ViaTree(const CompiledSystem& system, const CompiledOperation& op, std::string_view xml) {
  Outcome out;
  auto doc = ParseXmlAnswer(xml);
  out.read = doc.status();
  if (!doc.ok()) return out;
  out.result = CheckXmlResult(system, op.name, **doc);
  if (op.has_response) out.map = MapXmlRecords(system, op, **doc, Adder(op, out));
  return out;
}

Outcome ViaStream(const CompiledSystem& system, const CompiledOperation& op, std::string_view xml) {
  Outcome out;
  auto answer = ReadXmlAnswer(op, xml);
  out.read = answer.status();
  if (!answer.ok()) return out;
  out.streamed = answer->streamed() != nullptr;
  out.result = CheckXmlResult(system, op.name, *answer);
  if (op.has_response) out.map = MapXmlRecords(system, op, *answer, Adder(op, out));
  return out;
}

// Both paths over `xml`; the streamed outcome, for further checks.
Outcome ExpectSameOnBothPaths(const CompiledSystem& system, const CompiledOperation& op,
                              std::string_view xml, const std::string& what) {
  SCOPED_TRACE(absl::StrCat(system.name, " ", op.name, " on ", what));
  Outcome tree = ViaTree(system, op, xml);
  Outcome stream = ViaStream(system, op, xml);
  EXPECT_EQ(tree.read, stream.read);
  EXPECT_EQ(tree.result, stream.result);
  EXPECT_EQ(tree.map, stream.map);
  EXPECT_EQ(tree.records.size(), stream.records.size());
  for (size_t i = 0; i < std::min(tree.records.size(), stream.records.size()); ++i) {
    google::protobuf::util::MessageDifferencer differencer;
    std::string diff;
    differencer.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differencer.Compare(*tree.records[i], *stream.records[i]))
        << "record " << i + 1 << ":\n"
        << diff;
  }
  if (stream.read.ok()) {
    EXPECT_TRUE(stream.streamed) << "the answer was read into a tree";
  }
  return stream;
}

std::shared_ptr<const CompiledSystem> Compile(const std::string& text) {
  CompileResult r = CompileMapping(text, "stream-test.xml");
  EXPECT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
  return r.system;
}

TEST(XmlStreamDifferential, EveryShippedXmlOperationWithEveryGoldenSample) {
  const fs::path systems = fs::path(OMNIHUB_MAPPINGS_DIR) / "systems";
  size_t compared = 0;
  for (const auto& entry : fs::directory_iterator(systems)) {
    if (entry.path().extension() != ".xml") continue;
    const CompileResult compiled = CompileMappingFile(entry.path().string());
    ASSERT_TRUE(compiled.ok()) << FormatDiagnostics(compiled.diagnostics);
    const CompiledSystem& system = *compiled.system;
    if (system.connector != "http-xml" && system.connector != "poslog") continue;
    std::vector<fs::path> samples;
    const fs::path dir = systems / entry.path().stem() / "samples";
    if (fs::is_directory(dir)) {
      for (const auto& f : fs::recursive_directory_iterator(dir)) {
        if (f.path().extension() == ".xml") samples.push_back(f.path());
      }
    }
    for (const auto& [name, op] : system.operations) {
      if (op.xml_stream == nullptr) continue;  // the tree path only: nothing to compare
      for (const fs::path& sample : samples) {
        ExpectSameOnBothPaths(system, op, Slurp(sample), sample.string());
        ++compared;
      }
    }
  }
  EXPECT_GE(compared, 5u * 4u) << "payment.xml's five operations stream, with its samples";
}

TEST(XmlStreamDifferential, PaymentOperationsStreamAndPosTransactionsUseTheTree) {
  const CompileResult payment = CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/payment.xml");
  ASSERT_TRUE(payment.ok());
  for (const auto& [name, op] : payment.system->operations) {
    EXPECT_NE(op.xml_stream, nullptr)
        << name << ": the result code union and every field are plain";
  }
  // Predicates, `.` and boolean expressions are not plain.
  const CompileResult pos = CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/pos.xml");
  ASSERT_TRUE(pos.ok());
  EXPECT_EQ(pos.system->FindOperation("pos-transaction")->xml_stream, nullptr);
  auto answer = ReadXmlAnswer(*pos.system->FindOperation("pos-transaction"),
                              "<POSLog xmlns='http://www.nrf-arts.org/IXRetail/namespace/'/>");
  ASSERT_TRUE(answer.ok());
  EXPECT_NE(answer->tree(), nullptr);
}

TEST(XmlStreamDifferential, TheBenchmarksTypicalOrder) {
  const CompileResult compiled = CompileMappingFile(OMNIHUB_BENCH_DIR "/typical_order_mapping.xml");
  ASSERT_TRUE(compiled.ok()) << FormatDiagnostics(compiled.diagnostics);
  const CompiledOperation& op = *compiled.system->FindOperation("get-order");
  ASSERT_NE(op.xml_stream, nullptr);
  const Outcome out = ExpectSameOnBothPaths(*compiled.system, op,
                                            Slurp(OMNIHUB_BENCH_DIR "/typical_order.xml"), "bench");
  ASSERT_EQ(out.records.size(), 1u);
  const auto& order = static_cast<const v1::Order&>(*out.records[0]);
  EXPECT_EQ(order.order_id(), "4501000001");
  EXPECT_EQ(order.order_number(), "W100234");
  ASSERT_EQ(order.lines_size(), 5);
  EXPECT_EQ(order.lines(3).quantity(), 3);
  EXPECT_EQ(order.lines(1).description(), "Leather gloves");
}

// Namespaces p and q; the result code a union of an attribute and an element; records a union;
// values from attributes (namespaced too), absolute paths, `*`, and a field read twice.
constexpr char kTricky[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="tricky" connector="http-xml">
  <settings><endpoint url="http://127.0.0.1:8082"/></settings>
  <namespaces>
    <namespace prefix="p" uri="urn:p"/>
    <namespace prefix="q" uri="urn:q"/>
  </namespaces>
  <result code="p:Result/@code | q:Status/q:Code" message="/*/p:Result">
    <success code="00"/><declined code="05"/><retryable code="91"/>
  </result>
  <operation name="list-orders">
    <request method="GET" path="/orders"/>
    <response root="p:Orders/p:Order | q:Order">
      <field target="order.order_id" source="@id" required="true"/>
      <field target="order.order_number" source="p:Number"><transform name="trim"/></field>
      <field target="order.store_id" source="q:Store/@q:id"/>
      <field target="order.register_id" source="p:Register | p:Till"/>
      <field target="order.source_system" source="/*/@system"/>
      <field target="order.seen_in" source="p:Note"/>
      <field target="order.seen_in" source="*/p:Deep"/>
      <field target="order.total">
        <source path="p:Total"/><source path="p:Total/@currency"/>
        <transform name="money" currency="input"/>
      </field>
      <repeated target="order.lines" source="p:Lines/p:Line | p:Lines/q:Line">
        <field target="sku" source="@sku" required="true"/>
        <field target="description" source="p:Text"/>
        <field target="quantity" source="p:Qty"><transform name="integer"/></field>
      </repeated>
      <repeated target="order.shipments" source="/*/p:Shipments/p:Shipment">
        <field target="carrier" source="p:Carrier"/>
        <field target="tracking_number" source="@ref"/>
      </repeated>
    </response>
  </operation>
</system>)";

const CompiledSystem& Tricky() {
  static const auto system = Compile(kTricky);
  return *system;
}

Outcome Tricky(std::string_view xml, const std::string& what) {
  const CompiledOperation& op = *Tricky().FindOperation("list-orders");
  EXPECT_NE(op.xml_stream, nullptr);
  return ExpectSameOnBothPaths(Tricky(), op, xml, what);
}

const v1::Order& OrderOf(const Outcome& out, size_t i) {
  return static_cast<const v1::Order&>(*out.records.at(i));
}

TEST(XmlStreamDifferential, PrefixesDefaultNamespaceAndUnionsFollowTheUri) {
  const Outcome out = Tricky(R"(<?xml version="1.0"?>
<x:Answer xmlns:x="urn:p" xmlns:y="urn:q" system="psp-7">
  <x:Result code="00">All &amp; well</x:Result>
  <x:Orders>
    <x:Order id="A1"><x:Number> n1 </x:Number><y:Store y:id="S1" id="no"/><x:Till>T9</x:Till>
      <x:Lines><x:Line sku="k1"><x:Qty>2</x:Qty></x:Line><y:Line sku="k2"/><x:Line sku="k3"/></x:Lines>
    </x:Order>
    <Order xmlns="urn:p" id="A2"><Number>n2</Number><Register>R1</Register>
      <Total currency="EUR">10.50</Total></Order>
    <Order id="no-namespace-no-record"/>
  </x:Orders>
  <Order xmlns="urn:q" id="A3"/>
  <x:Shipments><x:Shipment ref="Z1"><x:Carrier>DHL</x:Carrier></x:Shipment></x:Shipments>
</x:Answer>)",
                             "prefixes");
  ASSERT_TRUE(out.map.ok()) << out.map;
  ASSERT_EQ(out.records.size(), 3u);
  EXPECT_EQ(OrderOf(out, 0).order_number(), "n1");
  EXPECT_EQ(OrderOf(out, 0).store_id(), "S1");
  EXPECT_EQ(OrderOf(out, 0).register_id(), "T9");
  EXPECT_EQ(OrderOf(out, 0).source_system(), "psp-7");
  ASSERT_EQ(OrderOf(out, 0).lines_size(), 3);
  EXPECT_EQ(OrderOf(out, 0).lines(1).sku(), "k2");
  EXPECT_EQ(OrderOf(out, 0).lines(0).quantity(), 2);
  EXPECT_EQ(OrderOf(out, 1).total().amount_minor(), 1050);
  EXPECT_EQ(OrderOf(out, 2).order_id(), "A3");
  EXPECT_EQ(OrderOf(out, 2).shipments(0).tracking_number(), "Z1");
}

// The reader remembers the plan's name ids by libxml2's dictionary pointers from one document to
// the next (NameIds in xml_stream_reader.cc): the same local names under other namespaces, more
// distinct names than it keeps, and another plan in between must still read as the tree does.
TEST(XmlStreamDifferential, NamesRememberedAcrossDocumentsAndPlans) {
  std::string many;
  for (int i = 0; i < 400; ++i) absl::StrAppend(&many, "<x:Filler", i, " a", i, "=\"v\"/>");
  const auto answer = [&](const std::string& p, const std::string& q, const std::string& filler) {
    return absl::StrCat(R"(<x:Answer xmlns:x=")", p, R"(" xmlns:y=")", q,
                        R"("><x:Result code="00"/><x:Orders>)", filler,
                        R"(<x:Order id="A1"><x:Number>n1</x:Number><y:Store y:id="S1"/>)",
                        R"(<x:Lines><x:Line sku="k1"><x:Qty>2</x:Qty></x:Line><y:Line sku="k2"/>)",
                        "</x:Lines></x:Order></x:Orders></x:Answer>");
  };
  const CompileResult bench = CompileMappingFile(OMNIHUB_BENCH_DIR "/typical_order_mapping.xml");
  ASSERT_TRUE(bench.ok()) << FormatDiagnostics(bench.diagnostics);
  const std::string typical = Slurp(OMNIHUB_BENCH_DIR "/typical_order.xml");
  for (int round = 0; round < 3; ++round) {
    const Outcome straight = Tricky(answer("urn:p", "urn:q", ""), "p and q");
    ASSERT_EQ(straight.records.size(), 1u);
    EXPECT_EQ(OrderOf(straight, 0).store_id(), "S1");
    EXPECT_EQ(OrderOf(straight, 0).lines_size(), 2);
    const Outcome swapped = Tricky(answer("urn:q", "urn:p", ""), "q and p swapped");
    EXPECT_EQ(swapped.records.size(), 0u);
    Tricky(answer("urn:p", "urn:q", many), "400 more names");
    const Outcome after = Tricky(answer("urn:p", "urn:q", ""), "p and q again");
    ASSERT_EQ(after.records.size(), 1u);
    EXPECT_EQ(OrderOf(after, 0).lines(1).sku(), "k2");
    ExpectSameOnBothPaths(*bench.system, *bench.system->FindOperation("get-order"), typical,
                          "another plan");
  }
}

TEST(XmlStreamDifferential, TextAsXPathGivesIt) {
  const Outcome out = Tricky(R"(<Answer xmlns="urn:p"><Result code="00"/><Orders>
<Order id="  a &amp; b &#38; c &lt; &#x41;&#9;tab&#10;nl "><Number><![CDATA[<raw> & ]]>x&#233;y&#x1F600;</Number>
<Note>one<!-- a comment -->two<?pi data?>three</Note>
<Lines><Line sku="s"><Text>

  spaced   out
</Text><Qty/></Line></Lines>
<Till></Till></Order></Orders></Answer>)",
                             "text");
  ASSERT_EQ(out.records.size(), 1u);
  // Attribute values are normalised, but not the characters written as references.
  EXPECT_EQ(OrderOf(out, 0).order_id(), "  a & b & c < A\ttab\nnl ");
  EXPECT_EQ(OrderOf(out, 0).order_number(), "<raw> & x\xC3\xA9y\xF0\x9F\x98\x80");
  ASSERT_EQ(OrderOf(out, 0).seen_in_size(), 1);
  EXPECT_EQ(OrderOf(out, 0).seen_in(0), "onetwothree");
  EXPECT_EQ(OrderOf(out, 0).lines(0).description(), "\n\n  spaced   out\n");
}

TEST(XmlStreamDifferential, SeveralNodesAndNestedElementsAreTheSameErrors) {
  const Outcome out = Tricky(R"(<Answer xmlns="urn:p"><Result code="00"/><Orders>
<Order id="1"><Number>a</Number><Number>b</Number><Register>r</Register><Till>t</Till></Order>
<Order id="2"><Note>text <b>bold</b> more</Note><Total currency="GBP">1<i/>2</Total>
  <x><Deep>1</Deep></x><y><Deep>2</Deep></y></Order>
<Order><Lines><Line><Text>no sku</Text><Qty>x</Qty></Line></Lines></Order>
</Orders></Answer>)",
                             "errors");
  EXPECT_THAT(std::string(out.map.message()),
              HasSubstr("record 1: order.order_number <- p:Number: selects 2 nodes"));
  EXPECT_THAT(std::string(out.map.message()), HasSubstr("p:Register | p:Till: selects 2 nodes"));
  EXPECT_THAT(std::string(out.map.message()),
              HasSubstr("found the element <Note> with child elements"));
  EXPECT_THAT(std::string(out.map.message()), HasSubstr("*/p:Deep: selects 2 nodes"));
  EXPECT_THAT(std::string(out.map.message()),
              HasSubstr("record 3: order.order_id <- @id: is required but missing"));
  EXPECT_THAT(std::string(out.map.message()), HasSubstr("p:Lines/p:Line | p:Lines/q:Line[1]/@sku"));
}

TEST(XmlStreamDifferential, ResultCodesFromEitherBranch) {
  const Outcome declined = Tricky(
      R"(<Answer xmlns="urn:p"><Result code="05">No <b>funds</b></Result></Answer>)", "declined");
  EXPECT_EQ(declined.result.code(), absl::StatusCode::kFailedPrecondition);
  // A message with an element in it is not a single value: left out.
  EXPECT_THAT(std::string(declined.result.message()), ::testing::EndsWith("result 05 (declined)"));
  const Outcome with_message =
      Tricky(R"(<Answer xmlns="urn:p"><Result code="05">No &amp; funds</Result></Answer>)",
             "declined with a message");
  EXPECT_THAT(std::string(with_message.result.message()),
              HasSubstr("result 05 (declined): No & funds"));
  const Outcome retry =
      Tricky(R"(<Answer xmlns="urn:q"><Status><Code>91</Code></Status></Answer>)", "retryable");
  EXPECT_EQ(retry.result.code(), absl::StatusCode::kUnavailable);
  Tricky(R"(<Answer xmlns="urn:q"><Status><Code>42</Code></Status></Answer>)", "unknown code");
  Tricky(R"(<Answer xmlns="urn:q"><Status/></Answer>)", "no code");
  Tricky(R"(<Answer xmlns="urn:q"><Status><Code>00</Code><Code>00</Code></Status></Answer>)",
         "two codes");
  Tricky(
      R"(<a:Answer xmlns:a="urn:p" xmlns:b="urn:q"><a:Result code="00"/><b:Status><b:Code>00</b:Code></b:Status></a:Answer>)",
      "both branches");
  Tricky(R"(<Answer xmlns="urn:q"><Status><Code><x/>00</Code></Status></Answer>)",
         "code with an element");
  Tricky(R"(<Answer/>)", "empty answer");
  Tricky(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Answer xmlns=\"urn:p\">"
      "<Result code=\"00\">caf\xE9</Result><Orders><Order id=\"\xE9\"/></Orders></Answer>",
      "latin-1");
}

TEST(XmlStreamHostile, RefusedWithTheSameErrorsAsTheTreePath) {
  std::string deep_bomb;
  for (int i = 0; i < 300; ++i) deep_bomb += "<a>";
  std::string too_deep = "<Answer xmlns=\"urn:p\">";
  for (size_t i = 1; i < kMaxXmlAnswerDepth + 1; ++i) too_deep += "<p>";
  for (size_t i = 1; i < kMaxXmlAnswerDepth + 1; ++i) too_deep += "</p>";
  too_deep += "</Answer>";
  std::string deep_and_broken = too_deep.substr(0, too_deep.size() - 3);
  std::string fits = "<Answer xmlns=\"urn:p\">";
  for (size_t i = 1; i < kMaxXmlAnswerDepth; ++i) fits += "<p>";
  for (size_t i = 1; i < kMaxXmlAnswerDepth; ++i) fits += "</p>";
  fits += "<Result code=\"00\"/></Answer>";
  const std::string huge_text =
      "<Answer xmlns=\"urn:p\"><Result code=\"00\"/><Orders><Order id=\"" + std::string(100, 'i') +
      "\"><Note>" + std::string(kMaxXmlAnswerBytes - 400, 'x') +
      "</Note></Order></Orders></Answer>";
  const struct {
    std::string xml;
    const char* expected;  // in the read error; null: read fine
  } cases[] = {
      {R"(<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<Answer xmlns="urn:p"><Result code="&lol3;"/></Answer>)",
       "<!DOCTYPE> declaration is not allowed"},
      {R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Answer xmlns="urn:p"><Result code="00"/><Orders><Order id="&x;"/></Orders></Answer>)",
       "<!DOCTYPE> declaration is not allowed"},
      {R"(<!DOCTYPE r SYSTEM "http://127.0.0.1:1/evil.dtd"><Answer/>)", "DOCTYPE"},
      {R"(<Answer xmlns="urn:p"><Result code="&undeclared;"/></Answer>)", "malformed XML"},
      {deep_bomb, "malformed XML"},
      {too_deep, "more than 64 levels deep (line 1)"},
      {deep_and_broken, "malformed XML"},
      {fits, nullptr},
      {"<Answer xmlns=\"urn:p\"><Result code=\"00\"/><Orders><Order id=\"1\"><Num",
       "malformed XML"},
      {"", "malformed XML"},
      {"<html><body>Bad gateway</body>", "malformed XML"},
      {"<Answer>\xff\xfe</Answer>", "malformed XML"},
      {"<Answer xmlns=\"urn:p\"><Result code=\"\xc3\"/></Answer>", "malformed XML"},
      {"<a/><b/>", "malformed XML"},
      {std::string(kMaxXmlAnswerBytes + 1, ' '), "more than the limit"},
      {huge_text, nullptr},
  };
  for (const auto& c : cases) {
    const Outcome out = Tricky(c.xml, c.xml.substr(0, 60));
    if (c.expected == nullptr) {
      EXPECT_TRUE(out.read.ok()) << out.read;
    } else {
      EXPECT_EQ(out.read.code(), absl::StatusCode::kInvalidArgument) << c.xml.substr(0, 60);
      EXPECT_THAT(std::string(out.read.message()), HasSubstr(c.expected));
    }
  }
}

// libxml2 refills its input within 250 bytes of the end; the streaming reader tells it a memory
// input without an encoder has nothing more to give (safe_xml.cc). Documents that end, well or
// badly, inside that window, in UTF-8 and in encodings that are converted while they are read.
TEST(XmlStreamDifferential, TheEndOfTheDocumentAsTheTreePathReadsIt) {
  const std::string head = "<Answer xmlns=\"urn:p\"><Result code=\"00\">" + std::string(300, 'm') +
                           "</Result><Orders><Order id=\"A1\"><Number>";
  const std::string latin1 =
      "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Answer xmlns=\"urn:p\"><Result code=\"00\"/>"
      "<Orders><Order id=\"caf\xE9\"><Note>" +
      std::string(400, '\xE9') + "</Note><Number>n\xE9</Number></Order></Orders></Answer>";
  std::string utf16 = "\xFF\xFE";
  for (char c :
       std::string("<Answer xmlns=\"urn:p\"><Result code=\"00\"/><Orders><Order id=\"u\">") +
           std::string(300, 'x') + "</Order></Orders></Answer>") {
    utf16 += c;
    utf16 += '\0';
  }
  const struct {
    std::string xml;
    bool read;
  } cases[] = {
      {head + "n1</Number></Order></Orders></Answer>", true},
      {head + "n1</Number></Order></Orders></Answer>\n  \n", true},
      {head + "n1</Number></Order></Orders></Answer><!-- after -->", true},
      {head + "n1</Number></Order></Orders></Answer><?pi after?>", true},
      {head + "caf\xC3\xA9 &amp; &#x41;<![CDATA[<x>]]></Number></Order></Orders></Answer>", true},
      {head + "caf\xC3", false},
      {head + "caf\xC3\xA9</Number></Order></Orders></Answer>\xC3", false},
      {head + "&#x4", false},
      {head + "&am", false},
      {head + "<![CDATA[open", false},
      {head + "<!-- open", false},
      {head + "n1</Number><Till t=\"open", false},
      {head + "n1</Number><Till", false},
      {head + "n1</Number></Order></Orders>", false},
      {head + "n1</Number></Order></Orders></Answer>trailing", false},
      {head + "n1</Number></Order></Orders></Answer><Answer/>", false},
      {head + std::string("n1\0</Number></Order></Orders></Answer>", 37), false},
      {head + "n1</Number></Order></Orders></Answer>" + std::string(1, '\0'), true},
      {latin1, true},
      {latin1.substr(0, latin1.size() - 30), false},
      {"\xEF\xBB\xBF" + latin1, true},
      {utf16, true},
      {utf16.substr(0, utf16.size() - 1), false},
  };
  for (const auto& c : cases) {
    const Outcome out = Tricky(c.xml, c.xml.substr(c.xml.size() > 40 ? c.xml.size() - 40 : 0));
    EXPECT_EQ(out.read.ok(), c.read) << &c - cases << ": " << out.read;
  }
}

// The streaming reader keeps libxml2's input buffer from one document to the next on a thread
// (adapters/xml/kept_input.h): nothing of one document may reach the next, whether it was read
// well, refused halfway (libxml2 then frees the buffer itself), read in another encoding or was
// larger than a kept buffer.
TEST(XmlStreamHostile, NothingCarriesFromOneDocumentToTheNext) {
  const std::string whole =
      "<Answer xmlns=\"urn:p\"><Result code=\"00\"/><Orders><Order id=\"A1\">"
      "<Number>" +
      std::string(600, 'n') + "</Number><Note>caf\xC3\xA9</Note></Order></Orders></Answer>";
  std::string deep_bomb;
  for (int i = 0; i < 300; ++i) deep_bomb += "<a>";
  const std::string doctype = "<!DOCTYPE r [<!ENTITY x \"x\">]>" + whole;
  const std::string latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>" + whole;
  std::string utf16 = "\xFF\xFE";
  for (char c : std::string("<Answer xmlns=\"urn:p\"><Result code=\"00\"/></Answer>")) {
    utf16 += c;
    utf16 += '\0';
  }
  const std::string large =
      "<Answer xmlns=\"urn:p\"><Result code=\"00\"/><Orders><Order id=\"L\">"
      "<Note>" +
      std::string(100'000, 'l') + "</Note></Order></Orders></Answer>";
  const struct {
    std::string xml;
    bool read;
  } before[] = {
      {whole, true},
      {doctype, false},
      {deep_bomb, false},
      {latin1, true},
      {utf16, true},
      {large, true},
      {"", false},
      {whole.substr(0, 700), false},
      {"<Answer xmlns=\"urn:p\"><Result code=\"00\"/></Answer>", true},
  };
  for (const auto& b : before) {
    SCOPED_TRACE(b.xml.substr(0, 40));
    EXPECT_EQ(Tricky(b.xml, "before").read.ok(), b.read);
    // A prefix of the whole document after it: the rest of the earlier text is not read.
    const Outcome cut = Tricky(whole.substr(0, whole.size() - 20), "cut after");
    EXPECT_FALSE(cut.read.ok());
    const Outcome after = Tricky(whole, "whole after");
    ASSERT_EQ(after.records.size(), 1u) << after.read;
    // UTF-8 read as UTF-8 again, whatever encoding the document before declared.
    EXPECT_EQ(OrderOf(after, 0).seen_in(0), "caf\xC3\xA9");
    EXPECT_EQ(OrderOf(after, 0).order_number(), std::string(600, 'n'));
  }
}

TEST(XmlStreamHostile, NothingOfAnExternalEntityIsRead) {
  const Outcome out = Tricky(
      R"(<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<Answer xmlns="urn:p"><Result code="00"/><Orders><Order id="&x;"/></Orders></Answer>)",
      "xxe");
  EXPECT_THAT(std::string(out.read.message()), ::testing::Not(HasSubstr("root:")));
  EXPECT_TRUE(out.records.empty());
}

// The plan's state machine (xml_stream_states.h) keeps at most kMaxStates states. A union of
// paths of `*` steps with one named step each: which paths are still in progress 13 levels down
// depends on the names met on the way, 2^n sets of them for n paths.
std::shared_ptr<const CompiledSystem> StarUnion(int paths) {
  std::string source;
  for (int i = 0; i < paths; ++i) {
    absl::StrAppend(&source, i == 0 ? "" : " | ");
    for (int step = 0; step < 13; ++step) {
      absl::StrAppend(&source, step == 0 ? "" : "/", step == i ? absl::StrCat("p:n", i) : "*");
    }
  }
  return Compile(absl::StrCat(
      R"(<system xmlns="urn:omnihub:mapping:v1" name="stars" connector="http-xml">
  <settings><endpoint url="http://127.0.0.1:8082"/></settings>
  <namespaces><namespace prefix="p" uri="urn:p"/></namespaces>
  <operation name="get-order">
    <request method="GET" path="/orders"/>
    <response root="/p:Order"><field target="order.order_number" source=")",
      source, R"("/></response>
  </operation>
</system>)"));
}

TEST(XmlStreamDifferential, APlanNeedingTooManyStatesIsLeftToTheTree) {
  std::string xml = "<Order xmlns=\"urn:p\"><n0>";
  for (int level = 1; level < 13; ++level) absl::StrAppend(&xml, "<x", level, ">");
  xml += "N1";
  for (int level = 12; level > 0; --level) absl::StrAppend(&xml, "</x", level, ">");
  xml += "</n0></Order>";
  const auto few = StarUnion(6);  // under 2^6 sets per level: streams
  ASSERT_NE(few, nullptr);
  const CompiledOperation& streamed = *few->FindOperation("get-order");
  ASSERT_NE(streamed.xml_stream, nullptr);
  const Outcome out = ExpectSameOnBothPaths(*few, streamed, xml, "6 paths");
  ASSERT_EQ(out.records.size(), 1u);
  EXPECT_EQ(OrderOf(out, 0).order_number(), "N1");

  const auto many = StarUnion(12);  // up to 2^12 sets per level: more than kMaxStates
  ASSERT_NE(many, nullptr);
  const CompiledOperation& tree = *many->FindOperation("get-order");
  EXPECT_EQ(tree.xml_stream, nullptr);
  auto answer = ReadXmlAnswer(tree, xml);
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_NE(answer->tree(), nullptr);
  v1::Order order;
  ASSERT_TRUE(MapXmlRecord(*many, tree, *answer, order).ok());
  EXPECT_EQ(order.order_number(), "N1");
}

// RecordWriter sets money and timestamps through the generated classes: a record of the right
// type that is not one (a DynamicMessage) is an error, not a crash.
TEST(XmlStreamApi, ADynamicMessageRecordIsRefusedWhereGeneratedClassesAreNeeded) {
  const CompileResult compiled = CompileMappingFile(OMNIHUB_BENCH_DIR "/typical_order_mapping.xml");
  ASSERT_TRUE(compiled.ok()) << FormatDiagnostics(compiled.diagnostics);
  const CompiledOperation& op = *compiled.system->FindOperation("get-order");
  google::protobuf::DynamicMessageFactory factory;
  std::unique_ptr<Message> record(factory.GetPrototype(op.record)->New());
  auto answer = ReadXmlAnswer(op, Slurp(OMNIHUB_BENCH_DIR "/typical_order.xml"));
  ASSERT_TRUE(answer.ok());
  const absl::Status s = MapXmlRecord(*compiled.system, op, *answer, *record);
  EXPECT_EQ(s.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(s.message()),
              HasSubstr("order.total <- o:Total: the record is not of the generated canonical"));
}

TEST(XmlStreamApi, AnAnswerStreamedForOneOperationIsNotMappedByAnother) {
  const CompileResult payment = CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/payment.xml");
  ASSERT_TRUE(payment.ok());
  const CompiledOperation& fraud = *payment.system->FindOperation("get-fraud");
  const CompiledOperation& list = *payment.system->FindOperation("list-payments");
  auto answer =
      ReadXmlAnswer(fraud, Slurp(OMNIHUB_MAPPINGS_DIR "/systems/payment/samples/get-fraud.xml"));
  ASSERT_TRUE(answer.ok());
  std::vector<v1::Payment> out;
  const absl::Status s =
      MapXmlRecords(*payment.system, list, *answer, [&] { return &out.emplace_back(); });
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(s.message()), HasSubstr("another operation"));
  EXPECT_TRUE(out.empty());
}

}  // namespace
}  // namespace omnihub::mapping::engine
