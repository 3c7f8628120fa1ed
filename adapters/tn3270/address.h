// 3270 buffer addresses: 12-bit (6-bit code table) and 14-bit binary encodings, and the code table
// used for field attribute bytes.
#pragma once

#include <cstdint>
#include <optional>

#include "adapters/tn3270/bytes.h"

namespace omnihub::tn3270 {

// The graphic encoding of a 6-bit value (addresses in 12-bit mode, field attribute bytes).
std::uint8_t EncodeSixBits(std::uint8_t value);

// Decodes a two-byte buffer address. The top two bits of `first` select the mode: 00 = 14-bit
// binary, otherwise 12-bit (6 bits per byte). Never fails: range checks are the caller's job.
int DecodeAddress(std::uint8_t first, std::uint8_t second);

// Encodes `address` in 12-bit mode when the buffer holds at most 4096 cells, in 14-bit mode
// otherwise (the rule terminals follow). `address` must be in [0, 16383].
void AppendAddress(int address, int buffer_size, Bytes& out);

}  // namespace omnihub::tn3270
