#include "tools/simulators/world/text.h"

#include <cctype>
#include <cstdio>

namespace omnihub::world {

using namespace std::chrono;

std::string Padded(uint64_t value, int width) {
  std::string digits = std::to_string(value);
  if (static_cast<int>(digits.size()) < width) {
    digits.insert(0, static_cast<size_t>(width) - digits.size(), '0');
  }
  return digits;
}

std::string Upper(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Slug(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  return out;
}

year_month_day DayOf(Time time) { return year_month_day{floor<days>(time)}; }

std::string FormatYyddd(Time time) {
  auto day = floor<days>(time);
  year_month_day ymd{day};
  auto first = sys_days{ymd.year() / January / 1};
  int year_in_century = static_cast<int>(ymd.year()) % 100;
  int day_of_year = static_cast<int>((day - first).count()) + 1;
  return Padded(static_cast<uint64_t>(year_in_century), 2) +
         Padded(static_cast<uint64_t>(day_of_year), 3);
}

std::string FormatCcyymmdd(Time time) {
  auto ymd = DayOf(time);
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d%02u%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return buffer;
}

std::string FormatHhmmss(Time time) {
  hh_mm_ss hms{time - floor<days>(time)};
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%02d%02d%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::string FormatDate(year_month_day day) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(day.year()),
                static_cast<unsigned>(day.month()), static_cast<unsigned>(day.day()));
  return buffer;
}

std::string FormatIso8601(Time time) {
  hh_mm_ss hms{time - floor<days>(time)};
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", FormatDate(DayOf(time)).c_str(),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buffer;
}

std::optional<Time> ParseIso8601(std::string_view text) {
  if (text.size() != 20 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' ||
      text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  auto number = [&](size_t at, size_t length, int& out) {
    out = 0;
    for (size_t i = at; i < at + length; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int y, mo, d, h, mi, s;
  if (!number(0, 4, y) || !number(5, 2, mo) || !number(8, 2, d) || !number(11, 2, h) ||
      !number(14, 2, mi) || !number(17, 2, s)) {
    return std::nullopt;
  }
  year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return Time{sys_days{ymd}} + hours{h} + minutes{mi} + seconds{s};
}

std::string DigitsOnly(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c >= '0' && c <= '9') out.push_back(c);
  }
  return out;
}

char LuhnCheckDigit(std::string_view payload) {
  int sum = 0;
  bool twice = true;  // the rightmost payload digit is doubled once the check digit is appended
  for (auto it = payload.rbegin(); it != payload.rend(); ++it) {
    int digit = *it - '0';
    if (twice) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    twice = !twice;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

bool LuhnValid(std::string_view digits) {
  if (digits.size() < 2) return false;
  for (char c : digits) {
    if (c < '0' || c > '9') return false;
  }
  return LuhnCheckDigit(digits.substr(0, digits.size() - 1)) == digits.back();
}

}  // namespace omnihub::world
