// The landscape file compiler: the shipped mappings/landscape.xml, and every mistake an architect
// can make in one, reported with its line and in their terms.
#include "adapters/mapping/engine/landscape_compiler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace omnihub::mapping::engine {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const std::set<std::string> kSystems = {"ecommerce", "erp", "mainframe", "payment", "pos"};

std::string Landscape(const std::string& rules) {
  return "<?xml version=\"1.0\"?>\n<landscape xmlns=\"urn:omnihub:mapping:v1\">\n"
         "  <survivorship>\n" +
         rules + "  </survivorship>\n</landscape>\n";
}

std::vector<std::string> Messages(const LandscapeResult& result) {
  std::vector<std::string> messages;
  for (const auto& d : result.diagnostics) messages.push_back(d.ToString());
  return messages;
}

TEST(LandscapeCompilerTest, ShippedLandscapeCompilesToTheMergerRules) {
  const auto result =
      CompileLandscapeFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/landscape.xml", kSystems);
  ASSERT_TRUE(result.ok()) << FormatDiagnostics(result.diagnostics);
  const auto& rules = result.landscape->survivorship;
  EXPECT_THAT(rules.at("*"), ElementsAre("erp", "ecommerce", "mainframe"));
  EXPECT_THAT(rules.at("phone"), ElementsAre("ecommerce", "erp", "mainframe"));
  EXPECT_THAT(rules.at("address"), ElementsAre("erp", "mainframe"));
}

TEST(LandscapeCompilerTest, EveryFieldAndEntityIsAccepted) {
  std::string rules;
  for (const auto& field : SurvivorshipFields()) {
    rules += "    <field name=\"" + field + "\" systems=\"erp pos\"/>\n";
  }
  for (const auto& entity : SurvivorshipEntities()) {
    rules += "    <entity name=\"" + entity + "\" systems=\"pos erp\"/>\n";
  }
  const auto result = CompileLandscape(Landscape(rules), "landscape.xml", kSystems);
  ASSERT_TRUE(result.ok()) << FormatDiagnostics(result.diagnostics);
  EXPECT_THAT(result.landscape->survivorship.at("customer_since"), ElementsAre("erp", "pos"));
  EXPECT_THAT(result.landscape->survivorship.at("order"), ElementsAre("pos", "erp"));
  EXPECT_EQ(result.landscape->survivorship.count("*"), 0u);
}

TEST(LandscapeCompilerTest, EveryMistakeIsReportedWithItsLine) {
  const std::string text = Landscape(
      "    <default systems=\"erp erp\"/>\n"                        // line 4
      "    <field name=\"customer.emial\" systems=\"erp\"/>\n"      // line 5
      "    <field name=\"customer.phone\" systems=\"crm erp\"/>\n"  // line 6
      "    <field name=\"customer.phone\" systems=\"erp\"/>\n"      // line 7
      "    <entity name=\"shipment\" systems=\"erp\"/>\n"           // line 8
      "    <field name=\"customer.email\" systems=\"  \"/>\n");     // line 9
  const auto result = CompileLandscape(text, "landscape.xml", kSystems);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(
      Messages(result),
      ElementsAre(
          "landscape.xml:4: survivorship for the default order lists 'erp' twice",
          "landscape.xml:5: unknown canonical field 'customer.emial' — did you mean "
          "'customer.email'?",
          "landscape.xml:6: survivorship for customer.phone names 'crm', which is not a known "
          "system (known: ecommerce, erp, mainframe, payment, pos)",
          "landscape.xml:7: survivorship for customer.phone is given twice",
          HasSubstr("landscape.xml:8: unknown entity 'shipment' (survivorship can rank: order, "
                    "loyalty)"),
          "landscape.xml:9: survivorship for customer.email lists no systems"));
}

TEST(LandscapeCompilerTest, SchemaViolationsAndHostileXmlAreDiagnosedNotFollowed) {
  auto result = CompileLandscape(Landscape("    <winner field=\"phone\"/>\n"), "l.xml", kSystems);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(result.diagnostics[0].ToString(), HasSubstr("l.xml:4"));
  EXPECT_THAT(result.diagnostics[0].message, HasSubstr("winner"));

  result = CompileLandscape(
      "<?xml version=\"1.0\"?>\n<!DOCTYPE landscape [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
      "<landscape xmlns=\"urn:omnihub:mapping:v1\"><survivorship>"
      "<default systems=\"&x;\"/></survivorship></landscape>",
      "l.xml", kSystems);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(FormatDiagnostics(result.diagnostics), ::testing::Not(HasSubstr("root:")));

  result = CompileLandscape("<landscape", "l.xml", kSystems);
  EXPECT_FALSE(result.ok());
  result = CompileLandscape("<system xmlns=\"urn:omnihub:mapping:v1\"/>", "l.xml", kSystems);
  EXPECT_FALSE(result.ok());
}

TEST(LandscapeCompilerTest, WithoutKnownSystemsAnyNameIsAccepted) {
  const auto result =
      CompileLandscape(Landscape("    <default systems=\"crm erp\"/>\n"), "l.xml", {});
  ASSERT_TRUE(result.ok()) << FormatDiagnostics(result.diagnostics);
  EXPECT_THAT(result.landscape->survivorship.at("*"), ElementsAre("crm", "erp"));
}

TEST(LandscapeCompilerTest, AMissingFileIsOneDiagnostic) {
  const auto result = CompileLandscapeFile("/nonexistent/landscape.xml", kSystems);
  ASSERT_FALSE(result.ok());
  EXPECT_THAT(Messages(result),
              ElementsAre("/nonexistent/landscape.xml: cannot read the landscape file"));
  EXPECT_THAT(CompileLandscape(Landscape(""), "l.xml", kSystems).diagnostics, IsEmpty());
}

}  // namespace
}  // namespace omnihub::mapping::engine
