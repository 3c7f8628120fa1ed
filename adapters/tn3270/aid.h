// Attention identifiers (AID): the byte that starts every inbound record and says which key the
// operator pressed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace omnihub::tn3270 {

enum class Aid : std::uint8_t {
  kNone = 0x60,
  kEnter = 0x7D,
  kClear = 0x6D,
  kPa1 = 0x6C,
  kPa2 = 0x6E,
  kPa3 = 0x6B,
  kPf1 = 0xF1,
  kPf2 = 0xF2,
  kPf3 = 0xF3,
  kPf4 = 0xF4,
  kPf5 = 0xF5,
  kPf6 = 0xF6,
  kPf7 = 0xF7,
  kPf8 = 0xF8,
  kPf9 = 0xF9,
  kPf10 = 0x7A,
  kPf11 = 0x7B,
  kPf12 = 0x7C,
  kPf13 = 0xC1,
  kPf14 = 0xC2,
  kPf15 = 0xC3,
  kPf16 = 0xC4,
  kPf17 = 0xC5,
  kPf18 = 0xC6,
  kPf19 = 0xC7,
  kPf20 = 0xC8,
  kPf21 = 0xC9,
  kPf22 = 0x4A,
  kPf23 = 0x4B,
  kPf24 = 0x4C,
  kStructuredField = 0x88,  // inbound structured fields (Query Reply)
  kSysReq = 0xF0,
};

// PF1..PF24; nullopt outside that range.
std::optional<Aid> PfKey(int number);
// PA1..PA3; nullopt outside that range.
std::optional<Aid> PaKey(int number);
// "Enter", "Clear", "PF1".."PF24", "PA1".."PA3" (case-insensitive).
std::optional<Aid> ParseAid(std::string_view name);
std::string AidName(Aid aid);
// Clear and PA keys: the terminal sends only the AID (a short read), no cursor or data.
bool IsShortReadAid(Aid aid);

}  // namespace omnihub::tn3270
