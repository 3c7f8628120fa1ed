#include "absl/strings/str_format.h"
#include "adapters/mapping/date_format.h"
#include "transform_case.h"

namespace omnihub::mapping {
namespace {

using namespace testing_util;  // NOLINT: test helpers

TransformSpec DateSpec(std::string format, std::map<std::string, std::string> extra = {}) {
  extra["format"] = std::move(format);
  return {"date", std::move(extra)};
}

TransformSpec TsSpec(std::string format, std::string tz,
                     std::map<std::string, std::string> extra = {}) {
  extra["format"] = std::move(format);
  if (!tz.empty()) extra["tz"] = std::move(tz);
  return {"timestamp", std::move(extra)};
}

const std::string kLondon = "Europe/London";

std::vector<Case> DateCases() {
  return {
      // calendar dates
      Ok("ccyymmdd", DateSpec("CCYYMMDD"), T("20240229"), Day(2024, 2, 29)),
      Ok("yyyymmdd", DateSpec("YYYYMMDD"), T("19991231"), Day(1999, 12, 31)),
      Ok("yymmdd_default_pivot_20xx", DateSpec("YYMMDD"), T("240229"), Day(2024, 2, 29)),
      Ok("yymmdd_default_pivot_19xx", DateSpec("YYMMDD"), T("650101"), Day(1965, 1, 1)),
      Ok("yymmdd_pivot_1930", DateSpec("YYMMDD", {{"pivot", "1930"}}), T("291231"),
         Day(2029, 12, 31)),
      Ok("yymmdd_pivot_1930_low", DateSpec("YYMMDD", {{"pivot", "1930"}}), T("300101"),
         Day(1930, 1, 1)),
      Ok("yyddd", DateSpec("YYDDD"), T("24060"), Day(2024, 2, 29)),
      Ok("yyddd_leap_day_366", DateSpec("YYDDD"), T("24366"), Day(2024, 12, 31)),
      Ok("ccyyddd_leap_366", DateSpec("CCYYDDD"), T("2024366"), Day(2024, 12, 31)),
      Ok("ccyyddd_first", DateSpec("CCYYDDD"), T("2023001"), Day(2023, 1, 1)),
      Ok("ccyyddd_2000_leap", DateSpec("CCYYDDD"), T("2000366"), Day(2000, 12, 31)),
      Ok("dd_mm_yyyy", DateSpec("DD/MM/YYYY"), T("03/04/2024"), Day(2024, 4, 3)),
      Ok("mm_dd_yyyy", DateSpec("MM/DD/YYYY"), T("03/04/2024"), Day(2024, 3, 4)),
      Ok("iso_date", DateSpec("ISO-8601"), T("2024-02-29"), Day(2024, 2, 29)),
      Ok("iso_basic_date", DateSpec("iso8601"), T("20240229"), Day(2024, 2, 29)),
      Ok("iso_with_time_as_written", DateSpec("ISO-8601"), T("2024-03-31T23:30:00-05:00"),
         Day(2024, 3, 31)),
      Ok("iso_with_offset_in_tz", DateSpec("ISO-8601", {{"tz", kLondon}}),
         T("2024-03-31T23:30:00-05:00"), Day(2024, 4, 1)),
      Ok("strftime_date", DateSpec("%d %b %Y"), T("29 Feb 2024"), Day(2024, 2, 29)),
      Ok("date_passthrough", DateSpec("CCYYMMDD"), Day(2024, 1, 2), Day(2024, 1, 2)),
      Ok("date_from_timestamp_in_tz", DateSpec("ISO-8601", {{"tz", kLondon}}),
         Utc(2024, 6, 30, 23, 30, 0), Day(2024, 7, 1)),
      Ok("date_null", DateSpec("CCYYMMDD"), kNull, kNull),
      // invalid dates
      Ok("utc_offset_summer", {"utc-offset"}, T("2026-06-02T14:03:11+01:00"), T("+01:00")),
      Ok("utc_offset_zulu", {"utc-offset"}, T("2026-11-02T14:03:11Z"), T("+00:00")),
      Ok("utc_offset_fraction_west", {"utc-offset"}, T("2026-11-02T21:30:05.25-05:30"),
         T("-05:30")),
      Err("utc_offset_none", {"utc-offset"}, T("2026-11-02T14:03:11"), "has no UTC offset"),
      Err("feb_30", DateSpec("CCYYMMDD"), T("20230230"),
          "'20230230' is not a valid date: February 2023 has 28 days, there is no day 30"),
      Err("feb_29_non_leap", DateSpec("CCYYMMDD"), T("20230229"),
          "February 2023 has 28 days, there is no day 29"),
      Err("feb_29_1900", DateSpec("CCYYMMDD"), T("19000229"),
          "February 1900 has 28 days, there is no day 29"),
      Err("april_31", DateSpec("DD/MM/YYYY"), T("31/04/2024"),
          "April 2024 has 30 days, there is no day 31"),
      Err("month_13", DateSpec("CCYYMMDD"), T("20241301"),
          "'20241301' is not a valid date: there is no month 13"),
      Err("month_0", DateSpec("CCYYMMDD"), T("20240001"), "there is no month 0"),
      Err("day_0", DateSpec("CCYYMMDD"), T("20240100"),
          "January 2024 has 31 days, there is no day 0"),
      Err("ccyyddd_366_non_leap", DateSpec("CCYYDDD"), T("2023366"),
          "'2023366' is not a valid date: 2023 has 365 days, there is no day 366"),
      Err("yyddd_366_non_leap", DateSpec("YYDDD"), T("23366"),
          "'23366' is not a valid date: 2023 has 365 days, there is no day 366"),
      Err("ccyyddd_day_0", DateSpec("CCYYDDD"), T("2024000"), "there is no day 0"),
      Err("ccyyddd_day_999", DateSpec("CCYYDDD"), T("2024999"), "there is no day 999"),
      Err("year_0", DateSpec("CCYYMMDD"), T("00000101"), "year 0 is out of range"),
      Err("too_short", DateSpec("CCYYMMDD"), T("2024022"),
          "'2024022' does not match the date format 'CCYYMMDD'"),
      Err("too_long", DateSpec("CCYYMMDD"), T("202402291"), "does not match the date format"),
      Err("letters", DateSpec("CCYYMMDD"), T("2024O229"), "does not match the date format"),
      Err("wrong_separator", DateSpec("DD/MM/YYYY"), T("03-04-2024"), "does not match"),
      Err("empty", DateSpec("CCYYMMDD"), T(""), "'' does not match the date format 'CCYYMMDD'"),
      Err("iso_feb_30", DateSpec("ISO-8601"), T("2024-02-30"),
          "February 2024 has 29 days, there is no day 30"),
      Err("iso_garbage", DateSpec("ISO-8601"), T("yesterday"), "does not match the date format"),
      Err("strftime_feb_30", DateSpec("%Y-%m-%d"), T("2023-02-30"), "does not match"),
      Err("date_bad_utf8", DateSpec("CCYYMMDD"),
          T("2024\xff\xfe"
            "01"),
          "not valid UTF-8"),
      Err("date_from_timestamp_without_tz", DateSpec("CCYYMMDD"), Utc(2024, 1, 1, 0, 0, 0),
          "a timestamp has no calendar date until a time zone is given ('tz')"),
      Err("date_from_integer", DateSpec("CCYYMMDD"), I(20240101), "expects text, got integer"),
      // timestamps, local time through a time zone
      Ok("ts_ccyymmddhhmmss_utc", TsSpec("CCYYMMDDHHMMSS", "UTC"), T("20240229235959"),
         Utc(2024, 2, 29, 23, 59, 59)),
      Ok("ts_london_winter", TsSpec("CCYYMMDDHHMMSS", kLondon), T("20240115120000"),
         Utc(2024, 1, 15, 12, 0, 0)),
      Ok("ts_london_summer", TsSpec("CCYYMMDDHHMMSS", kLondon), T("20240715120000"),
         Utc(2024, 7, 15, 11, 0, 0)),
      Ok("ts_dst_start_before_gap", TsSpec("CCYY-MM-DD HH:MI:SS", kLondon),
         T("2024-03-31 00:59:59"), Utc(2024, 3, 31, 0, 59, 59)),
      Err("ts_dst_start_in_gap", TsSpec("CCYY-MM-DD HH:MI:SS", kLondon), T("2024-03-31 01:30:00"),
          "'2024-03-31 01:30:00' (2024-03-31T01:30:00) does not exist in Europe/London: the "
          "clocks went forward over that time"),
      Ok("ts_dst_start_after_gap", TsSpec("CCYY-MM-DD HH:MI:SS", kLondon), T("2024-03-31 02:00:00"),
         Utc(2024, 3, 31, 1, 0, 0)),
      Ok("ts_dst_end_ambiguous_earlier", TsSpec("CCYY-MM-DD HH:MI:SS", kLondon),
         T("2024-10-27 01:30:00"), Utc(2024, 10, 27, 0, 30, 0)),
      Ok("ts_dst_end_ambiguous_later",
         TsSpec("CCYY-MM-DD HH:MI:SS", kLondon, {{"ambiguous", "later"}}), T("2024-10-27 01:30:00"),
         Utc(2024, 10, 27, 1, 30, 0)),
      Err("ts_dst_end_ambiguous_error",
          TsSpec("CCYY-MM-DD HH:MI:SS", kLondon, {{"ambiguous", "error"}}),
          T("2024-10-27 01:30:00"),
          "happens twice in Europe/London as the clocks go back; ambiguous=\"earlier\" or "
          "\"later\" chooses one"),
      Err("ts_dst_start_2025_gap", TsSpec("CCYYMMDDHHMI", kLondon), T("202503300115"),
          "does not exist in Europe/London"),
      Ok("ts_dst_start_2025_last_gmt_second", TsSpec("CCYYMMDDHHMISS", kLondon),
         T("20250330005959"), Utc(2025, 3, 30, 0, 59, 59)),
      Ok("ts_dst_end_2025_earlier", TsSpec("CCYYMMDDHHMI", kLondon), T("202510260115"),
         Utc(2025, 10, 26, 0, 15, 0)),
      Ok("ts_dst_end_2025_later", TsSpec("CCYYMMDDHHMI", kLondon, {{"ambiguous", "later"}}),
         T("202510260115"), Utc(2025, 10, 26, 1, 15, 0)),
      Ok("ts_dst_end_2025_before_fold", TsSpec("CCYYMMDDHHMI", kLondon), T("202510260059"),
         Utc(2025, 10, 25, 23, 59, 0)),
      Ok("ts_dst_end_after", TsSpec("CCYY-MM-DD HH:MI:SS", kLondon), T("2024-10-27 02:00:00"),
         Utc(2024, 10, 27, 2, 0, 0)),
      Ok("ts_yyddd_start_of_day_summer", TsSpec("YYDDD", kLondon), T("24183"),
         Utc(2024, 6, 30, 23, 0, 0)),
      Ok("ts_yyddd_start_of_day_winter", TsSpec("YYDDD", kLondon), T("24001"),
         Utc(2024, 1, 1, 0, 0, 0)),
      Ok("ts_new_york", TsSpec("MM/DD/YYYY HH:MI", "America/New_York"), T("07/04/2024 09:15"),
         Utc(2024, 7, 4, 13, 15, 0)),
      Ok("ts_date_then_hhmmss", TsSpec("CCYYMMDDHHMMSS", "UTC"), T("20240229235959"),
         Utc(2024, 2, 29, 23, 59, 59)),
      Ok("ts_fraction", TsSpec("CCYYMMDDHHMMSSFFF", "UTC"), T("20240101000000123"),
         Utc(2024, 1, 1, 0, 0, 0, 123000000)),
      Err("ts_hour_24", TsSpec("CCYYMMDDHHMMSS", "UTC"), T("20240101240000"),
          "there is no hour 24"),
      Err("ts_minute_60", TsSpec("CCYYMMDDHHMMSS", "UTC"), T("20240101236000"),
          "there is no minute 60"),
      Err("ts_second_60", TsSpec("CCYYMMDDHHMMSS", "UTC"), T("20240101235960"),
          "there is no second 60"),
      // ISO-8601 with offsets
      Ok("iso_z", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00Z"), Utc(2024, 3, 31, 1, 30, 0)),
      Ok("iso_offset", TsSpec("ISO-8601", ""), T("2024-03-31T02:30:00+01:00"),
         Utc(2024, 3, 31, 1, 30, 0)),
      Ok("iso_negative_offset_basic", TsSpec("ISO-8601", ""), T("20240331T013000-0530"),
         Utc(2024, 3, 31, 7, 0, 0)),
      Ok("iso_offset_hours_only", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00+02"),
         Utc(2024, 3, 30, 23, 30, 0)),
      Ok("iso_fraction", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00.123456789Z"),
         Utc(2024, 3, 31, 1, 30, 0, 123456789)),
      Ok("iso_fraction_comma", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00,5Z"),
         Utc(2024, 3, 31, 1, 30, 0, 500000000)),
      Ok("iso_no_seconds", TsSpec("ISO-8601", ""), T("2024-03-31T01:30Z"),
         Utc(2024, 3, 31, 1, 30, 0)),
      Ok("iso_space", TsSpec("ISO-8601", ""), T("2024-03-31 01:30:00Z"),
         Utc(2024, 3, 31, 1, 30, 0)),
      Ok("iso_local_with_tz", TsSpec("ISO-8601", kLondon), T("2024-07-01T10:00:00"),
         Utc(2024, 7, 1, 9, 0, 0)),
      Ok("iso_offset_wins_over_tz", TsSpec("ISO-8601", kLondon), T("2024-07-01T10:00:00Z"),
         Utc(2024, 7, 1, 10, 0, 0)),
      Ok("iso_before_epoch", TsSpec("ISO-8601", ""), T("1969-12-31T23:59:59.5Z"),
         Value::OfTimestamp(Timestamp{-1, 500000000})),
      Err("iso_local_without_tz", TsSpec("ISO-8601", ""), T("2024-07-01T10:00:00"),
          "'2024-07-01T10:00:00' has no UTC offset and the mapping gives no time zone ('tz')"),
      Err("iso_gap", TsSpec("ISO-8601", kLondon), T("2024-03-31T01:30:00"), "does not exist in"),
      Err("iso_too_many_fraction_digits", TsSpec("ISO-8601", ""),
          T("2024-03-31T01:30:00.1234567891Z"), "has more than 9 digits of fractional seconds"),
      Err("iso_bad_offset", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00+25:00"),
          "has an impossible UTC offset"),
      Err("iso_trailing_garbage", TsSpec("ISO-8601", ""), T("2024-03-31T01:30:00Zjunk"),
          "does not match"),
      Err("iso_month_13", TsSpec("ISO-8601", ""), T("2024-13-01T00:00:00Z"),
          "there is no month 13"),
      Ok("strftime_offset", TsSpec("%Y-%m-%d %H:%M:%S %z", ""), T("2024-07-01 10:00:00 +0200"),
         Utc(2024, 7, 1, 8, 0, 0)),
      Ok("strftime_local", TsSpec("%d/%m/%Y %H:%M", kLondon), T("01/07/2024 10:00"),
         Utc(2024, 7, 1, 9, 0, 0)),
      Ok("ts_from_date", TsSpec("CCYYMMDD", kLondon), Day(2024, 7, 1), Utc(2024, 6, 30, 23, 0, 0)),
      Ok("ts_passthrough", TsSpec("CCYYMMDD", kLondon), Utc(2024, 6, 30, 23, 0, 0),
         Utc(2024, 6, 30, 23, 0, 0)),
      Ok("ts_null", TsSpec("CCYYMMDD", kLondon), kNull, kNull),
  };
}

INSTANTIATE_TEST_SUITE_P(Dates, TransformCaseTest, ::testing::ValuesIn(DateCases()), CaseName);

TEST(DateCompile, BadFormatsAndArgumentsAreExplained) {
  const std::pair<TransformSpec, std::string> cases[] = {
      {DateSpec("YYDDX"),
       "date: date format 'YYDDX': unknown token 'X' (tokens: CCYY YYYY YY MM DD DDD HH MI SS F, "
       "separators / - : . , T and space)"},
      {DateSpec("YYYYY"), "date: date format 'YYYYY': unknown token 'Y' (tokens:"},
      {DateSpec("CCYYMMDDQQ"), "date: date format 'CCYYMMDDQQ': unknown token 'QQ' (tokens:"},
      {DateSpec(""), "date: date format '': the format is empty"},
      {DateSpec("MMDD"),
       "date: date format 'MMDD': a date needs a year and either MM and DD or DDD"},
      {DateSpec("CCYYMMDDD"),
       "date: date format 'CCYYMMDDD': DDD (day of the year) cannot be combined with MM or DD"},
      {DateSpec("CCYYMMDDMM"), "date: date format 'CCYYMMDDMM': a field appears twice"},
      {DateSpec("CCYYYY"), "date: date format 'CCYYYY': give the year once (CCYY or YY)"},
      {DateSpec("CCYYMMDDHHMMFFF"),
       "date: date format 'CCYYMMDDHHMMFFF': a fraction (F) needs seconds (SS)"},
      {DateSpec("//"), "date: date format '//': no date or time fields"},
      {TsSpec("HHMMSS", "UTC"),
       "timestamp: format 'HHMMSS' has a time but no date: concat the date and time fields first "
       "and read them together (e.g. CCYYMMDDHHMMSS)"},
      {DateSpec("HH:MI"), "date: format 'HH:MI' has a time but no date"},
      {DateSpec("CCYYMMDDHHMMSSFFFFFFFFFF"),
       "date: date format 'CCYYMMDDHHMMSSFFFFFFFFFF': a fraction has at most 9 digits (FFFFFFFFF)"},
      {{"date"}, "date: the argument 'format' is required"},
      {DateSpec("YYDDD", {{"tz", kLondon}}),
       "date: format 'YYDDD' has no UTC offset, so 'tz' does not apply to a date (use "
       "'timestamp' for the start of that day in a time zone)"},
      {DateSpec("ISO-8601", {{"tz", "Europe/Londn"}}),
       "date: unknown time zone 'Europe/Londn' (use an IANA name such as Europe/London, or UTC)"},
      {DateSpec("CCYYMMDD", {{"pivot", "1950"}}),
       "date: 'pivot' applies to two-digit years (YY) only, and format 'CCYYMMDD' has none"},
      {DateSpec("YYMMDD", {{"pivot", "50"}}),
       "date: 'pivot' must be a whole number from 1000 to 9899, got '50'"},
      {TsSpec("CCYYMMDDHHMMSS", ""),
       "timestamp: format 'CCYYMMDDHHMMSS' has no UTC offset: give 'tz', the time zone the source "
       "writes local times in (e.g. tz=\"Europe/London\" or tz=\"UTC\")"},
      {TsSpec("YYDDD", "Mars/Olympus"), "timestamp: unknown time zone 'Mars/Olympus'"},
      {TsSpec("YYDDD", kLondon, {{"ambiguous", "first"}}),
       "timestamp: 'ambiguous' must be one of earlier, later, error; got 'first'"},
      {{"date", {{"format", "CCYYMMDD"}, {"ambiguous", "later"}}},
       "date: unknown argument 'ambiguous' (arguments: format, tz, pivot)"},
  };
  for (const auto& [spec, error] : cases) {
    EXPECT_THAT(CompileError(spec), ::testing::StartsWith(error));
    EXPECT_FALSE(CompileError(spec).empty());
  }
  EXPECT_EQ(CompileError(TsSpec("ISO-8601", "")), "");
  EXPECT_EQ(CompileError(TsSpec("%Y-%m-%dT%H:%M:%S%Ez", "")), "");
  EXPECT_EQ(CompileError(DateSpec("ISO-8601", {{"tz", "UTC"}})), "");
}

// Every day of the year for leap and non-leap years, through YYDDD and CCYYDDD.
TEST(DateFormat, DayOfYearRoundTripsWholeYears) {
  for (int year : {1900, 2000, 2023, 2024, 2100}) {
    absl::StatusOr<DateFormat> f = DateFormat::Compile("CCYYDDD", 1950);
    ASSERT_TRUE(f.ok());
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    absl::CivilDay expected(year, 1, 1);
    for (int day = 1; day <= 366; ++day) {
      absl::StatusOr<ParsedDateTime> p = f->Parse(absl::StrFormat("%04d%03d", year, day));
      if (day == 366 && !leap) {
        EXPECT_FALSE(p.ok()) << year;
        continue;
      }
      ASSERT_TRUE(p.ok()) << year << " " << day << " " << p.status();
      EXPECT_EQ(absl::CivilDay(p->civil), expected);
      ++expected;
    }
  }
}

}  // namespace
}  // namespace omnihub::mapping
