// Recorded 3270 byte streams and small helpers shared by the TN3270 protocol tests.
#pragma once

#include <initializer_list>
#include <string_view>

#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/ebcdic.h"

namespace omnihub::tn3270::testing {

inline Bytes B(std::initializer_list<int> bytes) {
  Bytes out;
  for (int b : bytes) out.push_back(static_cast<std::uint8_t>(b));
  return out;
}

inline Bytes Concat(std::initializer_list<Bytes> parts) {
  Bytes out;
  for (const Bytes& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// ASCII/UTF-8 text as EBCDIC 037.
inline Bytes E(std::string_view text) { return EbcdicCodec(CodePage::kCp037).FromUtf8(text); }

// A sign-on screen on a 24x80 terminal, as a CICS region sends it:
//   row 0:  {HELLO                                  protected
//   row 1:  {USER:[_____________{                   USER input 87..99, cursor at 87
//   row 2:  {PASS:#_____________{                   hidden input 167..179
//   row 3:  [_________{                             numeric input 241..249
inline Bytes SignOnScreen() {
  return Concat({
      B({0xF5, 0xC3}),        // Erase/Write; WCC = reset | keyboard restore | reset MDT
      B({0x11, 0x40, 0x40}),  // SBA (0,0)
      B({0x1D, 0x60}),        // SF protected
      E("HELLO"),             //
      B({0x11, 0xC1, 0x50}),  // SBA 80 = (1,0)
      B({0x1D, 0xE8}),        // SF protected, intensified
      E("USER:"),             // 81..85
      B({0x1D, 0x40}),        // SF unprotected at 86
      B({0x13}),              // IC: cursor at 87
      B({0x11, 0xC1, 0xE4}),  // SBA 100 = (1,20)
      B({0x1D, 0xF0}),        // SF autoskip (protected, numeric)
      B({0x11, 0xC2, 0x60}),  // SBA 160 = (2,0)
      B({0x1D, 0x60}),        // SF protected
      E("PASS:"),             // 161..165
      B({0x1D, 0x4C}),        // SF unprotected, non-display at 166
      B({0x11, 0xC2, 0xF4}),  // SBA 180 = (2,20)
      B({0x1D, 0xF0}),        // SF autoskip
      B({0x11, 0xC3, 0xF0}),  // SBA 240 = (3,0)
      B({0x1D, 0x50}),        // SF unprotected, numeric
      B({0x11, 0xC3, 0x7A}),  // SBA 250 = (3,10)
      B({0x1D, 0xF0}),        // SF autoskip
  });
}

}  // namespace omnihub::tn3270::testing
