#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using namespace testing_util;  // NOLINT: test helpers

const TransformSpec kStatus{
    "code-table", {}, {{"S", "SHIPPED"}, {"D", "DELIVERED"}, {"C", "CANCELLED"}}};

TransformSpec WithArgs(TransformSpec spec, std::map<std::string, std::string> args) {
  spec.args = std::move(args);
  return spec;
}

std::vector<Case> LookupCases() {
  return {
      // code-table
      Ok("code_known", kStatus, T("S"), T("SHIPPED")),
      Ok("code_other", kStatus, T("C"), T("CANCELLED")),
      Ok("code_null", kStatus, kNull, kNull),
      Ok("code_default", WithArgs(kStatus, {{"default", "UNKNOWN"}}), T("X"), T("UNKNOWN")),
      Ok("code_ignore_case", WithArgs(kStatus, {{"ignore-case", "yes"}}), T("d"), T("DELIVERED")),
      Ok("code_integer_key", TransformSpec{"code-table", {}, {{"1", "OPEN"}, {"2", "CLOSED"}}},
         I(2), T("CLOSED")),
      Ok("code_utf8", TransformSpec{"code-table", {}, {{"é", "E_ACUTE"}}}, T("é"), T("E_ACUTE")),
      Err("code_unknown", kStatus, T("X"),
          "code 'X' is not in the code table (known codes: C, D, S); add it, or give a 'default'"),
      Err("code_case_sensitive", kStatus, T("s"), "code 's' is not in the code table"),
      Err("code_empty", kStatus, T(""), "code '' is not in the code table"),
      Err("code_bad_utf8", kStatus, T("S\xff"), "not valid UTF-8"),
      Err("code_decimal", kStatus, D(1, 0), "expects text, got decimal"),
      // bool
      Ok("bool_Y", {"bool"}, T("Y"), B(true)),
      Ok("bool_n_lower", {"bool"}, T("n"), B(false)),
      Ok("bool_true", {"bool"}, T("TRUE"), B(true)),
      Ok("bool_false", {"bool"}, T("false"), B(false)),
      Ok("bool_1", {"bool"}, T("1"), B(true)),
      Ok("bool_0_integer", {"bool"}, I(0), B(false)),
      Ok("bool_yes", {"bool"}, T("Yes"), B(true)),
      Ok("bool_custom", {"bool", {{"true", "J,Y"}, {"false", "N"}}}, T("j"), B(true)),
      Ok("bool_passthrough", {"bool"}, B(false), B(false)),
      Ok("bool_null", {"bool"}, kNull, kNull),
      Err("bool_unknown", {"bool"}, T("maybe"),
          "'maybe' is not a yes/no value (true: Y, YES, T, TRUE, 1; false: N, NO, F, FALSE, 0)"),
      Err("bool_integer_2", {"bool"}, I(2), "'2' is not a yes/no value"),
      Err("bool_custom_rejects_default_words", {"bool", {{"true", "J"}, {"false", "N"}}}, T("Y"),
          "'Y' is not a yes/no value (true: J; false: N)"),
      Err("bool_case_sensitive", {"bool", {{"ignore-case", "no"}}}, T("y"), "not a yes/no value"),
      Err("bool_empty", {"bool"}, T(""), "'' is not a yes/no value"),
      Err("bool_bad_utf8", {"bool"}, T("\xff"), "not valid UTF-8"),
      // phone and e-mail through the SDK's IdentifierNormalizer
      Ok("phone_gb_national", {"phone", {{"country", "GB"}}}, T("07700 900123"),
         T("+447700900123")),
      Ok("phone_gb_international", {"phone", {{"country", "GB"}}}, T("+44 (0)7700-900-123"),
         T("+447700900123")),
      Ok("phone_double_zero", {"phone", {{"country", "FR"}}}, T("0044 7700 900123"),
         T("+447700900123")),
      Ok("phone_us", {"phone", {{"country", "US"}}}, T("(201) 555-0123"), T("+12015550123")),
      Ok("phone_null", {"phone", {{"country", "GB"}}}, kNull, kNull),
      Err("phone_too_short", {"phone", {{"country", "GB"}}}, T("12"), "is not a valid number"),
      Err("phone_empty", {"phone", {{"country", "GB"}}}, T(""), "phone is empty"),
      Err("phone_bad_utf8", {"phone", {{"country", "GB"}}}, T("0770\xff"), "not valid UTF-8"),
      Ok("email_normalised", {"email"}, T("  Jane.Doe@Example.COM "), T("jane.doe@example.com")),
      Err("email_no_at", {"email"}, T("jane.doe.example.com"),
          "is not an address of the form name@domain.tld"),
      Err("email_bad_utf8", {"email"}, T("j\xff@x.com"), "not valid UTF-8"),
      Err("email_too_long", {"email"}, T(std::string(300, 'a') + "@x.com"), "is too long"),
      Ok("loyalty_card_spaced", {"loyalty-card"}, T("6335 0000-0000 0003"), T("6335000000000003")),
      Ok("loyalty_card_null", {"loyalty-card"}, kNull, kNull),
      Err("loyalty_card_check_digit", {"loyalty-card"}, T("6335000000000004"),
          "fails its check digit"),
      Err("loyalty_card_letters", {"loyalty-card"}, T("6335O00000000003"),
          "may contain only digits, spaces and hyphens"),
  };
}

INSTANTIATE_TEST_SUITE_P(Lookups, TransformCaseTest, ::testing::ValuesIn(LookupCases()), CaseName);

TEST(LookupCompile, BadArgumentsAreExplained) {
  const std::pair<TransformSpec, std::string> cases[] = {
      {{"code-table"}, "code-table: the code table has no entries"},
      {{"code-table", {}, {{"S", "SHIPPED"}, {"S", "SENT"}}}, "code-table: code 'S' appears twice"},
      {{"code-table", {{"ignore-case", "yes"}}, {{"S", "SHIPPED"}, {"s", "SENT"}}},
       "code-table: code 's' appears twice (ignoring case)"},
      {{"code-table", {}, {{"S\xff", "SHIPPED"}}}, "code-table: text is not valid UTF-8"},
      {{"code-table", {{"defualt", "X"}}, {{"S", "SHIPPED"}}},
       "code-table: unknown argument 'defualt' — did you mean 'default'? (arguments: default, "
       "ignore-case)"},
      {{"bool", {{"true", "Y"}, {"false", "Y,N"}}},
       "bool: 'y' is listed both as true and as false"},
      {{"phone"}, "phone: the argument 'country' is required"},
      {{"phone", {{"country", "United Kingdom"}}},
       "phone: 'country' must be a two-letter ISO 3166 code such as GB, got 'United Kingdom'"},
      {{"email", {{"lowercase", "yes"}}}, "email: takes no arguments, got 'lowercase'"},
  };
  for (const auto& [spec, error] : cases) {
    EXPECT_THAT(CompileError(spec), ::testing::StartsWith(error));
  }
}

// Code tables are hashed: a large table stays a constant-time lookup and reports its size.
TEST(CodeTable, LargeTable) {
  TransformSpec spec{"code-table"};
  for (int i = 0; i < 10000; ++i)
    spec.table.emplace_back(absl::StrCat("C", i), absl::StrCat("V", i));
  auto t = CompileTransform(spec);
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(*(*t)->Apply(T("C9999")), T("V9999"));
  absl::StatusOr<Value> missing = (*t)->Apply(T("Z"));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), ::testing::HasSubstr("… (10000 codes)"));
}

}  // namespace
}  // namespace omnihub::mapping
