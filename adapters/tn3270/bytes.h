// Bytes: the byte-buffer type every part of the TN3270 protocol core passes around.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace omnihub::tn3270 {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

}  // namespace omnihub::tn3270
