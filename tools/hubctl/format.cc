// Money, timestamps, durations and enum values as readable text.
#include "tools/hubctl/format.h"

#include <cctype>
#include <cstdint>
#include <cstdio>
#include <ctime>

namespace omnihub::hubctl {
namespace {

// Currencies shown with a symbol; every other one as "CODE 12.34".
const char* CurrencySymbol(const std::string& code) {
  if (code == "GBP") return "£";
  if (code == "EUR") return "€";
  if (code == "USD") return "$";
  return nullptr;
}

// ISO 4217 minor-unit digits; 2 for everything not listed.
int MinorDigits(const std::string& code) {
  if (code == "JPY" || code == "KRW" || code == "ISK" || code == "CLP") return 0;
  if (code == "BHD" || code == "KWD" || code == "OMR" || code == "JOD" || code == "TND") return 3;
  return 2;
}

std::string FormatUtc(const google::protobuf::Timestamp& timestamp, const char* format) {
  if (timestamp.seconds() == 0 && timestamp.nanos() == 0) return "-";
  const std::time_t seconds = static_cast<std::time_t>(timestamp.seconds());
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[64];
  const size_t length = std::strftime(buffer, sizeof buffer, format, &utc);
  return std::string(buffer, length);
}

}  // namespace

std::string FormatMoney(const v1::Money& money) {
  if (money.currency_code().empty()) return "-";
  const int digits = MinorDigits(money.currency_code());
  const bool negative = money.amount_minor() < 0;
  // Magnitude as unsigned, so INT64_MIN does not overflow.
  const uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(money.amount_minor())
                                      : static_cast<uint64_t>(money.amount_minor());
  uint64_t scale = 1;
  for (int i = 0; i < digits; ++i) scale *= 10;
  const std::string units = std::to_string(magnitude / scale);
  std::string number;  // units with a comma between groups of three digits
  for (size_t i = 0; i < units.size(); ++i) {
    if (i > 0 && (units.size() - i) % 3 == 0) number += ',';
    number += units[i];
  }
  if (digits > 0) {
    std::string fraction = std::to_string(magnitude % scale);
    fraction.insert(0, static_cast<size_t>(digits) - fraction.size(), '0');
    number += "." + fraction;
  }
  const char* symbol = CurrencySymbol(money.currency_code());
  const std::string sign = negative ? "-" : "";
  if (symbol) return sign + symbol + number;
  return money.currency_code() + " " + sign + number;
}

std::string FormatTimestamp(const google::protobuf::Timestamp& timestamp) {
  return FormatUtc(timestamp, "%Y-%m-%d %H:%M:%SZ");
}

std::string FormatDate(const google::protobuf::Timestamp& timestamp) {
  return FormatUtc(timestamp, "%Y-%m-%d");
}

std::string FormatDuration(const google::protobuf::Duration& duration) {
  const int64_t micros = duration.seconds() * 1000000 + duration.nanos() / 1000;
  if (micros == 0) return "-";
  char buffer[32];
  if (micros < 1000000) {
    std::snprintf(buffer, sizeof buffer, "%lld ms", static_cast<long long>((micros + 500) / 1000));
  } else {
    std::snprintf(buffer, sizeof buffer, "%.2f s", static_cast<double>(micros) / 1e6);
  }
  return buffer;
}

std::string EnumLabel(std::string_view name, std::string_view prefix) {
  if (name.substr(0, prefix.size()) == prefix) name.remove_prefix(prefix.size());
  if (name.empty() || name == "UNSPECIFIED") return "-";
  std::string label;
  for (char c : name) {
    label += c == '_' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return label;
}

std::string FormatAddress(const v1::PostalAddress& address) {
  std::string text;
  auto append = [&text](const std::string& part) {
    if (part.empty()) return;
    if (!text.empty()) text += ", ";
    text += part;
  };
  for (const auto& line : address.lines()) append(line);
  append(address.locality());
  append(address.region());
  append(address.postal_code());
  append(address.country_code());
  return text;
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : text; }

}  // namespace omnihub::hubctl
