// JsonBodyTemplate: http-json request bodies. Values are JSON-escaped inside their strings (quotes,
// backslashes, control characters, unicode), so no parameter can leave its string or add a member;
// number slots take JSON numbers only; malformed templates and unknown parameters are compile
// errors at the right place, in the mapping file too.
#include "adapters/mapping/engine/json_body_template.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::mapping::engine {
namespace {

using nlohmann::json;

const std::vector<std::string_view> kParams = {
    "account_id", "text", "agent_id", "order_number", "amount_minor", "currency", "reason"};

JsonBodyTemplate Compile(std::string_view text) {
  auto t = JsonBodyTemplate::Compile(text, "", kParams);
  EXPECT_TRUE(t.ok()) << t.status();
  return t.ok() ? *std::move(t) : JsonBodyTemplate();
}

constexpr char kNote[] = R"({"note": {"body": "{text}", "author": "support:{agent_id}",
  "order_number": "{order_number}", "amount_minor": {amount_minor}}})";

// Renders kNote and parses the result: it must be JSON with exactly the template's members.
json RenderNote(const std::map<std::string, std::string>& values) {
  const JsonBodyTemplate t = Compile(kNote);
  auto body = t.Render(values);
  EXPECT_TRUE(body.ok()) << body.status();
  json parsed = json::parse(body.ok() ? *body : "", nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << *body;
  EXPECT_EQ(parsed.size(), 1u);
  EXPECT_EQ(parsed["note"].size(), 4u) << *body;
  return parsed;
}

TEST(JsonBodyTemplateTest, RendersValuesIntoStringsAndNumbers) {
  const JsonBodyTemplate t = Compile(kNote);
  EXPECT_EQ(t.content_type(), "application/json");
  EXPECT_TRUE(t.Uses("text"));
  EXPECT_FALSE(t.Uses("reason"));
  auto body = t.Render({{"text", "Late parcel"}, {"agent_id", "cs7"}, {"amount_minor", "500"}});
  ASSERT_TRUE(body.ok()) << body.status();
  EXPECT_EQ(*body, R"({"note": {"body": "Late parcel", "author": "support:cs7",
  "order_number": "", "amount_minor": 500}})");
}

TEST(JsonBodyTemplateTest, MissingValuesAreEmptyTextOrNull) {
  auto body = Compile(kNote).Render({});
  ASSERT_TRUE(body.ok());
  const json parsed = json::parse(*body);
  EXPECT_EQ(parsed["note"]["body"], "");
  EXPECT_TRUE(parsed["note"]["amount_minor"].is_null());
}

TEST(JsonBodyTemplateTest, EscapesQuotesBackslashesAndControlCharacters) {
  const std::string hostile = std::string("a\"b\\c\n\r\t\b\f") + '\x01' + '\x1f' + '\x7f' + "/d";
  const json parsed = RenderNote({{"text", hostile}});
  EXPECT_EQ(parsed["note"]["body"], hostile);
  auto raw = Compile(R"({"b": "{text}"})").Render({{"text", std::string("\x01\"\\")}});
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, R"({"b": "\u0001\"\\"})");
}

TEST(JsonBodyTemplateTest, KeepsUnicodeAndEscapesLineSeparators) {
  const std::string text = "£5 — Zoë 😀 \u2028 \u2029 日本";
  const json parsed = RenderNote({{"text", text}});
  EXPECT_EQ(parsed["note"]["body"], text);
  auto raw = Compile(R"({"b": "{text}"})").Render({{"text", "\u2028£"}});
  ASSERT_TRUE(raw.ok());
  EXPECT_EQ(*raw, "{\"b\": \"\\u2028£\"}");
}

TEST(JsonBodyTemplateTest, RefusesInvalidUtf8NamingTheParameterNotTheValue) {
  for (const std::string& bad : {std::string("ab\xff"), std::string("\xc0\xaf"),  // overlong '/'
                                std::string("\xed\xa0\x80"),                     // surrogate
                                std::string("\xf4\x90\x80\x80"), std::string("\xe2\x82")}) {
    auto body = Compile(kNote).Render({{"text", bad}});
    ASSERT_EQ(body.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(body.status().message().find("{text}"), std::string::npos) << body.status();
    EXPECT_EQ(body.status().message().find(bad), std::string::npos);
  }
}

TEST(JsonBodyTemplateTest, InjectionThroughEveryParameterStaysInsideItsString) {
  const std::vector<std::string> attacks = {R"(", "admin": true, "x": ")",
                                            R"("}, "evil": {"a": ")",
                                            R"(\", \"author\": \"customer)",
                                            "\"\n}\n{\"note\":{\"body\":\"x\"}}",
                                            R"({agent_id})",
                                            "</script><script>alert(1)</script>",
                                            std::string("x\0y", 3)};
  for (const std::string& attack : attacks) {
    for (const char* param : {"text", "agent_id", "order_number"}) {
      const json parsed = RenderNote({{param, attack}, {"amount_minor", "1"}});
      const std::string field = std::string(param) == "text"       ? "body"
                                : std::string(param) == "agent_id" ? "author"
                                                                   : "order_number";
      const std::string expected = std::string(param) == "agent_id" ? "support:" + attack : attack;
      EXPECT_EQ(parsed["note"][field], expected) << param << " <- " << attack;
      EXPECT_EQ(parsed["note"]["amount_minor"], 1);
    }
    // A number slot never takes text: no way to smuggle members through it.
    auto body = Compile(kNote).Render({{"amount_minor", attack}});
    EXPECT_EQ(body.status().code(), absl::StatusCode::kInvalidArgument) << attack;
  }
}

TEST(JsonBodyTemplateTest, NumberSlotsTakeJsonNumbersOnly) {
  const JsonBodyTemplate t = Compile(R"({"n": {amount_minor}})");
  for (const char* good : {"0", "500", "-12", "12.50", "1e3", "-0.5E-2"}) {
    auto body = t.Render({{"amount_minor", good}});
    ASSERT_TRUE(body.ok()) << good;
    EXPECT_EQ(*body, std::string(R"({"n": )") + good + "}");
  }
  for (const char* bad : {"", "01", "1.", ".5", "+1", "1e", "NaN", "Infinity", "0x10", "1 2",
                          "true", "null", "12,50", "99999999999999999999999999999999999999999"}) {
    auto body = t.Render({{"amount_minor", bad}});
    EXPECT_EQ(body.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(body.status().message().find("{amount_minor} must be a number"), std::string::npos);
  }
}

TEST(JsonBodyTemplateTest, ArraysLiteralsAndPlaceholdersMixedInOneString) {
  const JsonBodyTemplate t =
      Compile(R"([{"a": "{account_id}/{order_number}", "b": [true, false, null, -1.5e2]}, {}])");
  auto body = t.Render({{"account_id", "6108"}, {"order_number", "W1"}});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(json::parse(*body)[0]["a"], "6108/W1");
}

struct BadTemplate {
  std::string text;
  std::string message;
  size_t offset;
};

TEST(JsonBodyTemplateTest, MalformedTemplatesSayWhatAndWhere) {
  const std::vector<BadTemplate> cases = {
      {R"({"b": "{txt}"})", "unknown parameter {txt} in the request body — did you mean {text}?",
       7},
      {R"({"b": {nope}})", "unknown parameter {nope}", 6},
      {R"({"b": "{text"})", "needs a name and a closing '}'", 7},
      {R"({"b": "{"})", "write \\u007b for a literal brace", 7},
      {R"({"b": {text)", "unclosed '{'", 6},
      {R"({"{text}": 1})", "a member name cannot hold a {parameter}", 2},
      {R"({{text}: 1})", "a member name cannot be a {parameter}", 1},
      {R"({"b": 1,})", "expected a member name in quotes", 8},
      {R"({"b": 1)", "expected ',' or '}' in an object", 7},
      {R"({"b" 1})", "expected ':' after a member name", 5},
      {R"({"b": 'x'})", "unexpected ''' where a JSON value is expected", 6},
      {R"({"b": tru})", "unexpected 't'", 6},
      {R"({"b": 01})", "a malformed number", 6},
      {R"({"b": "x\q"})", "a bad escape", 8},
      {R"({"b": "\u12"})", "four hex digits", 7},
      {"{\"b\": \"line\nbreak\"}", "a control character", 11},
      {R"({"b": "open)", "not closed", 11},
      {R"({} {})", "after the end of the JSON document", 3},
      {"  ", "the request body is empty", 2},
      {R"([1, 2)", "expected ',' or ']' in an array", 5},
      {std::string(40, '[') + std::string(40, ']'), "nests deeper than 32 levels", 33},
  };
  for (const BadTemplate& c : cases) {
    size_t offset = 999;
    auto t = JsonBodyTemplate::Compile(c.text, "", kParams, &offset);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(t.status().message().find(c.message), std::string::npos)
        << c.text << " -> " << t.status().message();
    EXPECT_EQ(offset, c.offset) << c.text << " -> " << t.status().message();
  }
}

TEST(JsonBodyTemplateTest, HugeTemplateNestingDoesNotOverflowTheStack) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_FALSE(JsonBodyTemplate::Compile(deep, "", kParams).ok());
}

// In a mapping file: the problem is reported at its line and column inside the CDATA body.
TEST(JsonBodyTemplateTest, MappingFileErrorsPointIntoTheBody) {
  const std::string file = R"(<?xml version="1.0"?>
<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings><endpoint url="http://127.0.0.1:1"/></settings>
  <operation name="add-note">
    <request method="POST" path="/c/{account_id}/notes" idempotency-header="Idempotency-Key">
      <body><![CDATA[{
  "note": {"body": "{txt}"}
}]]></body>
    </request>
  </operation>
  <operation name="goodwill">
    <request method="POST" path="/c/{account_id}/codes">
      <body><![CDATA[{"amount": {amount_minor},}]]></body>
    </request>
  </operation>
  <operation name="get-customer">
    <request method="GET" path="/c/{account_id}" idempotency-header="Idempotency-Key"/>
    <response root="/c"><field target="customer.email" source="/email"/></response>
  </operation>
</system>
)";
  const CompileResult result = CompileMapping(file, "shop.xml");
  ASSERT_FALSE(result.ok());
  const std::string all = FormatDiagnostics(result.diagnostics);
  EXPECT_NE(all.find("shop.xml:7:21: unknown parameter {txt} in the request body — did you mean "
                     "{text}?"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("shop.xml:13:48: expected a member name in quotes"), std::string::npos) << all;
  EXPECT_NE(all.find("shop.xml:17:5: idempotency-header=\"...\": operation 'get-customer' has no "
                     "{idempotency_key}"),
            std::string::npos)
      << all;
}

TEST(JsonBodyTemplateTest, EcommerceMappingRendersTheShopsRequests) {
  const CompileResult result = CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/ecommerce.xml");
  ASSERT_TRUE(result.ok()) << FormatDiagnostics(result.diagnostics);
  const CompiledOperation* note = result.system->FindOperation("add-note");
  ASSERT_NE(note, nullptr);
  EXPECT_EQ(note->idempotency_header, "Idempotency-Key");
  auto body = note->json_body.Render({{"text", "Rang \"twice\""}, {"agent_id", "cs7"}});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(json::parse(*body),
            json::parse(R"({"note": {"body": "Rang \"twice\"", "author": "support:cs7",
                                     "order_number": ""}})"));
  const CompiledOperation* goodwill = result.system->FindOperation("goodwill");
  ASSERT_NE(goodwill, nullptr);
  body = goodwill->json_body.Render({{"amount_minor", "500"},
                                     {"currency", "GBP"},
                                     {"reason", "late parcel"},
                                     {"order_number", "W1000002"}});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(json::parse(*body), json::parse(R"({"discount_code": {"amount_minor": 500,
      "currency": "GBP", "reason": "late parcel", "order_number": "W1000002"}})"));
  auto request = goodwill->request.Render({{"account_id", "6108000123"}});
  ASSERT_TRUE(request.ok());
  EXPECT_EQ(request->method, "POST");
  EXPECT_EQ(request->target, "/admin/customers/6108000123/discount_codes.json");
}

}  // namespace
}  // namespace omnihub::mapping::engine
