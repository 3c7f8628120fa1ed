// DateFormat: a compiled date/time layout and the parser for it. Three kinds of format:
//  - "ISO-8601": 2024-03-31, 2024-03-31T01:30:00, 2024-03-31T01:30:00.5+01:00, 20240331T013000Z;
//  - token patterns built from CCYY/YYYY, YY (two-digit year, read with a pivot), MM (month;
//  minutes
//    right after HH), MI (minutes), DD, DDD (day of the year), HH (0-23), SS, F..F (1-9 fraction
//    digits) and the literal characters / - : . , T and space: CCYYMMDD, YYMMDD, YYDDD, CCYYDDD,
//    HHMMSS, DD/MM/YYYY, MM/DD/YYYY, CCYYMMDDHHMMSS...;
//  - strftime-like patterns, recognised by a '%': "%d %b %Y %H:%M", "%Y-%m-%dT%H:%M:%E*S%Ez"
//    (absl::ParseTime directives).
// Every field is range-checked after parsing: month 13, 30 February and day 366 of a non-leap
// year are errors naming the field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"

namespace omnihub::mapping {

// What one input held, as written.
struct ParsedDateTime {
  absl::CivilSecond civil;  // the date and time of day as written (00:00:00 when no time)
  int32_t nanos = 0;
  bool has_time = false;
  // Set when the input carried a UTC offset (ISO "Z"/"+01:00", strftime %z): `instant` is exact.
  std::optional<absl::Time> instant;
};

// Immutable after Compile; thread-safe.
class DateFormat {
 public:
  // `pivot_year`: two-digit years YY read as the year in [pivot_year, pivot_year + 99].
  // Errors: "date format 'YYDDX': unknown token 'X'".
  static absl::StatusOr<DateFormat> Compile(absl::string_view format, int pivot_year);

  absl::StatusOr<ParsedDateTime> Parse(absl::string_view text) const;

  // The format has hour/minute/second fields (ISO: may have).
  bool may_have_time() const { return kind_ == Kind::kIso || has_time_; }
  // The format never has a time of day (e.g. CCYYMMDD).
  bool date_only() const { return kind_ != Kind::kIso && !has_time_; }
  // Inputs may carry their own UTC offset (ISO, strftime with %z).
  bool may_have_offset() const { return kind_ == Kind::kIso || has_offset_; }
  // The format has date fields (false for a time-only pattern such as HHMMSS).
  bool has_date() const { return kind_ != Kind::kTokens || has_date_; }
  bool uses_two_digit_year() const { return two_digit_year_; }
  const std::string& text() const { return format_; }

 private:
  enum class Kind { kIso, kTokens, kStrftime };
  enum class Field {
    kLiteral,
    kYear4,
    kYear2,
    kMonth,
    kDay,
    kDayOfYear,
    kHour,
    kMinute,
    kSecond,
    kFraction
  };
  struct Token {
    Field field;
    int width;     // digits (or 1 for a literal)
    char literal;  // for kLiteral
  };

  absl::StatusOr<ParsedDateTime> ParseIso(absl::string_view text) const;
  absl::StatusOr<ParsedDateTime> ParseTokens(absl::string_view text) const;
  absl::StatusOr<ParsedDateTime> ParseStrftime(absl::string_view text) const;

  Kind kind_ = Kind::kIso;
  std::string format_;
  std::vector<Token> tokens_;
  int pivot_year_ = 1950;
  bool has_time_ = false;
  bool has_date_ = false;
  bool has_offset_ = false;
  bool two_digit_year_ = false;
};

}  // namespace omnihub::mapping
