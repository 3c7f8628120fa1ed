// The list `hubctl cache warm` reads: one customer reference per line; hostile lines are reported
// with their number and skipped.
#include <gtest/gtest.h>

#include <sstream>

#include "tools/hubctl/cache_warm.h"

namespace omnihub::hubctl {
namespace {

WarmFile Parse(const std::string& text) {
  std::istringstream in(text);
  return ParseWarmFile(in);
}

TEST(WarmFileTest, ReadsEveryReferenceSyntaxAndSkipsCommentsAndBlankLines) {
  auto file = Parse(
      "# today's callers\n"
      "\n"
      "email jane.doe@example.com\n"
      "  --phone 07700 900123  \r\n"
      "--twitter=@janedoe\n"
      "account erp:C001234\n"
      "id C-0123456789abcdef\n"
      "address 1 Park Row, Leeds LS1 4AB\n");
  ASSERT_TRUE(file.problems.empty()) << file.problems.front();
  ASSERT_EQ(file.entries.size(), 6u);
  EXPECT_EQ(file.entries[0].line, 3);
  EXPECT_EQ(file.entries[0].ref.identifier().type(), v1::IDENTIFIER_TYPE_EMAIL);
  EXPECT_EQ(file.entries[0].ref.identifier().value(), "jane.doe@example.com");
  EXPECT_EQ(file.entries[1].ref.identifier().value(), "07700 900123") << "spaces inside kept";
  EXPECT_EQ(file.entries[2].ref.identifier().type(), v1::IDENTIFIER_TYPE_TWITTER_HANDLE);
  EXPECT_EQ(file.entries[3].ref.identifier().system(), "erp");
  EXPECT_EQ(file.entries[3].ref.identifier().value(), "C001234");
  EXPECT_EQ(file.entries[4].ref.customer_id(), "C-0123456789abcdef");
  EXPECT_EQ(file.entries[5].ref.identifier().value(), "1 Park Row, Leeds LS1 4AB");
}

TEST(WarmFileTest, ReportsBadLinesWithTheirNumberAndGoesOn) {
  auto file = Parse(
      "jane.doe@example.com\n"           // 1: no kind
      "email\n"                          // 2: no value
      "colour blue\n"                    // 3: unknown kind
      "account erp\n"                    // 4: not SYSTEM:NUMBER
      "--=x\n"                           // 5: empty kind
      + std::string(5000, 'a') + "\n" +  // 6: too long
      "email jane.doe@example.com\n"     // 7: fine
      "\xff\xfe binary\n");              // 8: unknown kind
  ASSERT_EQ(file.entries.size(), 1u);
  EXPECT_EQ(file.entries[0].line, 7);
  ASSERT_EQ(file.problems.size(), 7u);
  for (size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(file.problems[i].rfind("line " + std::to_string(i + 1) + ": ", 0), 0u)
        << file.problems[i];
  }
  EXPECT_NE(file.problems[1].find("no value"), std::string::npos) << file.problems[1];
  EXPECT_NE(file.problems[2].find("unknown kind 'colour'"), std::string::npos) << file.problems[2];
  EXPECT_NE(file.problems[3].find("SYSTEM:NUMBER"), std::string::npos) << file.problems[3];
  EXPECT_NE(file.problems[5].find("longer than 4096 bytes"), std::string::npos);
  EXPECT_EQ(file.problems[6].rfind("line 8: ", 0), 0u);
}

TEST(WarmFileTest, AnEmptyFileHasNothingToWarm) {
  auto file = Parse("");
  EXPECT_TRUE(file.entries.empty());
  EXPECT_TRUE(file.problems.empty());
}

}  // namespace
}  // namespace omnihub::hubctl
