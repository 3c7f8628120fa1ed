#include "adapters/mapping/number_parsing.h"

#include <limits>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/text_util.h"

namespace omnihub::mapping {
namespace {

constexpr uint64_t kMaxMagnitude = static_cast<uint64_t>(std::numeric_limits<int64_t>::max());

absl::Status NotANumber(absl::string_view text, absl::string_view what) {
  return absl::InvalidArgumentError(absl::StrCat(Quote(text), " is not ", what));
}

absl::Status TooLarge(absl::string_view text) {
  return absl::InvalidArgumentError(absl::StrCat(
      Quote(text), " is too large: numbers must lie within ±9223372036854775807 (19 digits)"));
}

absl::string_view StripSpaces(absl::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Appends a digit to a magnitude; false on overflow past INT64_MAX + 1 (room for INT64_MIN).
bool PushDigit(uint64_t& magnitude, int digit) {
  if (magnitude > (kMaxMagnitude + 1 - static_cast<uint64_t>(digit)) / 10) return false;
  magnitude = magnitude * 10 + static_cast<uint64_t>(digit);
  return true;
}

// Signed value of a magnitude; false when it does not fit.
bool ToSigned(uint64_t magnitude, bool negative, int64_t& out) {
  if (negative) {
    if (magnitude > kMaxMagnitude + 1) return false;
    out = magnitude == kMaxMagnitude + 1 ? std::numeric_limits<int64_t>::min()
                                         : -static_cast<int64_t>(magnitude);
    return true;
  }
  if (magnitude > kMaxMagnitude) return false;
  out = static_cast<int64_t>(magnitude);
  return true;
}

constexpr int64_t Pow10(int n) {
  int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

}  // namespace

absl::StatusOr<int64_t> ParseInteger(absl::string_view raw, char thousands) {
  absl::StatusOr<Decimal> d = ParseDecimal(raw, /*decimal_separator=*/0, thousands);
  if (!d.ok()) return d.status();
  return d->unscaled;
}

absl::StatusOr<Decimal> ParseDecimal(absl::string_view raw, char decimal_separator,
                                     char thousands) {
  // Most values are a few digits with at most one decimal separator, e.g. "19.99": read in one
  // pass (18 digits cannot overflow, nor exceed kMaxScale). Anything else (signs, spaces, group
  // separators, errors) takes the general path, which gives the same value for these.
  if (!raw.empty() && raw.size() <= 18) {
    uint64_t magnitude = 0;
    int scale = 0;
    bool in_fraction = false;
    size_t i = 0;
    for (; i < raw.size(); ++i) {
      const char c = raw[i];
      if (c >= '0' && c <= '9') {
        magnitude = magnitude * 10 + static_cast<uint64_t>(c - '0');
        scale += in_fraction ? 1 : 0;
      } else if (c == decimal_separator && decimal_separator != 0 && !in_fraction) {
        in_fraction = true;
      } else {
        break;
      }
    }
    if (i == raw.size() && (raw.size() > 1 || !in_fraction)) {
      return Decimal{static_cast<int64_t>(magnitude), scale};
    }
  }
  const absl::string_view what = decimal_separator == 0 ? "a whole number" : "a decimal number";
  absl::string_view s = StripSpaces(raw);
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  uint64_t magnitude = 0;
  int scale = 0;
  int digits = 0;
  bool in_fraction = false;
  bool overflow = false;
  char previous = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      ++digits;
      if (in_fraction && ++scale > kMaxScale) {
        return absl::InvalidArgumentError(
            absl::StrCat(Quote(raw), " has more than ", kMaxScale, " decimals"));
      }
      overflow = overflow || !PushDigit(magnitude, c - '0');
    } else if (decimal_separator != 0 && c == decimal_separator && !in_fraction) {
      if (previous == thousands && thousands != 0) return NotANumber(raw, what);
      in_fraction = true;
    } else if (thousands != 0 && c == thousands && !in_fraction && digits > 0 &&
               previous != thousands) {
      // A group separator between digits of the integer part.
    } else {
      return NotANumber(raw, what);
    }
    previous = c;
  }
  if (digits == 0 || (thousands != 0 && previous == thousands)) return NotANumber(raw, what);
  Decimal d;
  d.scale = scale;
  if (overflow || !ToSigned(magnitude, negative, d.unscaled)) return TooLarge(raw);
  return d;
}

std::optional<Overpunch> DecodeOverpunch(char c) {
  if (c >= '0' && c <= '9') return Overpunch{c - '0', false};
  if (c == '{') return Overpunch{0, false};
  if (c >= 'A' && c <= 'I') return Overpunch{c - 'A' + 1, false};
  if (c == '}') return Overpunch{0, true};
  if (c >= 'J' && c <= 'R') return Overpunch{c - 'J' + 1, true};
  return std::nullopt;
}

absl::StatusOr<Decimal> ParseImpliedDecimal(absl::string_view text, int decimals, SignMode sign,
                                            std::optional<int> digits) {
  absl::string_view body = text;
  bool negative = false;
  std::optional<int> last_digit;
  switch (sign) {
    case SignMode::kNone:
      break;
    case SignMode::kLeading:
      if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
        negative = body.front() == '-';
        body.remove_prefix(1);
      }
      break;
    case SignMode::kTrailing:
      if (!body.empty() && (body.back() == '-' || body.back() == '+')) {
        negative = body.back() == '-';
        body.remove_suffix(1);
      }
      break;
    case SignMode::kOverpunch:
      if (!body.empty()) {
        std::optional<Overpunch> op = DecodeOverpunch(body.back());
        if (!op.has_value()) {
          return absl::InvalidArgumentError(absl::StrCat(
              Quote(text), " does not end in a digit or an overpunched sign ({, A-I, }, J-R)"));
        }
        negative = op->negative;
        last_digit = op->digit;
        body.remove_suffix(1);
      }
      break;
  }
  const int count = static_cast<int>(body.size()) + (last_digit.has_value() ? 1 : 0);
  if (count == 0) return NotANumber(text, "a number");
  uint64_t magnitude = 0;
  bool overflow = false;
  for (char c : body) {
    if (c < '0' || c > '9') {
      return absl::InvalidArgumentError(absl::StrCat(
          Quote(text), " is not an implied-decimal number: only digits",
          sign == SignMode::kNone ? "" : " and a sign", " may appear, found ", Quote({&c, 1})));
    }
    overflow = overflow || !PushDigit(magnitude, c - '0');
  }
  if (last_digit.has_value()) overflow = overflow || !PushDigit(magnitude, *last_digit);
  if (digits.has_value() && count != *digits) {
    return absl::InvalidArgumentError(
        absl::StrCat(Quote(text), " has ", count, " digits, the layout has ", *digits));
  }
  Decimal d;
  d.scale = decimals;
  if (overflow || !ToSigned(magnitude, negative, d.unscaled)) return TooLarge(text);
  return d;
}

absl::StatusOr<Decimal> Rescale(const Decimal& d, int scale, Rounding rounding) {
  if (scale == d.scale) return d;
  Decimal out;
  out.scale = scale;
  if (scale > d.scale) {
    if (scale - d.scale > kMaxScale ||
        __builtin_mul_overflow(d.unscaled, Pow10(scale - d.scale), &out.unscaled)) {
      return absl::InvalidArgumentError(
          absl::StrCat(d.ToString(), " is too large to carry ", scale, " decimals"));
    }
    return out;
  }
  const int64_t divisor = Pow10(d.scale - scale);
  int64_t quotient = d.unscaled / divisor;
  const int64_t remainder = d.unscaled % divisor;  // same sign as unscaled
  if (remainder != 0) {
    if (rounding == Rounding::kRefuse) {
      return absl::InvalidArgumentError(
          absl::StrCat(d.ToString(), " has more than ", scale,
                       " decimals and rounding was not asked for (round=\"half-even\")"));
    }
    const int64_t rest = remainder < 0 ? -remainder : remainder;  // < divisor, no overflow
    const bool up = rest > divisor - rest || (rest == divisor - rest && quotient % 2 != 0);
    if (up) quotient += d.unscaled < 0 ? -1 : 1;
  }
  out.unscaled = quotient;
  return out;
}

}  // namespace omnihub::mapping
