// The Query Reply a terminal sends in answer to a Read Partition Query or Query List (a WSF from
// the host): inbound structured fields describing the terminal's capabilities.
#pragma once

#include <cstdint>

#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

// Query reply codes (QCODEs) this terminal answers.
namespace qcode {
inline constexpr std::uint8_t kSummary = 0x80;
inline constexpr std::uint8_t kUsableArea = 0x81;
inline constexpr std::uint8_t kCharacterSets = 0x85;
inline constexpr std::uint8_t kColor = 0x86;
inline constexpr std::uint8_t kHighlighting = 0x87;
inline constexpr std::uint8_t kReplyModes = 0x88;
inline constexpr std::uint8_t kImplicitPartition = 0xA6;
}  // namespace qcode

// AID 0x88 followed by the query replies: Summary first (listing all of them), then Usable Area
// (the largest, i.e. alternate, size; 12/14-bit addressing), Implicit Partition (default and
// alternate sizes), Character Sets (the screen's code page), Color (8 colours), Highlighting
// (blink, reverse, underscore) and Reply Modes (field, extended field, character).
// With `only` non-empty (a Query List of QCODEs), replies only to the listed ones (Summary is
// always sent, as hosts expect it).
Bytes BuildQueryReply(const Screen& screen, ByteView only = {});

}  // namespace omnihub::tn3270
