// Name similarity for candidate matches: the ways one person's name is written differently by
// people and systems agree; household members and hostile text never do.
#include "hub/identity/name_similarity.h"

#include <gtest/gtest.h>

#include <string>

namespace omnihub::hub {
namespace {

std::optional<NameAgreement> Compare(const std::string& query, const std::string& candidate) {
  return CompareNames(NameWords(query), NameWords(candidate));
}

// The evidence lines joined, for readable expectations.
std::string Why(const std::optional<NameAgreement>& agreement) {
  std::string out;
  for (const auto& line : agreement->evidence) out += line + "; ";
  return out;
}

TEST(NameWordsTest, FoldsCaseAccentsScriptsAndPunctuation) {
  EXPECT_EQ(NameWords("Zoë O'Brien-Núñez"),
            (std::vector<std::string>{"ZOE", "O", "BRIEN", "NUNEZ"}));
  EXPECT_EQ(NameWords("  jane   DOE "), (std::vector<std::string>{"JANE", "DOE"}));
}

TEST(NameWordsTest, HostileTextHasNoWords) {
  EXPECT_TRUE(NameWords("").empty());
  EXPECT_TRUE(NameWords("   ").empty());
  EXPECT_TRUE(NameWords("'-.,;!?()&").empty()) << "only punctuation";
  EXPECT_TRUE(NameWords("Jane \xff\xfe Doe").empty()) << "not UTF-8";
  EXPECT_TRUE(NameWords("Jane \xc3").empty()) << "a truncated character";
  EXPECT_TRUE(NameWords(std::string(10 * 1024, 'a')).empty()) << "10 KB";
  EXPECT_TRUE(NameWords(std::string(kMaxNameBytes + 1, 'a')).empty());
  EXPECT_EQ(NameWords(std::string(kMaxNameBytes, 'a')).size(), 1u);
}

TEST(NameWordsTest, KeepsAtMostMaxNameWords) {
  EXPECT_EQ(NameWords("a b c d e f g h i j k l").size(), kMaxNameWords);
}

TEST(NameWordsTest, RightToLeftScriptsAreTransliterated) {
  // Arabic and Hebrew (with right-to-left marks around them) fold to Latin letters, and the same
  // name written twice agrees with itself.
  const std::string arabic =
      "\xe2\x80\x8f\xd9\x85\xd8\xad\xd9\x85\xd8\xaf \xd8\xb9\xd9\x84\xd9\x8a";
  const std::string hebrew = "\xd7\x93\xd7\x95\xd7\x93 \xd7\x9b\xd7\x94\xd7\x9f\xe2\x80\x8e";
  for (const auto& name : {arabic, hebrew}) {
    const auto words = NameWords(name);
    ASSERT_EQ(words.size(), 2u) << name;
    for (const auto& word : words) {
      for (char c : word) EXPECT_TRUE(c >= 'A' && c <= 'Z') << word;
    }
    auto same = CompareNames(words, words);
    ASSERT_TRUE(same) << name;
    EXPECT_DOUBLE_EQ(same->similarity, 1.0);
  }
  EXPECT_FALSE(Compare(arabic, hebrew));
}

TEST(EditDistanceTest, CountsInsertionsDeletionsReplacementsAndSwaps) {
  EXPECT_EQ(EditDistance("JENKINS", "JENKINS", 2), 0u);
  EXPECT_EQ(EditDistance("JENKINS", "JEKNINS", 2), 1u) << "two neighbours swapped";
  EXPECT_EQ(EditDistance("HALL", "HAL", 2), 1u);
  EXPECT_EQ(EditDistance("MOORE", "MOROE", 2), 1u);
  EXPECT_EQ(EditDistance("SMITH", "SMYTHE", 2), 2u);
  EXPECT_EQ(EditDistance("", "ABC", 5), 3u);
  EXPECT_EQ(EditDistance("JOSEPH", "ROBERT", 2), 3u) << "more than max is max + 1";
  EXPECT_EQ(EditDistance("A", "ABCDEF", 2), 3u);
  const std::string long_a(256, 'A'), long_b = std::string(255, 'A') + "B";
  EXPECT_EQ(EditDistance(long_a, long_b, 2), 1u);
}

TEST(CompareNamesTest, TheSameWordsInAnyOrderAndCaseAgreeFully) {
  auto agreement = Compare("Jane Doe", "DOE JANE");
  ASSERT_TRUE(agreement);
  EXPECT_DOUBLE_EQ(agreement->similarity, 1.0);
  EXPECT_EQ(Why(agreement), "'JANE' equal; 'DOE' equal; words in another order; ");
}

TEST(CompareNamesTest, AccentsAreFolded) {
  auto agreement = Compare("Zoë Fisher", "Zoe Fisher");
  ASSERT_TRUE(agreement);
  EXPECT_DOUBLE_EQ(agreement->similarity, 1.0);
}

TEST(CompareNamesTest, ASlipInALongerWordAgreesLessThanEqual) {
  for (const auto& typo : {"JEKNINS LUCAS", "JENKINS LUKAS", "JENKNS LUCAS", "JENNKINS LUCAS"}) {
    auto agreement = Compare("Lucas Jenkins", typo);
    ASSERT_TRUE(agreement) << typo;
    EXPECT_LT(agreement->similarity, 1.0) << typo;
    EXPECT_GT(agreement->similarity, 0.9) << typo;
  }
  EXPECT_EQ(Why(Compare("Lucas Jenkins", "JEKNINS LUCAS")),
            "'LUCAS' equal; 'JENKINS' is one slip from 'JEKNINS'; words in another order; ");
  EXPECT_TRUE(Compare("Emma Hall", "HAL EMMA")) << "a dropped letter leaves three";
  EXPECT_TRUE(Compare("Alexandra Richardson", "Alexandra Rihcadrson"))
      << "two slips in a long word";
  EXPECT_FALSE(Compare("Sam Lee", "Sam Leo")) << "three-letter words are other names";
  EXPECT_FALSE(Compare("Jane Smith", "Jane Smythe")) << "two slips in a short word";
}

TEST(CompareNamesTest, AnInitialAgreesWithTheWholeGivenName) {
  auto agreement = Compare("J. Doe", "Jane Doe");
  ASSERT_TRUE(agreement);
  EXPECT_LT(agreement->similarity, Compare("Jane Doee", "Jane Doe")->similarity);
  EXPECT_EQ(Why(agreement), "'J' is the initial of 'JANE'; 'DOE' equal; ");
  EXPECT_EQ(Why(Compare("Jane Doe", "DOE J")),
            "'J' is the initial of 'JANE'; 'DOE' equal; words in another order; ");
  EXPECT_FALSE(Compare("J. D.", "Jane Doe")) << "initials alone are no evidence";
  EXPECT_FALSE(Compare("K. Doe", "Jane Doe"));
}

TEST(CompareNamesTest, WordsWrittenAsOneOrApartAgree) {
  auto agreement = Compare("Helen O'Brien", "OBRIEN HELEN");
  ASSERT_TRUE(agreement);
  EXPECT_GT(agreement->similarity, 0.9);
  EXPECT_EQ(Why(agreement),
            "'HELEN' equal; 'OBRIEN' is 'O BRIEN' written as one word; words in another order; ");
  EXPECT_TRUE(Compare("Anna Smith-Jones", "Anna Smithjones"));
  EXPECT_TRUE(Compare("Mary MacDonald", "Mary Mac Donald"));
}

TEST(CompareNamesTest, AMiddleNameOrSecondSurnameOnOneSideStillAgrees) {
  auto middle = Compare("Jane Doe", "Jane Mary Doe");
  ASSERT_TRUE(middle);
  EXPECT_LT(middle->similarity, 1.0);
  EXPECT_EQ(Why(middle), "'JANE' equal; 'DOE' equal; 'MARY' only in one name; ");
  // A double-barrelled surname after marriage, against the maiden name.
  EXPECT_TRUE(Compare("Anna Smith-Jones", "Anna Smith"));
}

TEST(CompareNamesTest, HouseholdMembersNeverAgree) {
  EXPECT_FALSE(Compare("John Doe", "Jane Doe")) << "a shared surname alone";
  EXPECT_FALSE(Compare("Joseph Roberts", "Robert Roberts")) << "a word agrees only once";
  EXPECT_FALSE(Compare("Robert Roberts", "Joseph Roberts"));
  EXPECT_FALSE(Compare("Thomas Thomas", "Grace Thomas"));
  EXPECT_FALSE(Compare("O'BRIEN BENJAMIN", "Helen O'Brien")) << "'O' and 'BRIEN' are one surname";
  EXPECT_FALSE(Compare("Jane Doe", "Doe")) << "a surname alone";
}

TEST(CompareNamesTest, AOneWordQueryFindsTheNamesWithThatWord) {
  auto agreement = Compare("Doe", "Jane Doe");
  ASSERT_TRUE(agreement);
  EXPECT_LT(agreement->similarity, 1.0);
  EXPECT_FALSE(Compare("J", "Jane Doe")) << "an initial alone";
}

TEST(CompareNamesTest, NamesWithoutWordsNeverAgree) {
  EXPECT_FALSE(Compare("", "Jane Doe"));
  EXPECT_FALSE(Compare("Jane Doe", ""));
  EXPECT_FALSE(Compare("'-.", "'-."));
  EXPECT_FALSE(Compare(std::string(10 * 1024, 'a'), std::string(10 * 1024, 'a')));
  EXPECT_FALSE(Compare("Jane \xff Doe", "Jane \xff Doe"));
}

}  // namespace
}  // namespace omnihub::hub
