#include "adapters/mapping/args.h"
#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using namespace testing_util;  // NOLINT: test helpers

const std::string kLong(100000, 'x');
const std::string kBadUtf8 =
    "ab\xff"
    "cd";
const std::string kTruncatedUtf8 = "caf\xc3";
const std::string kOverlong = "\xc0\xaf";

std::vector<Case> TextCases() {
  return {
      // trim
      Ok("trim_both", {"trim"}, T("  a b \t\r\n"), T("a b")),
      Ok("trim_left", {"trim", {{"side", "left"}}}, T("  a  "), T("a  ")),
      Ok("trim_right", {"trim", {{"side", "right"}}}, T("  a  "), T("  a")),
      Ok("trim_empty", {"trim"}, T(""), T("")),
      Ok("trim_all_space", {"trim"}, T("     "), T("")),
      Ok("trim_null", {"trim"}, kNull, kNull),
      Ok("trim_keeps_nbsp", {"trim"}, T("\xc2\xa0x\xc2\xa0"), T("\xc2\xa0x\xc2\xa0")),
      Ok("trim_long", {"trim"}, T(" " + kLong + " "), T(kLong)),
      Err("trim_bad_utf8", {"trim"}, T(kBadUtf8),
          "text is not valid UTF-8 (byte 0xff at offset 2): 'ab\\xffcd'"),
      Err("trim_truncated_utf8", {"trim"}, T(kTruncatedUtf8), "byte 0xc3 at offset 3"),
      Err("trim_overlong_utf8", {"trim"}, T(kOverlong), "byte 0xc0 at offset 0"),
      Err("trim_integer", {"trim"}, I(5), "expects text, got integer '5'"),
      // upper / lower / title
      Ok("upper_ascii", {"upper"}, T("jane.doe-1"), T("JANE.DOE-1")),
      Ok("upper_latin1", {"upper"}, T("josé müller"), T("JOSÉ MÜLLER")),
      Ok("upper_keeps_sharp_s", {"upper"}, T("straße"), T("STRAßE")),
      Ok("upper_other_scripts_pass", {"upper"}, T("żółw Ωmega 日本"), T("żÓłW ΩMEGA 日本")),
      Ok("lower_ascii", {"lower"}, T("JANE DOE"), T("jane doe")),
      Ok("lower_latin1", {"lower"}, T("ÉLODIE ÇA"), T("élodie ça")),
      Ok("lower_keeps_multiplication", {"lower"}, T("A×B"), T("a×b")),
      Ok("title_words", {"title"}, T("JANE MARY-ANN O'BRIEN"), T("Jane Mary-Ann O'Brien")),
      Ok("title_digits", {"title"}, T("3RD FLOOR, 10 DOWNING st"), T("3rd Floor, 10 Downing St")),
      Ok("title_latin1", {"title"}, T("ÉLODIE ÅSA"), T("Élodie Åsa")),
      Ok("title_empty", {"title"}, T(""), T("")),
      Err("upper_bad_utf8", {"upper"}, T(kBadUtf8), "not valid UTF-8"),
      Err("title_decimal", {"title"}, D(5, 1), "expects text, got decimal '0.5'"),
      Ok("upper_null", {"upper"}, kNull, kNull),
      // collapse-spaces
      Ok("collapse", {"collapse-spaces"}, T("  12   HIGH\t\tSTREET \n "), T("12 HIGH STREET")),
      Ok("collapse_empty", {"collapse-spaces"}, T("   "), T("")),
      Err("collapse_bad_utf8", {"collapse-spaces"}, T(kBadUtf8), "not valid UTF-8"),
      // default
      Ok("default_null", {"default", {{"value", "UNKNOWN"}}}, kNull, T("UNKNOWN")),
      Ok("default_empty", {"default", {{"value", "UNKNOWN"}}}, T(""), T("UNKNOWN")),
      Ok("default_blank", {"default", {{"value", "UNKNOWN"}}}, T("   "), T("UNKNOWN")),
      Ok("default_blank_no", {"default", {{"value", "U"}, {"blank", "no"}}}, T("  "), T("  ")),
      Ok("default_present", {"default", {{"value", "UNKNOWN"}}}, T("X"), T("X")),
      Ok("default_non_text_kept", {"default", {{"value", "0"}}}, I(7), I(7)),
      Err("default_bad_utf8", {"default", {{"value", "U"}}}, T(kBadUtf8), "not valid UTF-8"),
      // substring (code points)
      Ok("substring_fixed_width", {"substring", {{"start", "3"}, {"length", "4"}}}, T("ABC1234XYZ"),
         T("1234")),
      Ok("substring_to_end", {"substring", {{"start", "7"}}}, T("ABC1234XYZ"), T("XYZ")),
      Ok("substring_utf8", {"substring", {{"start", "1"}, {"length", "3"}}}, T("éàüöx"), T("àüö")),
      Ok("substring_short_record", {"substring", {{"start", "8"}, {"length", "5"}}},
         T("ABC1234XYZ"), T("YZ")),
      Ok("substring_beyond_end", {"substring", {{"start", "80"}, {"length", "5"}}}, T("ABC"),
         T("")),
      Ok("substring_long", {"substring", {{"start", "99990"}}}, T(kLong), T("xxxxxxxxxx")),
      Err("substring_bad_utf8", {"substring", {{"start", "1"}}}, T(kBadUtf8), "not valid UTF-8"),
      // pad
      Ok("pad_left_aligned", {"pad", {{"width", "6"}}}, T("AB"), T("AB    ")),
      Ok("pad_zero_right_aligned", {"pad", {{"width", "8"}, {"align", "right"}, {"char", "0"}}},
         T("1234"), T("00001234")),
      Ok("pad_utf8_counts_characters", {"pad", {{"width", "4"}, {"char", "."}}}, T("éé"),
         T("éé..")),
      Ok("pad_exact", {"pad", {{"width", "2"}}}, T("AB"), T("AB")),
      Ok("pad_truncate_left", {"pad", {{"width", "3"}, {"truncate", "yes"}}}, T("ABCDE"), T("ABC")),
      Ok("pad_truncate_right", {"pad", {{"width", "3"}, {"align", "right"}, {"truncate", "yes"}}},
         T("12345"), T("345")),
      Err("pad_too_long", {"pad", {{"width", "3"}}}, T("ABCDE"),
          "'ABCDE' is 5 characters, longer than the field width 3 (add truncate=\"yes\" to cut "
          "it)"),
      // concat with one input
      Ok("concat_single", {"concat"}, T("a"), T("a")),
      Ok("concat_single_integer", {"concat"}, I(42), T("42")),
      Ok("concat_single_null", {"concat"}, kNull, kNull),
      Err("concat_bad_utf8", {"concat"}, T(kBadUtf8), "not valid UTF-8"),
      // split
      Ok("split_first", {"split", {{"separator", ","}, {"index", "0"}}}, T("Doe,Jane"), T("Doe")),
      Ok("split_second", {"split", {{"separator", ", "}, {"index", "1"}}}, T("Doe, Jane"),
         T("Jane")),
      Ok("split_last", {"split", {{"separator", "/"}, {"index", "-1"}}}, T("a/b/c"), T("c")),
      Ok("split_empty_part", {"split", {{"separator", ";"}, {"index", "1"}}}, T("a;;c"), T("")),
      Err("split_missing_part", {"split", {{"separator", ","}, {"index", "2"}}}, T("Doe,Jane"),
          "'Doe,Jane' has 2 part(s) separated by ',', there is no part 2"),
      Err("split_missing_negative", {"split", {{"separator", ","}, {"index", "-3"}}}, T("a,b"),
          "there is no part -3"),
      // replace
      Ok("replace_all", {"replace", {{"from", "-"}, {"to", ""}}}, T("07700-900-123"),
         T("07700900123")),
      Ok("replace_word", {"replace", {{"from", "ST."}, {"to", "STREET"}}}, T("1 HIGH ST."),
         T("1 HIGH STREET")),
      Ok("replace_absent", {"replace", {{"from", "x"}}}, T("abc"), T("abc")),
      Err("replace_bad_utf8", {"replace", {{"from", "a"}}}, T(kBadUtf8), "not valid UTF-8"),
      // text
      Ok("text_decimal", {"text"}, D(-5, 2), T("-0.05")),
      Ok("text_money", {"text"}, M("JPY", 1200), T("1200 JPY")),
      Ok("text_date", {"text"}, Day(2024, 2, 29), T("2024-02-29")),
      Ok("text_timestamp", {"text"}, Utc(2024, 3, 31, 1, 0, 0, 500000000),
         T("2024-03-31T01:00:00.5Z")),
      Ok("text_bool", {"text"}, B(true), T("true")),
      Ok("text_null", {"text"}, kNull, kNull),
      Err("text_bad_utf8", {"text"}, T(kBadUtf8), "not valid UTF-8"),
  };
}

INSTANTIATE_TEST_SUITE_P(Text, TransformCaseTest, ::testing::ValuesIn(TextCases()), CaseName);

struct CompileCase {
  TransformSpec spec;
  std::string error;
};

TEST(TextCompile, BadArgumentsAreExplained) {
  const CompileCase cases[] = {
      {{"trim", {{"side", "middle"}}},
       "trim: 'side' must be one of both, left, right; got 'middle'"},
      {{"trim", {{"side", "lft"}}},
       "trim: 'side' must be one of both, left, right; got 'lft' — did you mean 'left'?"},
      {{"default"}, "default: the argument 'value' is required"},
      {{"default", {{"value", "x"}, {"blank", "maybe"}}},
       "default: 'blank' must be yes or no, got 'maybe'"},
      {{"default", {{"value", "\xff"}}}, "default: text is not valid UTF-8"},
      {{"substring"},
       "substring: give 'start' (first character, counted from 0), 'length', or both"},
      {{"substring", {{"start", "-1"}}},
       "substring: 'start' must be a whole number from 0 to 1000000, got '-1'"},
      {{"substring", {{"start", "1"}, {"length", "many"}}},
       "substring: 'length' must be a whole number from 0 to 1000000, got 'many'"},
      {{"pad"}, "pad: the argument 'width' is required"},
      {{"pad", {{"width", "0"}}}, "pad: 'width' must be a whole number from 1 to 1000000, got '0'"},
      {{"pad", {{"width", "99999999999999999999999"}}},
       "pad: 'width' must be a whole number from 1 to 1000000, got '99999999999999999999999'"},
      {{"pad", {{"width", "5"}, {"char", "00"}}},
       "pad: 'char' must be one printable ASCII character, got '00'"},
      {{"pad", {{"width", "5"}, {"align", "center"}}},
       "pad: 'align' must be one of left, right; got 'center'"},
      {{"split", {{"index", "1"}}}, "split: the argument 'separator' is required"},
      {{"split", {{"separator", ""}, {"index", "1"}}}, "split: 'separator' must not be empty"},
      {{"split", {{"separator", ","}}},
       "split: the argument 'index' is required (0 = first part, -1 = last part)"},
      {{"replace", {{"to", "x"}}}, "replace: the argument 'from' is required"},
      {{"replace", {{"from", ""}}}, "replace: 'from' must not be empty"},
      {{"concat", {{"skip-empty", "perhaps"}}},
       "concat: 'skip-empty' must be yes or no, got 'perhaps'"},
  };
  for (const CompileCase& c : cases) {
    EXPECT_THAT(CompileError(c.spec), ::testing::StartsWith(c.error)) << c.spec.name;
    EXPECT_FALSE(CompileError(c.spec).empty());
  }
}

TEST(Concat, JoinsSeveralInputs) {
  auto t = CompileTransform({"concat", {{"separator", " "}}});
  ASSERT_TRUE(t.ok());
  const std::vector<Value> parts = {T("12"), T(""), T("High Street"), kNull, I(3)};
  EXPECT_EQ(*(*t)->ApplyMany(parts), T("12 High Street 3"));
  auto keep = CompileTransform({"concat", {{"separator", "|"}, {"skip-empty", "no"}}});
  ASSERT_TRUE(keep.ok());
  EXPECT_EQ(*(*keep)->ApplyMany(parts), T("12||High Street||3"));
  const std::vector<Value> nulls = {kNull, kNull};
  EXPECT_EQ(*(*t)->ApplyMany(nulls), kNull);
  EXPECT_TRUE((*t)->combines());
  const std::vector<Value> bad = {T("ok"), T(kBadUtf8)};
  EXPECT_FALSE((*t)->ApplyMany(bad).ok());
}

// Megabyte inputs stay linear and intact.
TEST(LongText, MegabyteValues) {
  std::string big;
  for (int i = 0; i < 100000; ++i) big += " word\t\t";
  for (const char* name : {"trim", "collapse-spaces", "upper", "title"}) {
    auto t = CompileTransform({name});
    ASSERT_TRUE(t.ok());
    absl::StatusOr<Value> v = (*t)->Apply(T(big));
    ASSERT_TRUE(v.ok()) << name;
    EXPECT_GT(v->text().size(), 400000u) << name;
  }
  auto split = CompileTransform({"split", {{"separator", "\t\t"}, {"index", "-2"}}});
  ASSERT_TRUE(split.ok());
  EXPECT_EQ(*(*split)->Apply(T(big)), T(" word"));
}

TEST(EditDistance, Basics) {
  EXPECT_EQ(EditDistance("uper", "upper"), 1u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(DidYouMean("x", {"y"}), "");
  EXPECT_EQ(DidYouMean("tim", {"trim", "time"}), " — did you mean 'trim'?");
}

TEST(Quote, LongAndBinaryValuesAreCutAndEscaped) {
  auto t = CompileTransform({"pad", {{"width", "3"}}});
  ASSERT_TRUE(t.ok());
  absl::StatusOr<Value> v = (*t)->Apply(T(kLong));
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().message(),
            "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' is 100000 characters, longer than the "
            "field width 3 (add truncate=\"yes\" to cut it)");
  absl::StatusOr<Value> control = (*t)->Apply(T("a\nbcd"));
  ASSERT_FALSE(control.ok());
  EXPECT_THAT(control.status().message(), ::testing::HasSubstr("'a\\x0abcd'"));
}

}  // namespace
}  // namespace omnihub::mapping
