#include "adapters/odbc/value.h"

#include <chrono>
#include <cstdio>
#include <limits>

#include "absl/strings/str_cat.h"

namespace omnihub::odbc {
namespace {

bool Digits(std::string_view text, size_t at, size_t count, int* out) {
  if (at + count > text.size()) return false;
  int value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    value = value * 10 + (text[i] - '0');
  }
  *out = value;
  return true;
}

bool RealDay(int year, int month, int day) {
  using namespace std::chrono;
  if (year < 1 || year > 9999) return false;
  return year_month_day{std::chrono::year{year}, std::chrono::month{static_cast<unsigned>(month)},
                        std::chrono::day{static_cast<unsigned>(day)}}
      .ok();
}

std::string Quoted(std::string_view text) {
  return absl::StrCat("'", Absl(text.substr(0, 64)), text.size() > 64 ? "...'" : "'");
}

}  // namespace

SqlParam SqlParam::Null(Kind as) {
  SqlParam param;
  param.null_kind_ = as == Kind::kNull ? Kind::kText : as;
  return param;
}

SqlParam SqlParam::Text(std::string utf8) {
  SqlParam param;
  param.kind_ = Kind::kText;
  param.text_ = std::move(utf8);
  return param;
}

SqlParam SqlParam::Integer(int64_t value) {
  SqlParam param;
  param.kind_ = Kind::kInteger;
  param.integer_ = value;
  return param;
}

SqlParam SqlParam::Decimal(std::string text) {
  SqlParam param;
  param.kind_ = Kind::kDecimal;
  param.text_ = std::move(text);
  return param;
}

SqlParam SqlParam::Date(std::string iso) {
  SqlParam param;
  param.kind_ = Kind::kDate;
  param.text_ = std::move(iso);
  return param;
}

SqlParam SqlParam::Timestamp(std::string iso) {
  SqlParam param;
  param.kind_ = Kind::kTimestamp;
  param.text_ = std::move(iso);
  return param;
}

absl::Status SqlParam::Validate() const {
  switch (kind_) {
    case Kind::kNull:
    case Kind::kInteger:
      return absl::OkStatus();
    case Kind::kText: {
      if (text_.find('\0') != std::string::npos) {
        return absl::InvalidArgumentError("text parameter contains a NUL byte");
      }
      auto utf16 = Utf8ToUtf16(text_);
      return utf16.status();
    }
    case Kind::kDecimal:
      if (!IsDecimalText(text_)) {
        return absl::InvalidArgumentError(
            absl::StrCat("decimal parameter ", Quoted(text_),
                         " is not exact decimal text like -12.50 (at most 38 digits)"));
      }
      return absl::OkStatus();
    case Kind::kDate:
      return ValidateDate(text_);
    case Kind::kTimestamp:
      return ParseTimestamp(text_, /*zone_required=*/true).status();
  }
  return absl::InternalError("unknown parameter kind");
}

absl::Status ValidateDate(std::string_view text) {
  int year, month, day;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, &year) ||
      !Digits(text, 5, 2, &month) || !Digits(text, 8, 2, &day) || !RealDay(year, month, day)) {
    return absl::InvalidArgumentError(
        absl::StrCat("date ", Quoted(text), " is not a calendar day as YYYY-MM-DD"));
  }
  return absl::OkStatus();
}

absl::StatusOr<UtcTimestamp> ParseTimestamp(std::string_view text, bool zone_required) {
  auto bad = [&](std::string_view why) {
    return absl::InvalidArgumentError(
        absl::StrCat("timestamp ", Quoted(text),
                     " is not ISO 8601 (YYYY-MM-DDTHH:MM:SS[.f][Z|+HH:MM]): ", Absl(why)));
  };
  UtcTimestamp t;
  if (text.size() < 19 || !ValidateDate(text.substr(0, 10)).ok()) return bad("bad date");
  Digits(text, 0, 4, &t.year);
  Digits(text, 5, 2, &t.month);
  Digits(text, 8, 2, &t.day);
  if ((text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':' ||
      !Digits(text, 11, 2, &t.hour) || !Digits(text, 14, 2, &t.minute) ||
      !Digits(text, 17, 2, &t.second) || t.hour > 23 || t.minute > 59 || t.second > 59) {
    return bad("bad time of day");
  }
  size_t at = 19;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t digits = 0;
    uint32_t nanos = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') {
      if (digits < 9) nanos = nanos * 10 + static_cast<uint32_t>(text[at] - '0');
      ++digits;
      ++at;
    }
    if (digits == 0 || digits > 9) return bad("fraction must have 1 to 9 digits");
    for (size_t d = digits; d < 9; ++d) nanos *= 10;
    t.nanos = nanos;
  }
  int offset_minutes = 0;
  if (at == text.size()) {
    if (zone_required) return bad("a zone (Z or +HH:MM) is required");
  } else if (text[at] == 'Z' && at + 1 == text.size()) {
  } else if (text[at] == '+' || text[at] == '-') {
    int sign = text[at] == '-' ? -1 : 1;
    std::string_view zone = text.substr(at + 1);
    int hours = 0, minutes = 0;
    bool ok = false;
    if (zone.size() == 2) {
      ok = Digits(zone, 0, 2, &hours);
    } else if (zone.size() == 4) {
      ok = Digits(zone, 0, 2, &hours) && Digits(zone, 2, 2, &minutes);
    } else if (zone.size() == 5 && zone[2] == ':') {
      ok = Digits(zone, 0, 2, &hours) && Digits(zone, 3, 2, &minutes);
    }
    if (!ok || hours > 18 || minutes > 59) return bad("bad zone offset");
    offset_minutes = sign * (hours * 60 + minutes);
  } else {
    return bad("unexpected characters after the time");
  }
  if (offset_minutes != 0) {
    using namespace std::chrono;
    sys_seconds local = sys_days{year_month_day{std::chrono::year{t.year},
                                                std::chrono::month{static_cast<unsigned>(t.month)},
                                                std::chrono::day{static_cast<unsigned>(t.day)}}} +
                        hours{t.hour} + minutes{t.minute} + seconds{t.second};
    sys_seconds utc = local - minutes{offset_minutes};
    auto day = floor<days>(utc);
    year_month_day ymd{day};
    hh_mm_ss hms{utc - day};
    t.year = static_cast<int>(ymd.year());
    t.month = static_cast<int>(static_cast<unsigned>(ymd.month()));
    t.day = static_cast<int>(static_cast<unsigned>(ymd.day()));
    t.hour = static_cast<int>(hms.hours().count());
    t.minute = static_cast<int>(hms.minutes().count());
    t.second = static_cast<int>(hms.seconds().count());
    if (t.year < 1 || t.year > 9999) return bad("out of range once converted to UTC");
  }
  return t;
}

std::string FormatTimestamp(const UtcTimestamp& t) {
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d", t.year, t.month, t.day,
                t.hour, t.minute, t.second);
  std::string out = buffer;
  if (t.nanos != 0) {
    std::snprintf(buffer, sizeof(buffer), ".%09u", t.nanos);
    std::string fraction = buffer;
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  out += 'Z';
  return out;
}

bool IsDecimalText(std::string_view text) {
  size_t at = 0;
  if (at < text.size() && (text[at] == '-' || text[at] == '+')) ++at;
  size_t digits = 0, integer_digits = 0;
  while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits, ++integer_digits;
  if (at < text.size() && text[at] == '.') {
    ++at;
    size_t fraction = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at, ++digits, ++fraction;
    if (fraction == 0) return false;
  }
  return at == text.size() && integer_digits > 0 && digits <= 38;
}

absl::StatusOr<int64_t> DecimalToMinorUnits(std::string_view text, int scale) {
  if (!IsDecimalText(text) || scale < 0 || scale > 18) {
    return absl::InvalidArgumentError(
        absl::StrCat("decimal ", Quoted(text), " is not exact decimal text"));
  }
  bool negative = text[0] == '-';
  if (text[0] == '-' || text[0] == '+') text.remove_prefix(1);
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  for (size_t i = static_cast<size_t>(scale); i < fraction.size(); ++i) {
    if (fraction[i] != '0') {
      return absl::InvalidArgumentError(absl::StrCat("decimal ", Quoted(text), " has more than ",
                                                     scale, " significant fraction digits"));
    }
  }
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  int64_t value = 0;
  auto push = [&](char digit) {
    int d = digit - '0';
    if (value > (kMax - d) / 10) return false;
    value = value * 10 + d;
    return true;
  };
  for (char c : whole) {
    if (!push(c))
      return absl::InvalidArgumentError(absl::StrCat("decimal ", Quoted(text), " overflows"));
  }
  for (int i = 0; i < scale; ++i) {
    char c = static_cast<size_t>(i) < fraction.size() ? fraction[i] : '0';
    if (!push(c))
      return absl::InvalidArgumentError(absl::StrCat("decimal ", Quoted(text), " overflows"));
  }
  return negative ? -value : value;
}

absl::StatusOr<std::u16string> Utf8ToUtf16(std::string_view utf8) {
  std::u16string out;
  out.reserve(utf8.size());
  size_t i = 0;
  while (i < utf8.size()) {
    unsigned char c = static_cast<unsigned char>(utf8[i]);
    char32_t code;
    size_t length;
    if (c < 0x80) {
      code = c, length = 1;
    } else if ((c & 0xE0) == 0xC0) {
      code = c & 0x1F, length = 2;
    } else if ((c & 0xF0) == 0xE0) {
      code = c & 0x0F, length = 3;
    } else if ((c & 0xF8) == 0xF0) {
      code = c & 0x07, length = 4;
    } else {
      return absl::InvalidArgumentError(absl::StrCat("text is not UTF-8 at byte ", i));
    }
    if (i + length > utf8.size()) {
      return absl::InvalidArgumentError(absl::StrCat("text is not UTF-8 at byte ", i));
    }
    for (size_t k = 1; k < length; ++k) {
      unsigned char next = static_cast<unsigned char>(utf8[i + k]);
      if ((next & 0xC0) != 0x80) {
        return absl::InvalidArgumentError(absl::StrCat("text is not UTF-8 at byte ", i));
      }
      code = (code << 6) | (next & 0x3F);
    }
    static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
    if (code < kMin[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) {
      return absl::InvalidArgumentError(absl::StrCat("text is not UTF-8 at byte ", i));
    }
    if (code >= 0x10000) {
      code -= 0x10000;
      out.push_back(static_cast<char16_t>(0xD800 + (code >> 10)));
      out.push_back(static_cast<char16_t>(0xDC00 + (code & 0x3FF)));
    } else {
      out.push_back(static_cast<char16_t>(code));
    }
    i += length;
  }
  return out;
}

std::string Utf16ToUtf8(std::u16string_view utf16) {
  std::string out;
  out.reserve(utf16.size());
  for (size_t i = 0; i < utf16.size(); ++i) {
    char32_t code = utf16[i];
    if (code >= 0xD800 && code <= 0xDBFF && i + 1 < utf16.size() && utf16[i + 1] >= 0xDC00 &&
        utf16[i + 1] <= 0xDFFF) {
      code = 0x10000 + ((code - 0xD800) << 10) + (utf16[i + 1] - 0xDC00);
      ++i;
    } else if (code >= 0xD800 && code <= 0xDFFF) {
      code = 0xFFFD;
    }
    if (code < 0x80) {
      out.push_back(static_cast<char>(code));
    } else if (code < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (code >> 6)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else if (code < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (code >> 12)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (code >> 18)));
      out.push_back(static_cast<char>(0x80 | ((code >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (code & 0x3F)));
    }
  }
  return out;
}

}  // namespace omnihub::odbc
