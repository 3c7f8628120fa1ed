// hubctl's text formatting: money from minor units, timestamps, enum labels and aligned tables.
#include <gtest/gtest.h>

#include <sstream>

#include "tools/hubctl/format.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {
namespace {

v1::Money MoneyOf(const char* currency, int64_t minor) {
  v1::Money money;
  money.set_currency_code(currency);
  money.set_amount_minor(minor);
  return money;
}

TEST(FormatMoney, UsesSymbolsForCommonCurrencies) {
  EXPECT_EQ(FormatMoney(MoneyOf("GBP", 4250)), "£42.50");
  EXPECT_EQ(FormatMoney(MoneyOf("EUR", 5)), "€0.05");
  EXPECT_EQ(FormatMoney(MoneyOf("USD", 100)), "$1.00");
  EXPECT_EQ(FormatMoney(MoneyOf("GBP", 150000)), "£1,500.00");
  EXPECT_EQ(FormatMoney(MoneyOf("GBP", 99999)), "£999.99");
}

TEST(FormatMoney, NegativeAmountsAndOtherCurrencies) {
  EXPECT_EQ(FormatMoney(MoneyOf("GBP", -350)), "-£3.50");
  EXPECT_EQ(FormatMoney(MoneyOf("CHF", 1234)), "CHF 12.34");
  EXPECT_EQ(FormatMoney(MoneyOf("JPY", 1200)), "JPY 1,200");
  EXPECT_EQ(FormatMoney(MoneyOf("KWD", -1500)), "KWD -1.500");
  EXPECT_EQ(FormatMoney(MoneyOf("GBP", INT64_MIN)), "-£92,233,720,368,547,758.08");
}

TEST(FormatMoney, UnsetIsADash) { EXPECT_EQ(FormatMoney(v1::Money()), "-"); }

TEST(FormatTime, TimestampsAreUtc) {
  google::protobuf::Timestamp timestamp;
  timestamp.set_seconds(1764333509);  // 2025-11-28 12:38:29 UTC
  EXPECT_EQ(FormatTimestamp(timestamp), "2025-11-28 12:38:29Z");
  EXPECT_EQ(FormatDate(timestamp), "2025-11-28");
  EXPECT_EQ(FormatDate(google::protobuf::Timestamp()), "-");
}

TEST(FormatTime, Durations) {
  google::protobuf::Duration duration;
  duration.set_nanos(15'400'000);
  EXPECT_EQ(FormatDuration(duration), "15 ms");
  duration.set_seconds(1);
  duration.set_nanos(250'000'000);
  EXPECT_EQ(FormatDuration(duration), "1.25 s");
  EXPECT_EQ(FormatDuration(google::protobuf::Duration()), "-");
}

TEST(EnumLabel, StripsThePrefixAndLowersTheCase) {
  EXPECT_EQ(EnumLabel("ORDER_STATUS_PARTIALLY_RETURNED", "ORDER_STATUS_"), "partially returned");
  EXPECT_EQ(EnumLabel("SOURCE_STATE_UNSPECIFIED", "SOURCE_STATE_"), "-");
}

TEST(FormatAddress, JoinsTheParts) {
  v1::PostalAddress address;
  address.add_lines("12 High Street");
  address.set_locality("Leeds");
  address.set_postal_code("LS1 4AB");
  address.set_country_code("GB");
  EXPECT_EQ(FormatAddress(address), "12 High Street, Leeds, LS1 4AB, GB");
}

TEST(Table, AlignsColumnsByCodePoints) {
  Table table({"NUMBER", "TOTAL", "NOTE"});
  table.AddRow({"W1", "£42.50", "x"});
  table.AddRow({"W100234", "£5.00", ""});
  std::ostringstream out;
  table.Print(out, 2);
  EXPECT_EQ(out.str(),
            "  NUMBER   TOTAL   NOTE\n"
            "  W1       £42.50  x\n"
            "  W100234  £5.00\n");
}

TEST(Table, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(DisplayWidth("£42.50"), 6u);
  EXPECT_EQ(DisplayWidth(""), 0u);
}

}  // namespace
}  // namespace omnihub::hubctl
