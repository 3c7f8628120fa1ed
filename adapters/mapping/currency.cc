#include "adapters/mapping/currency.h"

#include <cstdint>
#include <utility>

namespace omnihub::mapping {
namespace {

// A three-letter code as one number, so that the tables below are searched by integer
// comparisons rather than a string comparison per entry (a money field of every record).
constexpr uint32_t Key(absl::string_view code) {
  return static_cast<uint32_t>(static_cast<unsigned char>(code[0])) << 16 |
         static_cast<uint32_t>(static_cast<unsigned char>(code[1])) << 8 |
         static_cast<uint32_t>(static_cast<unsigned char>(code[2]));
}

}  // namespace

std::optional<int> CurrencyMinorDigits(absl::string_view code) {
  // Currencies whose minor unit is not 1/100; every other listed code has two decimals.
  static constexpr std::pair<uint32_t, int> kOdd[] = {
      {Key("JPY"), 0}, {Key("KRW"), 0}, {Key("ISK"), 0}, {Key("CLP"), 0}, {Key("VND"), 0},
      {Key("XAF"), 0}, {Key("XOF"), 0}, {Key("XPF"), 0}, {Key("PYG"), 0}, {Key("UGX"), 0},
      {Key("BHD"), 3}, {Key("KWD"), 3}, {Key("OMR"), 3}, {Key("JOD"), 3}, {Key("TND"), 3},
      {Key("LYD"), 3}, {Key("IQD"), 3}};
  static constexpr uint32_t kTwo[] = {
      Key("GBP"), Key("EUR"), Key("USD"), Key("CHF"), Key("SEK"), Key("NOK"), Key("DKK"),
      Key("PLN"), Key("CZK"), Key("HUF"), Key("RON"), Key("BGN"), Key("CAD"), Key("AUD"),
      Key("NZD"), Key("CNY"), Key("HKD"), Key("SGD"), Key("INR"), Key("ZAR"), Key("BRL"),
      Key("MXN"), Key("TRY"), Key("AED"), Key("SAR"), Key("ILS"), Key("THB"), Key("MYR"),
      Key("PHP"), Key("IDR"), Key("TWD"), Key("ARS"), Key("COP"), Key("PEN"), Key("EGP"),
      Key("MAD"), Key("NGN"), Key("KES"), Key("UAH"), Key("RUB"), Key("QAR"), Key("RSD"),
      Key("ISK")};
  if (code.size() != 3) return std::nullopt;
  const uint32_t key = Key(code);
  for (const auto& [c, digits] : kOdd) {
    if (c == key) return digits;
  }
  for (uint32_t c : kTwo) {
    if (c == key) return 2;
  }
  return std::nullopt;
}

}  // namespace omnihub::mapping
