// The outbound (host -> terminal) 3270 data stream: commands, the WCC and orders applied to a
// Screen, and the replies that read commands and Read Partition queries ask for.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

enum class Command {
  kWrite,
  kEraseWrite,
  kEraseWriteAlternate,
  kReadBuffer,
  kReadModified,
  kReadModifiedAll,
  kEraseAllUnprotected,
  kWriteStructuredField,
  kNop,
};
std::string_view CommandName(Command command);

// Both code variants: SNA (0xF1 Write, 0xF5 EW, 0x7E EWA, 0xF2 RB, 0xF6 RM, 0x6E RMA, 0x6F EAU,
// 0xF3 WSF) and local/CCW (0x01, 0x05, 0x0D, 0x02, 0x06, 0x0E, 0x0F, 0x11; 0x03 NOP).
std::optional<Command> DecodeCommand(std::uint8_t code);

// Orders.
namespace order {
inline constexpr std::uint8_t kSf = 0x1D;
inline constexpr std::uint8_t kSfe = 0x29;
inline constexpr std::uint8_t kSba = 0x11;
inline constexpr std::uint8_t kSa = 0x28;
inline constexpr std::uint8_t kMf = 0x2C;
inline constexpr std::uint8_t kIc = 0x13;
inline constexpr std::uint8_t kPt = 0x05;
inline constexpr std::uint8_t kRa = 0x3C;
inline constexpr std::uint8_t kEua = 0x12;
inline constexpr std::uint8_t kGe = 0x08;
}  // namespace order

// Write control character bits.
namespace wcc {
inline constexpr std::uint8_t kReset = 0x40;
inline constexpr std::uint8_t kStartPrinter = 0x08;
inline constexpr std::uint8_t kSoundAlarm = 0x04;
inline constexpr std::uint8_t kKeyboardRestore = 0x02;
inline constexpr std::uint8_t kResetMdt = 0x01;
}  // namespace wcc

// Records longer than this are refused before anything is applied (no 3270 display needs more;
// it bounds the work a hostile host can cause with repeat orders).
inline constexpr std::size_t kMaxHostRecordSize = 64 * 1024;

struct HostRecordResult {
  Command command = Command::kNop;
  // Inbound bytes the terminal must send now (Read Buffer / Read Modified reply, Query Reply);
  // empty when the command needs no answer.
  Bytes reply;
  bool sound_alarm = false;
  bool keyboard_restored = false;
};

// Applies one host record (the 3270 data after any TN3270E header) to `screen`.
//
// Errors (InvalidArgument, with the byte offset): empty or oversized record, unknown command,
// unknown order, an address beyond the buffer, an order or structured field cut short. On error
// the screen stays in a defined state: the orders before the offending byte are applied, the
// geometry is that of the command (EW/EWA switch size first), the cursor is inside the buffer, and
// the WCC's keyboard restore and alarm are not applied (the keyboard stays as it was).
absl::StatusOr<HostRecordResult> ApplyHostRecord(Screen& screen, ByteView record);

}  // namespace omnihub::tn3270
