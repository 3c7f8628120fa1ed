// The host's side of the 3270 data stream, as the simulator needs it: Erase/Write of a Screen
// (WCC, SF, SBA, IC orders; EBCDIC 037 text) outbound, and the terminal's inbound Read Modified
// reply (AID, cursor address, SBA + field data) parsed back into field values by name.
// 12-bit buffer addresses outbound; 12- and 14-bit accepted inbound. Pure functions: thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tools/simulators/mainframe/application.h"
#include "tools/simulators/mainframe/screen.h"

namespace omnihub::mainframe_sim {

inline constexpr uint8_t kCmdEraseWrite = 0xF5;
inline constexpr uint8_t kOrderSf = 0x1D;
inline constexpr uint8_t kOrderSba = 0x11;
inline constexpr uint8_t kOrderIc = 0x13;
inline constexpr uint8_t kAidEnter = 0x7D;
inline constexpr uint8_t kAidClear = 0x6D;

// 12-bit encoded buffer address of (row, column) on the 24x80 screen.
std::string EncodeAddress(int address);
// Decodes a two-byte buffer address (12- or 14-bit form).
int DecodeAddress(uint8_t first, uint8_t second);
// The attribute byte (already in its graphic-code form) for a field.
uint8_t FieldAttribute(const ScreenField& field);

// Erase/Write + WCC (keyboard restore, reset MDT) + the fields + IC at the cursor.
std::string EncodeScreen(const Screen& screen);

// One modified field of an inbound record: data starts at `address`.
struct InboundField {
  int address = 0;
  std::string text;  // ASCII; trailing nulls removed
};

struct InboundRecord {
  uint8_t aid = 0;
  int cursor = 0;
  std::vector<InboundField> fields;
};

// Parses a Read Modified reply. Short reads (CLEAR, PA keys: the AID alone) are accepted.
// nullopt when the record is empty or a field address is truncated.
std::optional<InboundRecord> ParseInbound(std::string_view record);

// Maps the record to the application's input using the screen it answers: each field's data
// address is matched with an input field of `screen` (unknown addresses are ignored).
AppInput ToAppInput(const InboundRecord& record, const Screen& screen);

}  // namespace omnihub::mainframe_sim
