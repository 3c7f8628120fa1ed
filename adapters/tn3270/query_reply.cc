#include "adapters/tn3270/query_reply.h"

#include <algorithm>
#include <array>

#include "adapters/tn3270/aid.h"

namespace omnihub::tn3270 {
namespace {

constexpr std::array<std::uint8_t, 7> kSupported = {
    qcode::kSummary, qcode::kUsableArea,   qcode::kImplicitPartition, qcode::kCharacterSets,
    qcode::kColor,   qcode::kHighlighting, qcode::kReplyModes};

void Put16(Bytes& out, int v) {
  out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
}

// Appends one structured field: 2-byte length (including itself), 0x81, qcode, body.
void AppendReply(Bytes& out, std::uint8_t code, const Bytes& body) {
  Put16(out, static_cast<int>(body.size()) + 4);
  out.push_back(0x81);
  out.push_back(code);
  out.insert(out.end(), body.begin(), body.end());
}

Bytes Body(const Screen& screen, std::uint8_t code, const std::vector<std::uint8_t>& codes) {
  const ScreenSize alt = screen.alternate_size();
  Bytes b;
  switch (code) {
    case qcode::kSummary:
      b.assign(codes.begin(), codes.end());
      break;
    case qcode::kUsableArea:
      b = {0x01, 0x00};  // 12/14-bit addressing allowed; no special features
      Put16(b, alt.cols);
      Put16(b, alt.rows);
      b.push_back(0x01);                            // units: millimetres
      b.insert(b.end(), {0x00, 0x0A, 0x02, 0xE5});  // Xr: 10/741 mm per cell
      b.insert(b.end(), {0x00, 0x02, 0x00, 0x6F});  // Yr: 2/111 mm per cell
      b.push_back(0x09);                            // cell width in units
      b.push_back(0x0C);                            // cell height in units
      Put16(b, alt.cells());                        // buffer size
      break;
    case qcode::kImplicitPartition:
      b = {0x00, 0x00, 0x0B, 0x01, 0x00};  // flags; self-defining parameter: length 11, id 1
      Put16(b, screen.default_size().cols);
      Put16(b, screen.default_size().rows);
      Put16(b, alt.cols);
      Put16(b, alt.rows);
      break;
    case qcode::kCharacterSets: {
      b = {0x82, 0x00, 0x09, 0x0C, 0x00, 0x00, 0x00, 0x00, 0x07};  // GE supported; cell 9x12
      const std::uint16_t cp = CodePageNumber(screen.codec().code_page());
      // Descriptor: set 0, flags, LCID 0, CGCSGID = character set 697 + code page.
      b.insert(b.end(), {0x00, 0x10, 0x00, 0x02, 0xB9});
      Put16(b, cp);
      break;
    }
    case qcode::kColor:
      b = {0x00, 0x08, 0x00, 0xF4};  // 8 pairs; default shows as green
      for (std::uint8_t c = 0xF1; c <= 0xF7; ++c) b.insert(b.end(), {c, c});
      break;
    case qcode::kHighlighting:
      b = {0x04, 0x00, 0xF0, 0xF1, 0xF1, 0xF2, 0xF2, 0xF4, 0xF4};
      break;
    case qcode::kReplyModes:
      b = {0x00, 0x01, 0x02};
      break;
    default:
      break;
  }
  return b;
}

}  // namespace

Bytes BuildQueryReply(const Screen& screen, ByteView only) {
  std::vector<std::uint8_t> codes;
  for (std::uint8_t code : kSupported) {
    const bool wanted = only.empty() || code == qcode::kSummary ||
                        std::find(only.begin(), only.end(), code) != only.end();
    if (wanted) codes.push_back(code);
  }
  Bytes out{static_cast<std::uint8_t>(Aid::kStructuredField)};
  for (std::uint8_t code : codes) AppendReply(out, code, Body(screen, code, codes));
  return out;
}

}  // namespace omnihub::tn3270
