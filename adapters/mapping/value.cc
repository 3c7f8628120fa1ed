#include "adapters/mapping/value.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/time/time.h"
#include "adapters/mapping/currency.h"

namespace omnihub::mapping {
namespace {

// unscaled / 10^scale as text, without overflow for INT64_MIN.
std::string FormatScaled(int64_t unscaled, int scale) {
  const bool negative = unscaled < 0;
  const uint64_t magnitude =
      negative ? ~static_cast<uint64_t>(unscaled) + 1 : static_cast<uint64_t>(unscaled);
  const std::string digits = absl::StrCat(magnitude);
  if (scale <= 0) return negative ? absl::StrCat("-", digits) : digits;
  const auto decimals = static_cast<size_t>(scale);
  // Left-pad with zeros so there is at least one digit before the point: 5 at scale 2 -> "0.05".
  const std::string padded =
      digits.size() <= decimals
          ? absl::StrCat(std::string(decimals + 1 - digits.size(), '0'), digits)
          : digits;
  const absl::string_view v = padded;
  return absl::StrCat(negative ? "-" : "", v.substr(0, v.size() - decimals), ".",
                      v.substr(v.size() - decimals));
}

}  // namespace

std::string Decimal::ToString() const { return FormatScaled(unscaled, scale); }

std::string Money::ToString() const {
  return absl::StrCat(FormatScaled(minor_units, CurrencyMinorDigits(currency).value_or(2)), " ",
                      currency);
}

std::string Timestamp::ToString() const {
  const absl::Time t = absl::FromUnixSeconds(seconds) + absl::Nanoseconds(nanos);
  return absl::FormatTime("%Y-%m-%d%ET%H:%M:%E*SZ", t, absl::UTCTimeZone());
}

std::string Date::ToString() const { return absl::StrFormat("%04d-%02d-%02d", year, month, day); }

absl::string_view KindName(ValueKind kind) {
  switch (kind) {
    case ValueKind::kNull:
      return "null";
    case ValueKind::kText:
      return "text";
    case ValueKind::kInteger:
      return "integer";
    case ValueKind::kDecimal:
      return "decimal";
    case ValueKind::kMoney:
      return "money";
    case ValueKind::kTimestamp:
      return "timestamp";
    case ValueKind::kDate:
      return "date";
    case ValueKind::kBool:
      return "boolean";
  }
  return "unknown";
}

std::string Value::ToString() const {
  switch (kind()) {
    case ValueKind::kNull:
      return "";
    case ValueKind::kText:
      return text();
    case ValueKind::kInteger:
      return absl::StrCat(integer());
    case ValueKind::kDecimal:
      return decimal().ToString();
    case ValueKind::kMoney:
      return money().ToString();
    case ValueKind::kTimestamp:
      return timestamp().ToString();
    case ValueKind::kDate:
      return date().ToString();
    case ValueKind::kBool:
      return boolean() ? "true" : "false";
  }
  return "";
}

std::string Value::DebugString() const {
  return absl::StrCat(KindName(kind()), "(", ToString(), ")");
}

}  // namespace omnihub::mapping
