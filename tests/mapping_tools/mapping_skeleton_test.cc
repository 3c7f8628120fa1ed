// hubctl mappings new: each connector's skeleton passes `check` as written, names the system,
// keeps secrets out of the file, marks the decisions with TODO and lists the other operations;
// bad connector types and system names are refused.
#include "tools/hubctl/mapping_skeleton.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/mapping/engine/operation_catalog.h"
#include "tests/mapping_tools/temp_dir.h"
#include "tools/hubctl/mapping_check.h"

namespace omnihub::hubctl {
namespace {

using test_support::TempDir;
using ::testing::HasSubstr;

class SkeletonTest : public ::testing::TestWithParam<std::string> {};

TEST_P(SkeletonTest, PassesCheckAsWritten) {
  const std::string connector = GetParam();
  absl::StatusOr<std::string> text = MappingSkeleton(connector, "new-shop");
  ASSERT_TRUE(text.ok()) << text.status();
  TempDir dir;
  dir.Write("systems/new-shop.xml", *text);
  const CheckReport report = CheckMappings(*FindMappingFiles(dir.path()));
  ASSERT_TRUE(report.ok()) << mapping::engine::FormatDiagnostics(report.diagnostics) << *text;
  ASSERT_EQ(report.systems.size(), 1u);
  EXPECT_EQ(report.systems[0].system->name, "new-shop");
  EXPECT_EQ(report.systems[0].system->connector, connector);
  EXPECT_NE(report.systems[0].system->FindOperation("get-customer"), nullptr);

  EXPECT_THAT(*text, HasSubstr("TODO"));
  EXPECT_THAT(*text, HasSubstr("OMNIHUB_NEW_SHOP_"));  // secrets by environment variable
  for (const std::string& operation : mapping::engine::OperationNames()) {
    EXPECT_THAT(*text, HasSubstr("<operation name=\"" + operation + "\">")) << operation;
  }
}

INSTANTIATE_TEST_SUITE_P(Connectors, SkeletonTest, ::testing::ValuesIn(SkeletonConnectors()),
                         [](const ::testing::TestParamInfo<std::string>& param_info) {
                           std::string name = param_info.param;
                           for (char& c : name) c = c == '-' ? '_' : c;
                           return name;
                         });

TEST(Skeleton, RefusesUnknownConnectorsAndBadNames) {
  auto soap = MappingSkeleton("soap", "shop");
  ASSERT_FALSE(soap.ok());
  EXPECT_THAT(std::string(soap.status().message()),
              HasSubstr("a skeleton is written for http-json, http-xml, odbc, tn3270"));
  for (const std::string& bad :
       std::vector<std::string>{"", "Shop", "1shop", "shop_2", "a\"><x", std::string(64, 'a')}) {
    auto result = MappingSkeleton("odbc", bad);
    EXPECT_FALSE(result.ok()) << bad;
  }
  EXPECT_TRUE(MappingSkeleton("odbc", std::string(63, 'a')).ok());
}

}  // namespace
}  // namespace omnihub::hubctl
