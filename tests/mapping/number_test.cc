#include "absl/strings/str_cat.h"
#include "adapters/mapping/number_parsing.h"
#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using namespace testing_util;  // NOLINT: test helpers

const std::string k500Digits(500, '9');
const std::string k500Zeros = std::string(497, '0') + "123";

std::vector<Case> NumberCases() {
  const TransformSpec integer{"integer"};
  const TransformSpec decimal{"decimal"};
  const TransformSpec pic{"implied-decimal", {{"pic", "9(7)V99"}}};
  const TransformSpec gbp{"money", {{"currency", "GBP"}}};
  return {
      // integer
      Ok("int_plain", integer, T("42"), I(42)),
      Ok("sign_negative_integer", {"sign", {{"to", "negative"}}}, I(3), I(-3)),
      Ok("sign_negative_already", {"sign", {{"to", "negative"}}}, I(-3), I(-3)),
      Ok("sign_positive_money", {"sign", {{"to", "positive"}}}, M("GBP", -1999), M("GBP", 1999)),
      Ok("sign_negative_decimal", {"sign", {{"to", "negative"}}}, D(1230, 2), D(-1230, 2)),
      Ok("sign_null", {"sign", {{"to", "negative"}}}, kNull, kNull),
      Err("sign_text", {"sign", {{"to", "negative"}}}, T("12"),
          "expects an integer, decimal or money, got text"),
      Err("sign_int64_min", {"sign", {{"to", "positive"}}}, I(INT64_MIN), "too large"),
      Ok("int_negative", integer, T("-42"), I(-42)),
      Ok("int_plus", integer, T("+42"), I(42)),
      Ok("int_spaces", integer, T("  0042 "), I(42)),
      Ok("int_max", integer, T("9223372036854775807"), I(INT64_MAX)),
      Ok("int_min", integer, T("-9223372036854775808"), I(INT64_MIN)),
      Ok("int_thousands", {"integer", {{"thousands", ","}}}, T("1,234,567"), I(1234567)),
      Ok("int_leading_zeros_500", integer, T(k500Zeros), I(123)),
      Ok("int_from_integer", integer, I(5), I(5)),
      Ok("int_from_whole_decimal", integer, D(1200, 2), I(12)),
      Ok("int_null", integer, kNull, kNull),
      Err("int_overflow", integer, T("9223372036854775808"),
          "'9223372036854775808' is too large: numbers must lie within ±9223372036854775807 (19 "
          "digits)"),
      Err("int_underflow", integer, T("-9223372036854775809"), "is too large"),
      Err("int_500_digits", integer, T(k500Digits),
          "'9999999999999999999999999999999999999999…' is too large"),
      Err("int_empty", integer, T(""), "'' is not a whole number"),
      Err("int_sign_only", integer, T("-"), "'-' is not a whole number"),
      Err("int_decimal_point", integer, T("1.5"), "'1.5' is not a whole number"),
      Err("int_letters", integer, T("12a"), "'12a' is not a whole number"),
      Err("int_inner_space", integer, T("1 2"), "'1 2' is not a whole number"),
      Err("int_double_thousands", {"integer", {{"thousands", ","}}}, T("1,,234"),
          "is not a whole number"),
      Err("int_trailing_thousands", {"integer", {{"thousands", ","}}}, T("1,"),
          "is not a whole number"),
      Err("int_fractional_decimal", integer, D(1250, 2), "12.50 is not a whole number"),
      Err("int_bad_utf8", integer, T("1\xff"), "not valid UTF-8"),
      Err("int_from_bool", integer, B(true), "expects text, got boolean 'true'"),
      // decimal
      Ok("dec_plain", decimal, T("123.45"), D(12345, 2)),
      Ok("dec_keeps_scale", decimal, T("12.30"), D(1230, 2)),
      Ok("dec_negative_fraction", decimal, T("-0.05"), D(-5, 2)),
      Ok("dec_no_fraction", decimal, T("7"), D(7, 0)),
      Ok("dec_leading_point", decimal, T(".5"), D(5, 1)),
      Ok("dec_trailing_point", decimal, T("5."), D(5, 0)),
      Ok("dec_comma", {"decimal", {{"decimal-separator", ","}, {"thousands", "."}}}, T("1.234,56"),
         D(123456, 2)),
      Ok("dec_18_decimals", decimal, T("0.000000000000000001"), D(1, 18)),
      Ok("dec_from_integer", decimal, I(9), D(9, 0)),
      Err("dec_19_decimals", decimal, T("0.0000000000000000001"), "has more than 18 decimals"),
      Err("dec_overflow", decimal, T("92233720368547758.08"), "is too large"),
      Err("dec_500_digits", decimal, T(k500Digits + ".5"), "is too large"),
      Err("dec_two_points", decimal, T("1.2.3"), "'1.2.3' is not a decimal number"),
      Err("dec_exponent", decimal, T("1e5"), "'1e5' is not a decimal number"),
      Err("dec_point_only", decimal, T("."), "is not a decimal number"),
      Err("dec_nan", decimal, T("NaN"), "is not a decimal number"),
      // implied-decimal
      Ok("pic_cobol", pic, T("000012345"), D(12345, 2)),
      Ok("pic_zero", pic, T("000000000"), D(0, 2)),
      Ok("decimals_arg", {"implied-decimal", {{"decimals", "3"}}}, T("12345"), D(12345, 3)),
      Ok("decimals_zero", {"implied-decimal", {{"decimals", "0"}}}, T("0042"), D(42, 0)),
      Ok("pic_signed_overpunch_positive", {"implied-decimal", {{"pic", "S9(5)V99"}}}, T("000123D"),
         D(1234, 2)),
      Ok("pic_signed_overpunch_negative", {"implied-decimal", {{"pic", "S9(5)V99"}}}, T("000123M"),
         D(-1234, 2)),
      Ok("pic_signed_plain_digit", {"implied-decimal", {{"pic", "S9(5)V99"}}}, T("0001234"),
         D(1234, 2)),
      Ok("overpunch_brace_positive",
         {"implied-decimal", {{"decimals", "0"}, {"sign", "overpunch"}}}, T("1234{"), D(12340, 0)),
      Ok("overpunch_brace_negative",
         {"implied-decimal", {{"decimals", "0"}, {"sign", "overpunch"}}}, T("1234}"), D(-12340, 0)),
      Ok("overpunch_J", {"implied-decimal", {{"decimals", "1"}, {"sign", "overpunch"}}}, T("123J"),
         D(-1231, 1)),
      Ok("leading_sign", {"implied-decimal", {{"decimals", "2"}, {"sign", "leading"}}},
         T("-000150"), D(-150, 2)),
      Ok("leading_sign_absent", {"implied-decimal", {{"decimals", "2"}, {"sign", "leading"}}},
         T("000150"), D(150, 2)),
      Ok("trailing_sign", {"implied-decimal", {{"decimals", "2"}, {"sign", "trailing"}}},
         T("000150-"), D(-150, 2)),
      Ok("trailing_plus", {"implied-decimal", {{"decimals", "2"}, {"sign", "trailing"}}},
         T("000150+"), D(150, 2)),
      Ok("blank_null", {"implied-decimal", {{"decimals", "2"}, {"blank", "null"}}}, T("     "),
         kNull),
      Ok("blank_zero", {"implied-decimal", {{"decimals", "2"}, {"blank", "zero"}}}, T(""), D(0, 2)),
      Ok("implied_null", pic, kNull, kNull),
      Err("blank_error", pic, T("         "),
          "the field is blank '         ' (add blank=\"null\" or blank=\"zero\" if blank means no "
          "value or zero)"),
      Err("pic_wrong_length", pic, T("00012345"), "'00012345' has 8 digits, the layout has 9"),
      Err("pic_space_inside", pic, T("0000 2345"),
          "'0000 2345' is not an implied-decimal number: only digits may appear, found ' '"),
      Err("pic_unsigned_minus", pic, T("-00012345"), "only digits may appear, found '-'"),
      Err("overpunch_bad_last", {"implied-decimal", {{"decimals", "0"}, {"sign", "overpunch"}}},
          T("123X"), "'123X' does not end in a digit or an overpunched sign ({, A-I, }, J-R)"),
      Err("implied_overflow", {"implied-decimal", {{"decimals", "2"}}}, T("99999999999999999999"),
          "is too large"),
      Err("implied_500_digits", {"implied-decimal", {{"decimals", "2"}}}, T(k500Digits),
          "is too large"),
      Err("implied_sign_only", {"implied-decimal", {{"decimals", "2"}, {"sign", "leading"}}},
          T("-"), "'-' is not a number"),
      Err("implied_bad_utf8", pic, T("00001234\xff"), "not valid UTF-8"),
      // money
      Ok("money_decimal_string", gbp, T("12.30"), M("GBP", 1230)),
      Ok("money_fewer_decimals", gbp, T("12.3"), M("GBP", 1230)),
      Ok("money_whole", gbp, T("12"), M("GBP", 1200)),
      Ok("money_exact_trailing_zero", gbp, T("12.300"), M("GBP", 1230)),
      Ok("money_negative", gbp, T("-0.01"), M("GBP", -1)),
      Ok("money_comma", {"money", {{"currency", "EUR"}, {"decimal-separator", ","}}}, T("12,30"),
         M("EUR", 1230)),
      Ok("money_comma_thousands",
         {"money", {{"currency", "EUR"}, {"decimal-separator", ","}, {"thousands", "."}}},
         T("1.234,50"), M("EUR", 123450)),
      Ok("money_jpy", {"money", {{"currency", "JPY"}}}, T("1200"), M("JPY", 1200)),
      Ok("money_kwd", {"money", {{"currency", "KWD"}}}, T("1.5"), M("KWD", 1500)),
      Ok("money_implied", {"money", {{"currency", "GBP"}, {"implied-decimals", "2"}}},
         T("000012345"), M("GBP", 12345)),
      Ok("money_pic_overpunch", {"money", {{"currency", "GBP"}, {"pic", "S9(7)V99"}}},
         T("00001234}"), M("GBP", -12340)),
      Ok("money_from_decimal", gbp, D(12345, 2), M("GBP", 12345)),
      Ok("money_from_integer", gbp, I(12), M("GBP", 1200)),
      Ok("money_half_even_down", {"money", {{"currency", "GBP"}, {"round", "half-even"}}},
         T("12.345"), M("GBP", 1234)),
      Ok("money_half_even_up", {"money", {{"currency", "GBP"}, {"round", "half-even"}}},
         T("12.355"), M("GBP", 1236)),
      Ok("money_half_even_above_half", {"money", {{"currency", "GBP"}, {"round", "half-even"}}},
         T("12.3451"), M("GBP", 1235)),
      Ok("money_half_even_negative", {"money", {{"currency", "GBP"}, {"round", "half-even"}}},
         T("-12.345"), M("GBP", -1234)),
      Ok("money_half_even_jpy", {"money", {{"currency", "JPY"}, {"round", "half-even"}}}, T("2.5"),
         M("JPY", 2)),
      Ok("money_null", gbp, kNull, kNull),
      Ok("money_blank_null",
         {"money", {{"currency", "GBP"}, {"pic", "9(5)V99"}, {"blank", "null"}}}, T("       "),
         kNull),
      Err("money_refuses_rounding", gbp, T("12.345"),
          "12.345 has 3 decimals but GBP has 2; add round=\"half-even\" to round it"),
      Err("money_jpy_refuses_decimals", {"money", {{"currency", "JPY"}}}, T("12.5"),
          "12.5 has 1 decimal but JPY has 0"),
      Err("money_overflow_minor_units", gbp, T("92233720368547758.1"),
          "92233720368547758.1 is too large to carry 2 decimals"),
      Err("money_500_digits", gbp, T(k500Digits), "is too large"),
      Err("money_integer_overflow", gbp, I(INT64_MAX),
          "9223372036854775807 is too large to carry 2 decimals"),
      Err("money_pic_wrong_length", {"money", {{"currency", "GBP"}, {"pic", "S9(7)V99"}}},
          T("1234}"), "'1234}' has 5 digits, the layout has 9"),
      Err("money_implied_blank", {"money", {{"currency", "GBP"}, {"implied-decimals", "2"}}},
          T("   "), "the field is blank"),
      Ok("money_min_int64_minor_units", {"money", {{"currency", "JPY"}}}, T("-9223372036854775808"),
         M("JPY", INT64_MIN)),
      Err("money_not_a_number", gbp, T("twelve"), "'twelve' is not a decimal number"),
      Err("money_from_date", gbp, Day(2024, 1, 1), "expects an amount, got date '2024-01-01'"),
      Err("money_bad_utf8", gbp, T("12\xff"), "not valid UTF-8"),
  };
}

INSTANTIATE_TEST_SUITE_P(Numbers, TransformCaseTest, ::testing::ValuesIn(NumberCases()), CaseName);

TEST(NumberCompile, BadArgumentsAreExplained) {
  const std::pair<TransformSpec, std::string> cases[] = {
      {{"integer", {{"thousands", "x"}}},
       "integer: 'thousands' must be one of . , ' or a space, got 'x'"},
      {{"decimal", {{"decimal-separator", ","}, {"thousands", ","}}},
       "decimal: 'decimal-separator' and 'thousands' must differ"},
      {{"implied-decimal"},
       "implied-decimal: give 'decimals' (digits after the implied point) or 'pic' (e.g. 9(7)V99)"},
      {{"implied-decimal", {{"decimals", "19"}}},
       "implied-decimal: 'decimals' must be a whole number from 0 to 18, got '19'"},
      {{"implied-decimal", {{"decimals", "2"}, {"pic", "9(7)V99"}}},
       "implied-decimal: give either 'pic' or 'decimals', not both"},
      {{"implied-decimal", {{"pic", "9(7)X99"}}},
       "implied-decimal: PIC '9(7)X99': unexpected 'X' (expected e.g. 9(7)V99 or S9(5)V9(2))"},
      {{"implied-decimal", {{"pic", "9(7"}}},
       "implied-decimal: PIC '9(7': missing ')' (expected e.g. 9(7)V99 or S9(5)V9(2))"},
      {{"implied-decimal", {{"pic", "9(20)"}}},
       "implied-decimal: PIC '9(20)': a repeat count must be 1 to 18 (expected e.g. 9(7)V99 or "
       "S9(5)V9(2))"},
      {{"implied-decimal", {{"pic", "9(10)V9(9)"}}},
       "implied-decimal: PIC '9(10)V9(9)': more than 18 digits (expected e.g. 9(7)V99 or "
       "S9(5)V9(2))"},
      {{"implied-decimal", {{"pic", "9V9V9"}}},
       "implied-decimal: PIC '9V9V9': more than one V (expected e.g. 9(7)V99 or S9(5)V9(2))"},
      {{"implied-decimal", {{"decimals", "2"}, {"sign", "overpunched"}}},
       "implied-decimal: 'sign' must be one of none, leading, trailing, overpunch; got "
       "'overpunched' — did you mean 'overpunch'?"},
      {{"implied-decimal", {{"decimals", "2"}, {"blank", "empty"}}},
       "implied-decimal: 'blank' must be one of error, null, zero; got 'empty'"},
      {{"money"}, "money: the argument 'currency' is required"},
      {{"money", {{"currency", "gbp"}}},
       "money: 'currency' must be an ISO 4217 code of three capital letters such as GBP (or "
       "\"input\" for a currency code given as a second value), got 'gbp'"},
      {{"money", {{"currency", "XYZ"}}},
       "money: unknown currency 'XYZ'; give 'minor-digits' (its number of decimals)"},
      {{"money", {{"currency", "GBP"}, {"round", "half-up"}}},
       "money: 'round' must be one of none, half-even; got 'half-up'"},
      {{"money", {{"currency", "GBP"}, {"sign", "trailing"}}},
       "money: 'sign' and 'blank' apply to implied-decimal amounts: give 'implied-decimals' or "
       "'pic' too"},
      {{"money", {{"currency", "GBP"}, {"minor-digits", "7"}}},
       "money: 'minor-digits' must be a whole number from 0 to 4, got '7'"},
  };
  for (const auto& [spec, error] : cases) EXPECT_EQ(CompileError(spec), error);
  EXPECT_EQ(CompileError({"money", {{"currency", "XYZ"}, {"minor-digits", "3"}}}), "");
  EXPECT_EQ(CompileError({"money", {{"currency", "input"}, {"minor-digits", "3"}}}),
            "money: 'minor-digits' applies to a fixed currency, not currency=\"input\"");
}

// currency="input": the amount and its currency code come from two source values.
TEST(Money, CurrencyFromSecondInput) {
  auto t = CompileTransform({"money", {{"currency", "input"}, {"round", "half-even"}}});
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_TRUE((*t)->combines());
  auto apply = [&](Value amount, Value code) {
    const std::vector<Value> in = {std::move(amount), std::move(code)};
    return (*t)->ApplyMany(in);
  };
  EXPECT_EQ(*apply(T("12.30"), T("EUR")), M("EUR", 1230));
  EXPECT_EQ(*apply(T("1200"), T("JPY")), M("JPY", 1200));
  EXPECT_EQ(*apply(T("1.2345"), T("KWD")), M("KWD", 1234));
  EXPECT_EQ(*apply(kNull, T("EUR")), kNull);
  EXPECT_EQ(apply(T("1"), T("EURO")).status().message(),
            "unknown currency 'EURO' (expected an ISO 4217 code such as GBP)");
  EXPECT_EQ(apply(T("1"), kNull).status().message(), "the currency code is missing");
  EXPECT_EQ((*t)->Apply(T("1")).status().message(),
            "takes two values, the amount and its currency code (currency=\"input\")");
  const std::vector<Value> three = {T("1"), T("EUR"), T("x")};
  EXPECT_EQ((*t)->ApplyMany(three).status().message(),
            "takes two values, the amount and its currency code; got 3");
}

// The EBCDIC zoned-decimal overpunch table, every character.
TEST(Overpunch, Table) {
  const std::string positive = "{ABCDEFGHI";
  const std::string negative = "}JKLMNOPQR";
  for (int digit = 0; digit <= 9; ++digit) {
    auto p = DecodeOverpunch(positive[static_cast<size_t>(digit)]);
    ASSERT_TRUE(p.has_value());
    EXPECT_EQ(p->digit, digit);
    EXPECT_FALSE(p->negative);
    auto n = DecodeOverpunch(negative[static_cast<size_t>(digit)]);
    ASSERT_TRUE(n.has_value());
    EXPECT_EQ(n->digit, digit);
    EXPECT_TRUE(n->negative);
    auto plain = DecodeOverpunch(static_cast<char>('0' + digit));
    ASSERT_TRUE(plain.has_value());
    EXPECT_EQ(plain->digit, digit);
    EXPECT_FALSE(plain->negative);
  }
  for (char c : std::string("STZ-+ {a\xff")) {
    if (c == '{') continue;
    EXPECT_FALSE(DecodeOverpunch(c).has_value()) << c;
  }
}

TEST(Rescale, HalfEvenAndRefusal) {
  struct Row {
    Decimal in;
    int scale;
    int64_t want;
  };
  const Row rows[] = {{{125, 2}, 1, 12},       {{135, 2}, 1, 14}, {{-125, 2}, 1, -12},
                      {{-135, 2}, 1, -14},     {{126, 2}, 1, 13}, {{124, 2}, 1, 12},
                      {{5, 1}, 0, 0},          {{15, 1}, 0, 2},   {{INT64_MAX, 18}, 0, 9},
                      {{INT64_MIN, 18}, 0, -9}};
  for (const Row& r : rows) {
    absl::StatusOr<Decimal> d = Rescale(r.in, r.scale, Rounding::kHalfEven);
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->unscaled, r.want) << r.in.ToString();
    EXPECT_EQ(d->scale, r.scale);
  }
  EXPECT_FALSE(Rescale({125, 2}, 1, Rounding::kRefuse).ok());
  EXPECT_EQ(Rescale({120, 2}, 1, Rounding::kRefuse)->unscaled, 12);
  EXPECT_FALSE(Rescale({INT64_MAX, 0}, 1, Rounding::kRefuse).ok());
  EXPECT_FALSE(Rescale({1, 0}, 19, Rounding::kRefuse).ok());
}

// ParseDecimal reads plain digits with at most one separator in a quick pass; a leading '+' or
// a space sends the same number through the general path, which must agree.
TEST(ParseDecimal, TheQuickPassAgreesWithTheGeneralPath) {
  const std::string samples[] = {"0",
                                 "7",
                                 "19.99",
                                 "24.50",
                                 "0.05",
                                 "19.",
                                 ".5",
                                 "000",
                                 "00.100",
                                 "1.2.3",
                                 ".",
                                 "12a",
                                 "1,50",
                                 "",
                                 "123456789012345678",
                                 "999999999999999999",
                                 "1.23456789012345678",
                                 "12345678901234567.8"};
  for (const std::string& s : samples) {
    for (const char separator : {'.', ',', '\0'}) {
      for (const char thousands : {'\0', ',', '.'}) {
        if (thousands == separator && thousands != '\0') continue;
        SCOPED_TRACE(absl::StrCat("'", s, "' separator '", std::string(1, separator),
                                  "' thousands '", std::string(1, thousands), "'"));
        const absl::StatusOr<Decimal> quick = ParseDecimal(s, separator, thousands);
        const absl::StatusOr<Decimal> general = ParseDecimal(" " + s, separator, thousands);
        const absl::StatusOr<Decimal> plus = ParseDecimal("+" + s, separator, thousands);
        ASSERT_EQ(quick.ok(), general.ok()) << quick.status() << " / " << general.status();
        ASSERT_EQ(quick.ok(), plus.ok()) << quick.status() << " / " << plus.status();
        if (!quick.ok()) continue;
        EXPECT_EQ(*quick, *general);
        EXPECT_EQ(*quick, *plus);
      }
    }
  }
}

}  // namespace
}  // namespace omnihub::mapping
