// Exact number parsing for mapped fields: integers and decimals with overflow detection, COBOL
// implied-decimal fields (PIC S9(7)V99) with leading, trailing or overpunched signs, and rescaling
// with explicit rounding. Never floating point, never undefined behaviour on huge input: a number
// that does not fit is an INVALID_ARGUMENT naming it.
#pragma once

#include <cstdint>
#include <optional>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping {

// The largest scale a Decimal carries (10^18 still fits in int64).
inline constexpr int kMaxScale = 18;

// "-123", "+7", "1,234,567" with thousands=','. Surrounding ASCII spaces are ignored.
absl::StatusOr<int64_t> ParseInteger(absl::string_view text, char thousands = 0);

// "123.45" -> {12345, 2}; "12,30" with decimal_separator=','. The scale is the number of decimals
// written (trailing zeros kept). Surrounding ASCII spaces are ignored.
absl::StatusOr<Decimal> ParseDecimal(absl::string_view text, char decimal_separator = '.',
                                     char thousands = 0);

// Where the sign of an implied-decimal field is.
enum class SignMode {
  kNone,       // digits only, always positive
  kLeading,    // optional '+' or '-' before the digits
  kTrailing,   // optional '+' or '-' after the digits
  kOverpunch,  // zoned decimal: the last digit carries the sign ({ A-I positive, } J-R negative)
};

// The digit and sign an overpunched last character stands for: '{' -> (0, +), 'C' -> (3, +),
// '}' -> (0, -), 'J' -> (1, -); a plain digit is positive. nullopt for anything else.
struct Overpunch {
  int digit;
  bool negative;
};
std::optional<Overpunch> DecodeOverpunch(char c);

// A COBOL implied-decimal field: "000012345" with decimals=2 -> {12345, 2} (123.45).
// `digits`, when set, is the exact number of digits the layout has (PIC 9(7)V99 -> 9).
absl::StatusOr<Decimal> ParseImpliedDecimal(absl::string_view text, int decimals, SignMode sign,
                                            std::optional<int> digits = std::nullopt);

// How Rescale may lose decimals.
enum class Rounding {
  kRefuse,    // fail when a non-zero decimal would be lost
  kHalfEven,  // banker's rounding
};

// `d` with exactly `scale` decimals: 12.3 -> 12.30; 12.345 -> 12.34 (half-even) or an error.
absl::StatusOr<Decimal> Rescale(const Decimal& d, int scale, Rounding rounding);

}  // namespace omnihub::mapping
