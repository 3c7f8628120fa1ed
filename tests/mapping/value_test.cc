#include "adapters/mapping/currency.h"
#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using namespace testing_util;  // NOLINT: test helpers

TEST(Value, KindsAndText) {
  const std::pair<Value, std::string> rows[] = {
      {kNull, "null()"},
      {T("x"), "text(x)"},
      {I(INT64_MIN), "integer(-9223372036854775808)"},
      {D(12345, 2), "decimal(123.45)"},
      {D(-5, 2), "decimal(-0.05)"},
      {D(INT64_MIN, 18), "decimal(-9.223372036854775808)"},
      {D(7, 0), "decimal(7)"},
      {M("GBP", 1230), "money(12.30 GBP)"},
      {M("GBP", -1), "money(-0.01 GBP)"},
      {M("KWD", 1500), "money(1.500 KWD)"},
      {M("JPY", 1200), "money(1200 JPY)"},
      {Utc(2024, 3, 31, 1, 0, 0), "timestamp(2024-03-31T01:00:00Z)"},
      {Utc(2024, 3, 31, 1, 0, 0, 123), "timestamp(2024-03-31T01:00:00.000000123Z)"},
      {Day(2024, 2, 29), "date(2024-02-29)"},
      {B(false), "boolean(false)"},
  };
  for (const auto& [v, want] : rows) EXPECT_EQ(v.DebugString(), want);
}

TEST(Value, EqualityIsStructural) {
  EXPECT_EQ(D(1230, 2), D(1230, 2));
  EXPECT_NE(D(1230, 2), D(123, 1));
  EXPECT_NE(T("1"), I(1));
  EXPECT_NE(M("GBP", 1), M("EUR", 1));
  EXPECT_EQ(Value(), kNull);
  EXPECT_TRUE(kNull.is_null());
  EXPECT_EQ(I(1).kind(), ValueKind::kInteger);
}

TEST(Currency, MinorDigits) {
  EXPECT_EQ(CurrencyMinorDigits("GBP"), 2);
  EXPECT_EQ(CurrencyMinorDigits("JPY"), 0);
  EXPECT_EQ(CurrencyMinorDigits("BHD"), 3);
  EXPECT_EQ(CurrencyMinorDigits("XXX"), std::nullopt);
  EXPECT_EQ(CurrencyMinorDigits("gbp"), std::nullopt);
}

}  // namespace
}  // namespace omnihub::mapping
