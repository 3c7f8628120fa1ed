// hubctl mappings test: the repository's golden samples pass; a sample that does not match fails
// with a field-level diff; the sample folder's mistakes (no expected result, a stray file, an
// operation the system lacks, a broken expected file, missing child rows) are failures that
// say what to do.
#include "tools/hubctl/mapping_samples.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/mapping_tools/temp_dir.h"

namespace omnihub::hubctl {
namespace {

namespace fs = std::filesystem;
using test_support::TempDir;
using ::testing::HasSubstr;
using Outcome = SampleResult::Outcome;

constexpr char kShop[] =
    R"(<system xmlns="urn:omnihub:mapping:v1" name="shop" connector="http-json">
  <settings>
    <endpoint url="http://127.0.0.1:8081"/>
  </settings>
  <operation name="get-customer">
    <request method="GET" path="/customers/{account_id}.json"/>
    <response root="/customer">
      <field target="customer.email" source="/email"><transform name="email"/></field>
      <field target="customer.given_name" source="/first"/>
    </response>
  </operation>
  <operation name="search-customers">
    <request method="GET" path="/customers/search.json"/>
    <response root="/customers">
      <field target="customer.given_name" source="/first"/>
    </response>
  </operation>
</system>
)";

constexpr char kCustomer[] = R"({"customer": {"email": "Jane.Doe@Example.COM", "first": "Jane"}})";

std::vector<SampleResult> RunSamples(const TempDir& dir) {
  auto workspace = FindMappingFiles(dir.path());
  EXPECT_TRUE(workspace.ok()) << workspace.status();
  const CheckReport report = CheckMappings(*workspace);
  EXPECT_TRUE(report.ok()) << mapping::engine::FormatDiagnostics(report.diagnostics);
  return RunGoldenSamples(report);
}

TEST(GoldenSamples, EveryRepositorySamplePasses) {
  auto workspace = FindMappingFiles(OMNIHUB_MAPPINGS_DIR);
  ASSERT_TRUE(workspace.ok());
  const CheckReport report = CheckMappings(*workspace);
  const std::vector<SampleResult> results = RunGoldenSamples(report);
  std::set<std::string> systems;
  int passed = 0;
  for (const SampleResult& r : results) {
    EXPECT_NE(r.outcome, Outcome::kFailed) << r.file << ":\n" << r.detail;
    if (r.outcome == Outcome::kPassed) {
      ++passed;
      systems.insert(r.system);
    }
  }
  EXPECT_GE(passed, 12);
  // JSON bodies, SQL rows, recorded screens and XML answers are all exercised.
  EXPECT_THAT(systems, ::testing::IsSupersetOf({"ecommerce", "erp", "mainframe", "payment"}));
}

TEST(GoldenSamples, AMatchingSamplePassesInBothExpectedForms) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/get-customer.json", kCustomer);
  dir.Write("systems/shop/samples/get-customer.expected.txtpb",
            "# proto-message: omnihub.v1.Customer\n"
            "given_name: \"Jane\"\nemail: \"jane.doe@example.com\"\n");
  dir.Write("systems/shop/samples/search-customers/two.json",
            R"({"customers": [{"first": "Ann"}, {"first": "Bo"}]})");
  dir.Write("systems/shop/samples/search-customers/two.expected.json",
            R"([{"givenName": "Ann"}, {"givenName": "Bo"}])");
  const auto results = RunSamples(dir);
  ASSERT_EQ(results.size(), 2u);
  for (const auto& r : results) EXPECT_EQ(r.outcome, Outcome::kPassed) << r.file << r.detail;
  EXPECT_EQ(results[1].operation, "search-customers");
}

TEST(GoldenSamples, AMismatchFailsWithAFieldLevelDiff) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/get-customer.json", kCustomer);
  dir.Write("systems/shop/samples/get-customer.expected.txtpb",
            "given_name: \"Janet\"\nemail: \"jane.doe@example.com\"\nphone: \"+447700900123\"\n");
  const auto results = RunSamples(dir);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::kFailed);
  EXPECT_THAT(results[0].detail, HasSubstr("modified: given_name: \"Janet\" -> \"Jane\""));
  EXPECT_THAT(results[0].detail, HasSubstr("deleted: phone: \"+447700900123\""));
  EXPECT_THAT(results[0].actual, HasSubstr("given_name: \"Jane\""));
}

TEST(GoldenSamples, ADifferentNumberOfRecordsIsSaidAndEachRecordIsNamed) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/search-customers.json",
            R"({"customers": [{"first": "Ann"}, {"first": "Bo"}]})");
  dir.Write("systems/shop/samples/search-customers.expected.json",
            R"([{"givenName": "Ann"}, {"givenName": "Bob"}, {"givenName": "Cy"}])");
  const auto results = RunSamples(dir);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::kFailed);
  EXPECT_THAT(results[0].detail, HasSubstr("expected 3 records, the mapping gave 2"));
  EXPECT_THAT(results[0].detail, HasSubstr("record 2: modified: given_name: \"Bob\" -> \"Bo\""));
}

TEST(GoldenSamples, MistakesInTheSamplesFolderSayWhatToDo) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/get-customer.json", kCustomer);  // no expected result
  dir.Write("systems/shop/samples/get-custmer.json", kCustomer);
  dir.Write("systems/shop/samples/get-custmer.expected.txtpb", "");
  dir.Write("systems/shop/samples/search-customers.json", R"({"customers": []})");
  dir.Write("systems/shop/samples/search-customers.expected.txtpb", "given_name: 12 13\n");
  dir.Write("systems/shop/samples/get-customer.expectd.txtpb", "");
  const auto results = RunSamples(dir);
  std::map<std::string, std::string> detail;
  for (const auto& r : results) {
    EXPECT_EQ(r.outcome, Outcome::kFailed) << r.file;
    detail[r.file.filename().string()] = r.detail;
  }
  EXPECT_THAT(detail["get-customer.json"], HasSubstr("no expected result: write "
                                                     "get-customer.expected.txtpb"));
  EXPECT_THAT(detail["get-custmer.json"],
              HasSubstr("has no operation 'get-custmer' (it has get-customer, search-customers)"));
  EXPECT_THAT(detail["search-customers.json"],
              HasSubstr("search-customers.expected.txtpb: line 1:"));
  EXPECT_THAT(detail["get-customer.expectd.txtpb"], HasSubstr("not a sample file"));
}

TEST(GoldenSamples, AMappingErrorIsAFailureNamingTheField) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/get-customer.json", R"({"customer": {"email": ["x"]}})");
  dir.Write("systems/shop/samples/get-customer.expected.txtpb", "");
  const auto results = RunSamples(dir);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::kFailed);
  EXPECT_THAT(results[0].detail, HasSubstr("the mapping failed (INVALID_ARGUMENT)"));
  EXPECT_THAT(results[0].detail, HasSubstr("customer.email <- /email"));
}

TEST(GoldenSamples, ASampleMayExpectAnError) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  dir.Write("systems/shop/samples/get-customer/array-email.json",
            R"({"customer": {"email": ["x"]}})");
  dir.Write("systems/shop/samples/get-customer/array-email.expected-error.txt",
            "INVALID_ARGUMENT customer.email <- /email\n");
  dir.Write("systems/shop/samples/get-customer/wrong-code.json", R"({"customer": {"email": []}})");
  dir.Write("systems/shop/samples/get-customer/wrong-code.expected-error.txt", "NOT_FOUND");
  dir.Write("systems/shop/samples/get-customer/no-error.json", kCustomer);
  dir.Write("systems/shop/samples/get-customer/no-error.expected-error.txt", "NOT_FOUND");
  dir.Write("systems/shop/samples/get-customer/typo.json", kCustomer);
  dir.Write("systems/shop/samples/get-customer/typo.expected-error.txt", "NOT_FUOND");
  std::map<std::string, SampleResult> by_name;
  for (auto& r : RunSamples(dir)) by_name[r.file.stem().string()] = r;
  EXPECT_EQ(by_name["array-email"].outcome, Outcome::kPassed) << by_name["array-email"].detail;
  EXPECT_THAT(by_name["wrong-code"].detail,
              HasSubstr("expected the error NOT_FOUND, got INVALID_ARGUMENT: "));
  EXPECT_THAT(by_name["no-error"].detail,
              HasSubstr("expected the error NOT_FOUND, the mapping gave 1 record(s)"));
  EXPECT_THAT(by_name["typo"].detail, HasSubstr("must be a status code"));
  for (const char* name : {"wrong-code", "no-error", "typo"}) {
    EXPECT_EQ(by_name[name].outcome, Outcome::kFailed) << name;
  }
}

TEST(GoldenSamples, SqlRowsWithChildStatementsJoinOnTheirKey) {
  TempDir dir;
  fs::copy_file(fs::path(OMNIHUB_EXAMPLES_DIR) / "orders-odbc.xml", dir.path() / "shop-erp.xml");
  dir.Write("shop-erp/samples/list-orders.csv",
            "order_id,order_number,status,placed_at,total_minor\n"
            "1,W1,S,20240301101500,1299\n2,W2,O,20240302101500,\n");
  dir.Write("shop-erp/samples/list-orders.lines.csv",
            "order_ref,sku,qty,price\n1,SKU-1,2,500\n1,SKU-2,1,299\n3,SKU-9,1,1\n");
  dir.Write("shop-erp/samples/list-orders.expected.txtpb",
            R"(# proto-message: omnihub.v1.ListOrdersResponse
orders {
  order_id: "1" order_number: "W1" status: ORDER_STATUS_SHIPPED
  placed_at { seconds: 1709288100 }
  total { currency_code: "GBP" amount_minor: 1299 }
  lines { sku: "SKU-1" quantity: 2 unit_price { currency_code: "GBP" amount_minor: 500 } }
  lines { sku: "SKU-2" quantity: 1 unit_price { currency_code: "GBP" amount_minor: 299 } }
  source_system: "shop-erp"
}
orders {
  order_id: "2" order_number: "W2" status: ORDER_STATUS_PLACED
  placed_at { seconds: 1709374500 }
  source_system: "shop-erp"
}
)");
  const auto results = RunSamples(dir);
  ASSERT_EQ(results.size(), 1u);
  EXPECT_EQ(results[0].outcome, Outcome::kPassed) << results[0].detail << results[0].actual;

  fs::remove(dir.path() / "shop-erp/samples/list-orders.lines.csv");
  const auto without_lines = RunSamples(dir);
  ASSERT_EQ(without_lines.size(), 1u);
  EXPECT_EQ(without_lines[0].outcome, Outcome::kFailed);
  EXPECT_THAT(without_lines[0].detail, HasSubstr("lines"));
}

TEST(GoldenSamples, ASystemWithoutSamplesGivesNoResult) {
  TempDir dir;
  dir.Write("systems/shop.xml", kShop);
  EXPECT_TRUE(RunSamples(dir).empty());
}

}  // namespace
}  // namespace omnihub::hubctl
