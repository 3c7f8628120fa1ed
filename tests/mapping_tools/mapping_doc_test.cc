// hubctl mappings doc: the landscape of the repository's mappings (who provides which canonical
// field, from which selector, through which transforms, who wins under config/hubd-simulators.xml's
// survivorship), checked in the generated HTML and Graphviz source; hostile text is escaped.
#include "tools/hubctl/mapping_doc.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <regex>

#include "tests/mapping_tools/temp_dir.h"

namespace omnihub::hubctl {
namespace {

using test_support::TempDir;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Not;

Landscape RepositoryLandscape(bool with_rules) {
  auto workspace = FindMappingFiles(OMNIHUB_MAPPINGS_DIR);
  EXPECT_TRUE(workspace.ok());
  const CheckReport report = CheckMappings(*workspace);
  EXPECT_TRUE(report.ok());
  absl::StatusOr<Landscape> landscape = BuildLandscape(report);
  EXPECT_TRUE(landscape.ok()) << landscape.status();
  if (with_rules) {
    auto rules = ReadSurvivorship(OMNIHUB_CONFIG_DIR "/hubd-simulators.xml");
    EXPECT_TRUE(rules.ok()) << rules.status();
    landscape->rules = *rules;
    landscape->rules_file = "config/hubd-simulators.xml";
  }
  return *std::move(landscape);
}

const FieldSource* Find(const Landscape& l, const std::string& field, const std::string& system) {
  for (const FieldSource& s : l.sources) {
    if (s.field == field && s.system == system) return &s;
  }
  return nullptr;
}

// The <tbody> of one canonical field in the page.
std::string FieldGroup(const std::string& html, const std::string& field) {
  const size_t start = html.find("<tbody class=\"field\" data-field=\"" + field + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</tbody>", start) - start);
}

TEST(MappingsDoc, EachFieldSaysWhoProvidesItFromWhereAndHow) {
  const Landscape l = RepositoryLandscape(false);
  const FieldSource* erp_email = Find(l, "customer.email", "erp");
  ASSERT_NE(erp_email, nullptr);
  EXPECT_EQ(erp_email->operation, "get-customer");
  EXPECT_EQ(erp_email->selector, "column email");
  EXPECT_EQ(erp_email->transforms, "email");
  EXPECT_THAT(erp_email->file, HasSubstr("erp.xml"));
  EXPECT_GT(erp_email->line, 0);

  const FieldSource* since = Find(l, "customer.customer_since", "mainframe");
  ASSERT_NE(since, nullptr);
  EXPECT_EQ(since->selector, "screen 'opened' row 10 col 19 len 5");
  EXPECT_EQ(since->transforms, "timestamp(format=\"YYDDD\", tz=\"Europe/London\")");

  const FieldSource* web = Find(l, "customer.email", "ecommerce");
  ASSERT_NE(web, nullptr);
  EXPECT_EQ(web->selector, "JSON /email");

  const FieldSource* status = Find(l, "order.status", "erp");
  ASSERT_NE(status, nullptr);
  EXPECT_THAT(status->transforms, HasSubstr("code-table(O→PLACED"));

  const FieldSource* sku = Find(l, "order.lines.sku", "erp");
  ASSERT_NE(sku, nullptr);
  EXPECT_EQ(Find(l, "order.lines", "erp")->selector, "items: rows of statement lines");
  EXPECT_NE(Find(l, "customer.identifiers (account-number of mainframe)", "erp"), nullptr);
  EXPECT_NE(Find(l, "payment.payment_ref", "payment"), nullptr);
}

TEST(MappingsDoc, SurvivorshipFollowsTheHubConfiguration) {
  const Landscape l = RepositoryLandscape(true);
  // <field name="*" systems="erp ecommerce mainframe"/>, <field name="phone" systems="ecommerce
  // erp mainframe"/>, <field name="address" systems="erp mainframe"/>.
  Survivorship email = l.SurvivorshipFor("customer.email");
  EXPECT_EQ(email.kind, "winner");
  EXPECT_EQ(email.rule, "*");
  EXPECT_THAT(email.order, ElementsAre("erp", "ecommerce"));
  Survivorship phone = l.SurvivorshipFor("customer.phone");
  EXPECT_EQ(phone.rule, "phone");
  EXPECT_EQ(phone.order.front(), "ecommerce");
  Survivorship postcode = l.SurvivorshipFor("customer.address.postal_code");
  EXPECT_EQ(postcode.rule, "address");
  EXPECT_THAT(postcode.order, ElementsAre("erp", "mainframe"));
  EXPECT_EQ(l.SurvivorshipFor("order.status").kind, "by-key");
  EXPECT_EQ(l.SurvivorshipFor("contact.summary").kind, "merged");
  EXPECT_THAT(l.SurvivorshipFor("customer.identifiers (email)").explanation,
              HasSubstr("identity resolution"));
}

TEST(MappingsDoc, WithoutRulesSystemsTieByName) {
  const Landscape l = RepositoryLandscape(false);
  const Survivorship phone = l.SurvivorshipFor("customer.phone");
  EXPECT_TRUE(std::is_sorted(phone.order.begin(), phone.order.end()));
  EXPECT_THAT(phone.explanation, HasSubstr("no hub configuration given"));
}

TEST(MappingsDoc, ThePageShowsSystemsFieldsAndWinners) {
  const Landscape l = RepositoryLandscape(true);
  const std::string dot = RenderLandscapeDot(l);
  const std::string html = RenderLandscapeHtml(l, dot, "<svg id=\"diagram\"></svg>");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_THAT(html, HasSubstr("<svg id=\"diagram\"></svg>"));
  // Self-contained: nothing fetched when the page is opened.
  EXPECT_THAT(html, Not(HasSubstr("src=\"http")));
  EXPECT_THAT(html, Not(HasSubstr("href=\"http")));
  for (const char* system : {"ecommerce", "erp", "mainframe", "payment"}) {
    EXPECT_THAT(html, HasSubstr(std::string("<tr><td>") + system + "</td>"));
  }
  const std::string phone = FieldGroup(html, "customer.phone");
  ASSERT_FALSE(phone.empty());
  // The winner is first and marked; the rule is named.
  const std::regex winner(R"(<span class="rank win">1st</span></td><td>ecommerce</td>)");
  EXPECT_TRUE(std::regex_search(phone, winner)) << phone;
  EXPECT_THAT(phone, HasSubstr("survivorship rule &#39;phone&#39;"));
  EXPECT_THAT(phone, HasSubstr("phone(country=&quot;GB&quot;)"));
  const std::string since = FieldGroup(html, "customer.customer_since");
  EXPECT_THAT(since, HasSubstr("screen &#39;opened&#39; row 10 col 19 len 5"));
  EXPECT_THAT(since, HasSubstr("mainframe.xml:"));
  EXPECT_THAT(html, HasSubstr("Survivorship: from config/hubd-simulators.xml"));
  // The same landscape gives the same page.
  EXPECT_EQ(html, RenderLandscapeHtml(l, dot, "<svg id=\"diagram\"></svg>"));
}

TEST(MappingsDoc, WithoutGraphvizThePageShowsTheDiagramsSource) {
  const Landscape l = RepositoryLandscape(false);
  const std::string dot = RenderLandscapeDot(l);
  EXPECT_THAT(dot,
              HasSubstr("\"system:erp\" -> \"entity:order\" [label=\"get-order\\nlist-orders\"]"));
  EXPECT_THAT(dot, HasSubstr("\"system:mainframe\" [shape=box"));
  const std::string html = RenderLandscapeHtml(l, dot, "");
  EXPECT_THAT(html, HasSubstr("Graphviz (dot) was not found"));
  EXPECT_THAT(html, HasSubstr("&quot;system:erp&quot; -&gt; &quot;entity:order&quot;"));
}

TEST(MappingsDoc, GraphvizDrawsTheDiagramWhenInstalled) {
  auto svg = DrawWithGraphviz(RenderLandscapeDot(RepositoryLandscape(false)));
  if (!svg.ok()) GTEST_SKIP() << svg.status();
  EXPECT_EQ(svg->rfind("<svg", 0), 0u);
  EXPECT_THAT(*svg, HasSubstr("mainframe"));
  EXPECT_THAT(*svg, HasSubstr("tn3270"));
}

TEST(MappingsDoc, HostileTextInMappingFilesIsEscaped) {
  TempDir dir;
  dir.Write("systems/shop.xml",
            R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <description>&lt;script&gt;alert("x")&lt;/script&gt; &amp; "quotes"</description>
  <settings><endpoint url="http://127.0.0.1:8081"/></settings>
  <operation name="get-customer">
    <request method="GET" path="/c/{account_id}"/>
    <response root="">
      <field target="customer.email" source="/a&lt;b&gt;&quot;c"/>
    </response>
  </operation>
</system>
)");
  const CheckReport report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_TRUE(report.ok()) << mapping::engine::FormatDiagnostics(report.diagnostics);
  auto l = BuildLandscape(report);
  ASSERT_TRUE(l.ok());
  const std::string html = RenderLandscapeHtml(*l, RenderLandscapeDot(*l), "");
  EXPECT_THAT(html, Not(HasSubstr("<script>alert")));
  EXPECT_THAT(
      html,
      HasSubstr("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;quotes&quot;"));
  EXPECT_THAT(html, HasSubstr("JSON /a&lt;b&gt;&quot;c"));
  EXPECT_EQ(HtmlEscape("<a href='x'>&</a>"), "&lt;a href=&#39;x&#39;&gt;&amp;&lt;/a&gt;");
}

TEST(MappingsDoc, SurvivorshipIsReadFromTheConfigurationsXmlSafely) {
  TempDir dir;
  auto missing = ReadSurvivorship((dir.path() / "nope.xml").string());
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  const auto bad =
      dir.Write("bad.xml", "<hub><survivorship><field name=\"x\"/></survivorship></hub>");
  auto no_systems = ReadSurvivorship(bad.string());
  ASSERT_FALSE(no_systems.ok());
  EXPECT_THAT(std::string(no_systems.status().message()), HasSubstr("bad.xml:1: a <survivorship>"));
  const auto entity = dir.Write(
      "entity.xml", "<!DOCTYPE hub [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><hub>&x;</hub>");
  auto refused = ReadSurvivorship(entity.string());
  ASSERT_FALSE(refused.ok());
  EXPECT_THAT(std::string(refused.status().message()), HasSubstr("DOCTYPE"));
}

}  // namespace
}  // namespace omnihub::hubctl
