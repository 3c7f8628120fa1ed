#include "adapters/mapping/currency.h"

#include <utility>

namespace omnihub::mapping {

std::optional<int> CurrencyMinorDigits(absl::string_view code) {
  // Currencies whose minor unit is not 1/100; every other listed code has two decimals.
  static constexpr std::pair<absl::string_view, int> kOdd[] = {
      {"JPY", 0}, {"KRW", 0}, {"ISK", 0}, {"CLP", 0}, {"VND", 0}, {"XAF", 0},
      {"XOF", 0}, {"XPF", 0}, {"PYG", 0}, {"UGX", 0}, {"BHD", 3}, {"KWD", 3},
      {"OMR", 3}, {"JOD", 3}, {"TND", 3}, {"LYD", 3}, {"IQD", 3}};
  static constexpr absl::string_view kTwo[] = {
      "GBP", "EUR", "USD", "CHF", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RON",
      "BGN", "CAD", "AUD", "NZD", "CNY", "HKD", "SGD", "INR", "ZAR", "BRL", "MXN",
      "TRY", "AED", "SAR", "ILS", "THB", "MYR", "PHP", "IDR", "TWD", "ARS", "COP",
      "PEN", "EGP", "MAD", "NGN", "KES", "UAH", "RUB", "QAR", "RSD", "ISK"};
  for (const auto& [c, digits] : kOdd) {
    if (c == code) return digits;
  }
  for (absl::string_view c : kTwo) {
    if (c == code) return 2;
  }
  return std::nullopt;
}

}  // namespace omnihub::mapping
