// hubctl mappings test reads recorded SQL rows as CSV: NULL versus empty text, quoting, and the
// malformed files an architect might save from a spreadsheet or a database client.
#include "tools/hubctl/mapping_csv.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "adapters/mapping/engine/table_mapper.h"

namespace omnihub::hubctl {
namespace {

using ::testing::HasSubstr;

TEST(MappingCsv, HeaderNamesTheColumnsAndRowsKeepTextAsWritten) {
  auto table = ParseCsvTable("order_id,qty,note\nSO1, 2 ,plain\nSO2,3,\"a, b\"\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->columns, (std::vector<std::string>{"order_id", "qty", "note"}));
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][1], " 2 ");
  EXPECT_EQ(table->rows[1][2], "a, b");
}

TEST(MappingCsv, UnquotedEmptyIsNullAndQuotedEmptyIsEmptyText) {
  auto table = ParseCsvTable("a,b,c\n,\"\",x\n");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->rows[0][0], std::nullopt);
  EXPECT_EQ(table->rows[0][1], std::optional<std::string>(""));
  EXPECT_EQ(table->rows[0][2], "x");
}

TEST(MappingCsv, DoubledQuotesLineBreaksCrLfAndBom) {
  auto table = ParseCsvTable("\xEF\xBB\xBFid,text\r\n1,\"say \"\"hi\"\"\r\nthen go\"\r\n2,z");
  ASSERT_TRUE(table.ok()) << table.status();
  EXPECT_EQ(table->columns[0], "id");
  ASSERT_EQ(table->rows.size(), 2u);
  EXPECT_EQ(table->rows[0][1], "say \"hi\"\r\nthen go");
  EXPECT_EQ(table->rows[1][1], "z");
}

TEST(MappingCsv, HeaderOnlyIsAnEmptyResult) {
  auto table = ParseCsvTable("a,b\n");
  ASSERT_TRUE(table.ok());
  EXPECT_TRUE(table->rows.empty());
}

TEST(MappingCsv, MalformedFilesNameTheLine) {
  struct Case {
    std::string text;
    std::string message;
  };
  const Case cases[] = {
      {"", "line 1: no header line"},
      {"a,,c\n1,2,3\n", "line 1: column 2 of the header has no name"},
      {"id,ID\n1,2\n", "line 1: column 'ID' is named twice"},
      {"a,b\n1,\"open\n2,3\n", "line 2: a quoted field is never closed"},
      {"a,b\n1,\"x\"y\n", "line 2: text after a closing quote"},
      {"a,b\n1,x\"y\n", "line 2: a quote inside an unquoted field"},
      {"a,b\n1,2\n1,2,3\n", "line 3: 3 fields, but the header names 2 columns"},
      {"a,b\n1\n", "line 2: 1 fields, but the header names 2 columns"},
  };
  for (const Case& c : cases) {
    auto table = ParseCsvTable(c.text);
    ASSERT_FALSE(table.ok()) << c.text;
    EXPECT_EQ(table.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_THAT(std::string(table.status().message()), HasSubstr(c.message)) << c.text;
  }
}

TEST(MappingCsv, OversizedFilesAndTooManyRowsAreRefused) {
  std::string huge(kMaxCsvBytes + 1, 'x');
  auto table = ParseCsvTable(huge);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("at most"));

  std::string many = "a\n";
  for (size_t i = 0; i <= mapping::engine::kMaxTableRows; ++i) many += "1\n";
  table = ParseCsvTable(many);
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("more than 100000 rows"));
}

TEST(MappingCsv, BinaryBytesArePassedOnForTheMapperToRefuse) {
  auto table = ParseCsvTable(std::string("a\n\xff\xfe\n", 5));
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->rows[0][0], std::string("\xff\xfe"));
}

}  // namespace
}  // namespace omnihub::hubctl
