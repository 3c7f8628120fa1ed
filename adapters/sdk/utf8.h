// UTF-8 well-formedness check for text that arrives from outside (requests, backend payloads).
#pragma once

#include <cstdint>
#include <cstring>

#include "absl/strings/string_view.h"

namespace omnihub::sdk {

// True when `text` is well-formed UTF-8 (no truncated or stray continuation bytes, no lead bytes
// that can never start a character).
inline bool IsValidUtf8(absl::string_view text) {
  // All ASCII (most values are short and plain): one pass that decodes nothing.
  unsigned char any = 0;
  for (const char c : text) any |= static_cast<unsigned char>(c);
  if (any < 0x80) return true;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    // Runs of ASCII (most of what backends send) eight bytes at a time.
    if (n - i >= sizeof(uint64_t)) {
      uint64_t word = 0;
      std::memcpy(&word, text.data() + i, sizeof word);
      if ((word & 0x8080808080808080u) == 0) {
        i += sizeof word;
        continue;
      }
    }
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    if (lead < 0x80) {
      extra = 0;
    } else if ((lead & 0xE0) == 0xC0 && lead >= 0xC2) {
      extra = 1;
    } else if ((lead & 0xF0) == 0xE0) {
      extra = 2;
    } else if ((lead & 0xF8) == 0xF0 && lead <= 0xF4) {
      extra = 3;
    } else {
      return false;
    }
    if (n - i - 1 < extra) return false;
    for (size_t k = 1; k <= extra; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace omnihub::sdk
