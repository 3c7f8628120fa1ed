// Small text and number formatting helpers of the world generator (internal).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "tools/simulators/world/world.h"

namespace omnihub::world {

// `value` as decimal, zero-padded to `width` digits.
std::string Padded(uint64_t value, int width);
std::string Upper(std::string_view text);
std::string Lower(std::string_view text);
// Letters and digits only, lower-case ("O'Brien" -> "obrien").
std::string Slug(std::string_view text);
// YYDDD (year in century and day of year), as the mainframe stores dates.
std::string FormatYyddd(Time time);
// CCYYMMDD and HHMMSS.
std::string FormatCcyymmdd(Time time);
std::string FormatHhmmss(Time time);
std::chrono::year_month_day DayOf(Time time);

}  // namespace omnihub::world
