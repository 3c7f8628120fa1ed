// ISO 4217 currencies the mapping engine knows, with the number of decimals (minor-unit digits)
// each one has: GBP 2, JPY 0, KWD 3.
#pragma once

#include <optional>

#include "absl/strings/string_view.h"

namespace omnihub::mapping {

// The minor-unit digits of `code` ("GBP" -> 2), or nullopt for a code not in the table.
std::optional<int> CurrencyMinorDigits(absl::string_view code);

}  // namespace omnihub::mapping
