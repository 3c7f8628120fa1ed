#include "adapters/mapping/date_format.h"

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/mapping/text_util.h"

namespace omnihub::mapping {
namespace {

constexpr absl::string_view kMonthNames[] = {"January",   "February", "March",    "April",
                                             "May",       "June",     "July",     "August",
                                             "September", "October",  "November", "December"};

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// The fields read from one input, before range checks.
struct Fields {
  int64_t year = 0;
  int month = 1;
  int day = 1;
  std::optional<int> yday;  // when the format has DDD
  int hour = 0;
  int minute = 0;
  int second = 0;
  int32_t nanos = 0;
  bool has_time = false;
};

absl::StatusOr<ParsedDateTime> Validate(absl::string_view text, const Fields& f) {
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat(Quote(text), " is not a valid date: ", why));
  };
  if (f.year < 1 || f.year > 9999) return bad(absl::StrCat("year ", f.year, " is out of range"));
  int month = f.month;
  int day = f.day;
  if (f.yday.has_value()) {
    const int days = IsLeap(f.year) ? 366 : 365;
    if (*f.yday < 1 || *f.yday > days) {
      return bad(absl::StrCat(f.year, " has ", days, " days, there is no day ", *f.yday));
    }
    const absl::CivilDay d = absl::CivilDay(f.year, 1, 1) + (*f.yday - 1);
    month = d.month();
    day = d.day();
  } else {
    if (month < 1 || month > 12) return bad(absl::StrCat("there is no month ", month));
    const int days = DaysInMonth(f.year, month);
    if (day < 1 || day > days) {
      return bad(absl::StrCat(kMonthNames[month - 1], " ", f.year, " has ", days,
                              " days, there is no day ", day));
    }
  }
  if (f.hour > 23) return bad(absl::StrCat("there is no hour ", f.hour));
  if (f.minute > 59) return bad(absl::StrCat("there is no minute ", f.minute));
  if (f.second > 59) return bad(absl::StrCat("there is no second ", f.second));
  ParsedDateTime out;
  out.civil = absl::CivilSecond(f.year, month, day, f.hour, f.minute, f.second);
  out.nanos = f.nanos;
  out.has_time = f.has_time;
  return out;
}

// Reads exactly `width` digits at `pos`; false when a non-digit is there.
bool ReadDigits(absl::string_view text, size_t& pos, int width, int64_t& out) {
  if (pos + static_cast<size_t>(width) > text.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < width; ++i) {
    const char c = text[pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<size_t>(width);
  out = v;
  return true;
}

int32_t FractionToNanos(int64_t digits, int width) {
  int64_t n = digits;
  for (int i = width; i < 9; ++i) n *= 10;
  return static_cast<int32_t>(n);
}

absl::Status Mismatch(absl::string_view text, absl::string_view format) {
  return absl::InvalidArgumentError(
      absl::StrCat(Quote(text), " does not match the date format ", Quote(format)));
}

}  // namespace

absl::StatusOr<DateFormat> DateFormat::Compile(absl::string_view format, int pivot_year) {
  DateFormat f;
  f.format_ = std::string(format);
  f.pivot_year_ = pivot_year;
  auto bad = [&](absl::string_view why) {
    return absl::InvalidArgumentError(absl::StrCat("date format ", Quote(format), ": ", why));
  };
  const std::string upper = absl::AsciiStrToUpper(format);
  if (upper == "ISO-8601" || upper == "ISO8601" || upper == "ISO") {
    f.kind_ = Kind::kIso;
    return f;
  }
  if (format.empty()) return bad("the format is empty");
  if (absl::StrContains(format, '%')) {
    f.kind_ = Kind::kStrftime;
    for (size_t i = 0; i + 1 < format.size(); ++i) {
      if (format[i] != '%') continue;
      size_t j = i + 1;
      while (j < format.size() && (format[j] == 'E' || format[j] == '*' || format[j] == 'O' ||
                                   absl::ascii_isdigit(static_cast<unsigned char>(format[j])))) {
        ++j;
      }
      if (j >= format.size()) break;
      const char d = format[j];
      if (absl::StrContains("HIMSTRsc", d)) f.has_time_ = true;
      if (d == 'z' || d == 'Z' || d == 's') f.has_offset_ = true;
      if (d == 'y') f.two_digit_year_ = true;
      i = j;
    }
    return f;
  }
  f.kind_ = Kind::kTokens;
  bool seen[10] = {};
  size_t i = 0;
  while (i < format.size()) {
    const absl::string_view rest = format.substr(i);
    auto take = [&](absl::string_view token, Field field, int width) {
      if (!absl::StartsWith(rest, token)) return false;
      f.tokens_.push_back(Token{field, width, 0});
      i += token.size();
      return true;
    };
    const bool after_hour = !f.tokens_.empty() &&
                            (f.tokens_.back().field == Field::kHour ||
                             (f.tokens_.size() >= 2 && f.tokens_.back().field == Field::kLiteral &&
                              f.tokens_[f.tokens_.size() - 2].field == Field::kHour));
    if (take("CCYY", Field::kYear4, 4) || take("YYYY", Field::kYear4, 4) ||
        take("YY", Field::kYear2, 2) || take("DDD", Field::kDayOfYear, 3) ||
        take("DD", Field::kDay, 2) || take("HH24", Field::kHour, 2) ||
        take("HH", Field::kHour, 2) || take("MI", Field::kMinute, 2) ||
        (after_hour && take("MM", Field::kMinute, 2)) || take("MM", Field::kMonth, 2) ||
        take("SS", Field::kSecond, 2)) {
      // A field token; duplicates are checked below.
    } else if (rest.front() == 'F') {
      int width = 0;
      while (i < format.size() && format[i] == 'F') {
        ++width;
        ++i;
      }
      if (width > 9) return bad("a fraction has at most 9 digits (FFFFFFFFF)");
      f.tokens_.push_back(Token{Field::kFraction, width, 0});
    } else if (absl::StrContains("/-:., T", rest.front())) {
      f.tokens_.push_back(Token{Field::kLiteral, 1, rest.front()});
      ++i;
    } else {
      // The unknown token: a run of the same letter, or one character.
      size_t n = 1;
      while (n < rest.size() && rest[n] == rest[0] && absl::ascii_isalpha(rest[0])) ++n;
      return bad(absl::StrCat("unknown token ", Quote(rest.substr(0, n)),
                              " (tokens: CCYY YYYY YY MM DD DDD HH MI SS F, separators / - : . , T "
                              "and space)"));
    }
    const Field field = f.tokens_.back().field;
    if (field == Field::kLiteral) continue;
    bool& was_seen = seen[static_cast<int>(field)];
    if (was_seen) return bad("a field appears twice");
    was_seen = true;
    if (field >= Field::kHour) f.has_time_ = true;
    if (field == Field::kYear2) f.two_digit_year_ = true;
  }
  const bool year = seen[static_cast<int>(Field::kYear4)] || seen[static_cast<int>(Field::kYear2)];
  const bool month = seen[static_cast<int>(Field::kMonth)];
  const bool day = seen[static_cast<int>(Field::kDay)];
  const bool yday = seen[static_cast<int>(Field::kDayOfYear)];
  if (seen[static_cast<int>(Field::kYear4)] && seen[static_cast<int>(Field::kYear2)]) {
    return bad("give the year once (CCYY or YY)");
  }
  if (yday && (month || day)) return bad("DDD (day of the year) cannot be combined with MM or DD");
  const bool any_date = year || month || day || yday;
  if (any_date && !(year && (yday || (month && day)))) {
    return bad("a date needs a year and either MM and DD or DDD");
  }
  if (!any_date && !f.has_time_) return bad("no date or time fields");
  f.has_date_ = any_date;
  if (seen[static_cast<int>(Field::kFraction)] && !seen[static_cast<int>(Field::kSecond)]) {
    return bad("a fraction (F) needs seconds (SS)");
  }
  return f;
}

absl::StatusOr<ParsedDateTime> DateFormat::Parse(absl::string_view text) const {
  switch (kind_) {
    case Kind::kIso:
      return ParseIso(text);
    case Kind::kTokens:
      return ParseTokens(text);
    case Kind::kStrftime:
      return ParseStrftime(text);
  }
  return Mismatch(text, format_);
}

absl::StatusOr<ParsedDateTime> DateFormat::ParseTokens(absl::string_view text) const {
  Fields f;
  f.has_time = has_time_;
  // A time-only format (HHMMSS) reads as that time on 1970-01-01.
  f.year = 1970;
  size_t pos = 0;
  for (const Token& t : tokens_) {
    if (t.field == Field::kLiteral) {
      if (pos >= text.size() || text[pos] != t.literal) return Mismatch(text, format_);
      ++pos;
      continue;
    }
    int64_t v = 0;
    if (!ReadDigits(text, pos, t.width, v)) return Mismatch(text, format_);
    switch (t.field) {
      case Field::kYear4:
        f.year = v;
        break;
      case Field::kYear2: {
        int64_t year = pivot_year_ - pivot_year_ % 100 + v;
        if (year < pivot_year_) year += 100;
        f.year = year;
        break;
      }
      case Field::kMonth:
        f.month = static_cast<int>(v);
        break;
      case Field::kDay:
        f.day = static_cast<int>(v);
        break;
      case Field::kDayOfYear:
        f.yday = static_cast<int>(v);
        break;
      case Field::kHour:
        f.hour = static_cast<int>(v);
        break;
      case Field::kMinute:
        f.minute = static_cast<int>(v);
        break;
      case Field::kSecond:
        f.second = static_cast<int>(v);
        break;
      case Field::kFraction:
        f.nanos = FractionToNanos(v, t.width);
        break;
      case Field::kLiteral:
        break;
    }
  }
  if (pos != text.size()) return Mismatch(text, format_);
  return Validate(text, f);
}

absl::StatusOr<ParsedDateTime> DateFormat::ParseIso(absl::string_view text) const {
  Fields f;
  size_t pos = 0;
  auto fail = [&] { return Mismatch(text, format_); };
  auto digits = [&](int width, int& out) {
    int64_t v = 0;
    if (!ReadDigits(text, pos, width, v)) return false;
    out = static_cast<int>(v);
    return true;
  };
  auto accept = [&](char c) {
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  };
  int year = 0;
  if (!digits(4, year)) return fail();
  f.year = year;
  const bool extended = accept('-');
  if (!digits(2, f.month)) return fail();
  if (extended && !accept('-')) return fail();
  if (!digits(2, f.day)) return fail();
  std::optional<int> offset_seconds;
  if (pos < text.size()) {
    if (!accept('T') && !accept('t') && !accept(' ')) return fail();
    f.has_time = true;
    if (!digits(2, f.hour)) return fail();
    const bool colon = accept(':');
    if (!digits(2, f.minute)) return fail();
    if (colon ? accept(':') : (pos < text.size() && absl::ascii_isdigit(text[pos]))) {
      if (!digits(2, f.second)) return fail();
      if (accept('.') || accept(',')) {
        int width = 0;
        int64_t fraction = 0;
        while (pos < text.size() && absl::ascii_isdigit(text[pos])) {
          if (++width > 9) {
            return absl::InvalidArgumentError(
                absl::StrCat(Quote(text), " has more than 9 digits of fractional seconds"));
          }
          fraction = fraction * 10 + (text[pos++] - '0');
        }
        if (width == 0) return fail();
        f.nanos = FractionToNanos(fraction, width);
      }
    }
    if (accept('Z') || accept('z')) {
      offset_seconds = 0;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      const int sign = text[pos++] == '-' ? -1 : 1;
      int oh = 0;
      int om = 0;
      if (!digits(2, oh)) return fail();
      if (pos < text.size()) {
        accept(':');
        if (!digits(2, om)) return fail();
      }
      if (oh > 23 || om > 59) {
        return absl::InvalidArgumentError(
            absl::StrCat(Quote(text), " has an impossible UTC offset"));
      }
      offset_seconds = sign * (oh * 3600 + om * 60);
    }
    if (pos != text.size()) return fail();
  }
  absl::StatusOr<ParsedDateTime> out = Validate(text, f);
  if (!out.ok() || !offset_seconds.has_value()) return out;
  // Seconds since the epoch by civil arithmetic: what FromCivil gives in UTC, without a look-up
  // in the zone (an order's timestamp on every record).
  out->instant = absl::FromUnixSeconds(out->civil - absl::CivilSecond(1970, 1, 1)) -
                 absl::Seconds(*offset_seconds) + absl::Nanoseconds(out->nanos);
  return out;
}

absl::StatusOr<ParsedDateTime> DateFormat::ParseStrftime(absl::string_view text) const {
  absl::Time t;
  std::string err;
  // absl::ParseTime takes std::string-compatible absl::string_view arguments.
  if (!absl::ParseTime(format_, std::string(text), absl::UTCTimeZone(), &t, &err)) {
    return absl::InvalidArgumentError(absl::StrCat(Quote(text), " does not match the date format ",
                                                   Quote(format_), " (", err, ")"));
  }
  if (t == absl::InfinitePast() || t == absl::InfiniteFuture()) return Mismatch(text, format_);
  const absl::TimeZone::CivilInfo ci = absl::UTCTimeZone().At(t);
  ParsedDateTime out;
  out.civil = ci.cs;
  out.nanos = static_cast<int32_t>(ci.subsecond / absl::Nanoseconds(1));
  out.has_time = has_time_;
  if (has_offset_) out.instant = t;
  if (out.civil.year() < 1 || out.civil.year() > 9999) {
    return absl::InvalidArgumentError(absl::StrCat(Quote(text), " is not a valid date: year ",
                                                   out.civil.year(), " is out of range"));
  }
  return out;
}

}  // namespace omnihub::mapping
