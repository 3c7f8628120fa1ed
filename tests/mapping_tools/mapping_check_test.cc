// hubctl mappings check: every problem of every file, each as file:line:column, for the broken
// corpus of the mapping engine's tests (tests/mapping_engine/broken, each file's first line says
// what it must give) and for problems between files.
#include "tools/hubctl/mapping_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>

#include "tests/mapping_tools/temp_dir.h"

namespace omnihub::hubctl {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using ::testing::HasSubstr;

constexpr char kShop[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings>
    <endpoint url="http://127.0.0.1:8081"/>
  </settings>
  <operation name="get-customer">
    <request method="GET" path="/customers/{account_id}.json"/>
    <response root="/customer">
      <field target="customer.email" source="/email"/>
    </response>
  </operation>
</system>
)";

TEST(MappingsCheck, TheRepositorysMappingsHaveNoProblem) {
  auto workspace = FindMappingFiles(OMNIHUB_MAPPINGS_DIR);
  ASSERT_TRUE(workspace.ok()) << workspace.status();
  const CheckReport report = CheckMappings(*workspace);
  EXPECT_TRUE(report.ok()) << mapping::engine::FormatDiagnostics(report.diagnostics);
  EXPECT_GE(report.systems.size(), 3u);
}

TEST(MappingsCheck, EveryBrokenFileGivesItsExpectedMessageAtItsLineAndNothingStopsEarly) {
  auto workspace = FindMappingFiles(OMNIHUB_BROKEN_DIR);
  ASSERT_TRUE(workspace.ok()) << workspace.status();
  const CheckReport report = CheckMappings(*workspace);
  EXPECT_FALSE(report.ok());
  EXPECT_TRUE(report.systems.empty());
  EXPECT_EQ(report.files_checked, static_cast<int>(workspace->system_files.size()));
  // Every broken file has at least one problem: one bad file does not hide the next.
  EXPECT_EQ(report.files_with_problems(), report.files_checked);

  static const std::regex kExpect(R"(<!-- expect line (\d+): (.*) -->)");
  for (const fs::path& file : workspace->system_files) {
    std::ifstream in(file);
    std::string first;
    std::getline(in, first);
    std::smatch m;
    ASSERT_TRUE(std::regex_match(first, m, kExpect)) << file;
    const std::string location = file.string() + ":" + m[1].str() + ":";
    bool found = false;
    for (const auto& d : report.diagnostics) {
      const std::string text = d.ToString();
      found = found || (text.rfind(location, 0) == 0 && text.find(m[2].str()) != std::string::npos);
    }
    EXPECT_TRUE(found) << "expected " << location << " ... " << m[2].str();
  }
}

TEST(MappingsCheck, AllProblemsOfOneFileAreReported) {
  TempDir dir;
  std::string text = kShop;
  text.replace(text.find("customer.email"), 14, "customer.emial");
  text.replace(text.find("    </response>"), 0,
               "      <field target=\"customer.given_name\" source=\"first\"/>\n");
  dir.Write("systems/shop.xml", text);
  const CheckReport report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_EQ(report.diagnostics.size(), 2u)
      << mapping::engine::FormatDiagnostics(report.diagnostics);
  EXPECT_THAT(report.diagnostics[0].ToString(), HasSubstr("shop.xml:8:7: "));
  EXPECT_THAT(report.diagnostics[1].ToString(), HasSubstr("shop.xml:9:7: "));
  const std::string all = mapping::engine::FormatDiagnostics(report.diagnostics);
  EXPECT_THAT(all, HasSubstr("did you mean customer.email?"));
  EXPECT_THAT(all, HasSubstr("must start with '/'"));
}

TEST(MappingsCheck, TwoFilesForOneSystemIsAProblem) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop-copy.xml", kShop);
  const CheckReport report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_EQ(report.diagnostics.size(), 1u);
  EXPECT_THAT(report.diagnostics[0].ToString(),
              HasSubstr("shop.xml: system 'shop' is already declared by"));
  EXPECT_EQ(report.systems.size(), 1u);
}

TEST(MappingsCheck, TheLandscapeFileIsCompiledAgainstTheSystemsOfTheWorkspace) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("landscape.xml", "<landscape>\n  <survivorship>\n</landscape>\n");
  CheckReport report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_FALSE(report.ok());
  EXPECT_THAT(report.diagnostics[0].ToString(), HasSubstr("landscape.xml:3:"));
  EXPECT_FALSE(report.landscape.has_value());

  const std::string open = "<landscape xmlns=\"urn:omnihub:mapping:v1\">\n  <survivorship>\n";
  dir.Write("landscape.xml", open +
                                 "    <field name=\"customer.phon\" systems=\"shop\"/>\n"
                                 "    <default systems=\"shop erp\"/>\n"
                                 "  </survivorship>\n</landscape>\n");
  report = CheckMappings(*FindMappingFiles(dir.path()));
  // The schema wants <default> first; the meaning is checked only once the structure is right.
  ASSERT_EQ(report.diagnostics.size(), 1u)
      << mapping::engine::FormatDiagnostics(report.diagnostics);
  EXPECT_THAT(report.diagnostics[0].ToString(),
              HasSubstr("landscape.xml:4: Element 'default': This element is not expected"));

  dir.Write("landscape.xml", open +
                                 "    <default systems=\"shop erp\"/>\n"
                                 "    <field name=\"customer.phon\" systems=\"shop\"/>\n"
                                 "  </survivorship>\n</landscape>\n");
  report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_EQ(report.diagnostics.size(), 2u)
      << mapping::engine::FormatDiagnostics(report.diagnostics);
  EXPECT_THAT(report.diagnostics[0].ToString(),
              HasSubstr("landscape.xml:3: survivorship for the default order names 'erp', which "
                        "is not a known system (known: shop)"));
  EXPECT_THAT(report.diagnostics[1].ToString(),
              HasSubstr("landscape.xml:4: unknown canonical field 'customer.phon' — did you mean "
                        "'customer.phone'?"));

  dir.Write("landscape.xml", open +
                                 "    <default systems=\"shop\"/>\n"
                                 "  </survivorship>\n</landscape>\n");
  report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_TRUE(report.ok()) << mapping::engine::FormatDiagnostics(report.diagnostics);
  ASSERT_TRUE(report.landscape.has_value());
  EXPECT_EQ(report.landscape->survivorship.at("*"), std::vector<std::string>{"shop"});
}

TEST(MappingsWorkspace, FindsSystemsFolderPlainFolderOrOneFile) {
  TempDir dir;
  const fs::path file = dir.Write("flat/shop.xml", kShop);
  dir.Write("flat/notes.txt", "not a mapping");
  auto flat = FindMappingFiles(dir.path() / "flat");
  ASSERT_TRUE(flat.ok());
  EXPECT_EQ(flat->system_files, std::vector<fs::path>{file});
  auto one = FindMappingFiles(file);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->system_files.size(), 1u);

  auto missing = FindMappingFiles(dir.path() / "nowhere");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  auto empty = FindMappingFiles(dir.path() / "flat" / "..");
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kNotFound);
  auto not_xml = FindMappingFiles(dir.path() / "flat" / "notes.txt");
  EXPECT_EQ(not_xml.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace omnihub::hubctl
