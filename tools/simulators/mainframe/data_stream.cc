// 3270 data stream encoding and inbound parsing.
#include "tools/simulators/mainframe/data_stream.h"

#include <array>

#include "tools/simulators/mainframe/ebcdic.h"

namespace omnihub::mainframe_sim {
namespace {

// Six-bit value -> graphic code (addresses, attributes and WCC use it).
constexpr std::array<uint8_t, 64> kCodes = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F};

constexpr uint8_t kAttrProtected = 0x20;
constexpr uint8_t kAttrNumeric = 0x10;
constexpr uint8_t kAttrIntensified = 0x08;
constexpr uint8_t kAttrHidden = 0x0C;
// Keyboard restore + reset MDT.
constexpr uint8_t kWcc = 0x03;

int Address(int row, int column) { return row * kColumns + column; }

void SetField(std::string& out, int attribute_address, uint8_t attribute) {
  out.push_back(static_cast<char>(kOrderSba));
  out += EncodeAddress(attribute_address);
  out.push_back(static_cast<char>(kOrderSf));
  out.push_back(static_cast<char>(attribute));
}

std::pair<Aid, int> DecodeAid(uint8_t aid) {
  static constexpr std::array<uint8_t, 12> kPf1To12 = {0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6,
                                                       0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C};
  static constexpr std::array<uint8_t, 12> kPf13To24 = {0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6,
                                                        0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C};
  if (aid == kAidEnter) return {Aid::kEnter, 0};
  if (aid == kAidClear) return {Aid::kClear, 0};
  if (aid == 0x6C) return {Aid::kPa, 1};
  if (aid == 0x6E) return {Aid::kPa, 2};
  if (aid == 0x6B) return {Aid::kPa, 3};
  for (size_t i = 0; i < kPf1To12.size(); ++i) {
    if (aid == kPf1To12[i]) return {Aid::kPf, static_cast<int>(i) + 1};
    if (aid == kPf13To24[i]) return {Aid::kPf, static_cast<int>(i) + 13};
  }
  return {Aid::kOther, 0};
}

}  // namespace

std::string EncodeAddress(int address) {
  std::string out;
  out.push_back(static_cast<char>(kCodes[(address >> 6) & 0x3F]));
  out.push_back(static_cast<char>(kCodes[address & 0x3F]));
  return out;
}

int DecodeAddress(uint8_t first, uint8_t second) {
  if ((first & 0xC0) == 0) return ((first & 0x3F) << 8) | second;  // 14-bit binary
  return ((first & 0x3F) << 6) | (second & 0x3F);
}

uint8_t FieldAttribute(const ScreenField& field) {
  uint8_t bits = 0;
  if (!field.input) bits |= kAttrProtected;
  if (field.numeric) bits |= kAttrNumeric;
  if (field.hidden) {
    bits |= kAttrHidden;
  } else if (field.intensified) {
    bits |= kAttrIntensified;
  }
  return kCodes[bits];
}

std::string EncodeScreen(const Screen& screen) {
  std::string out;
  out.push_back(static_cast<char>(kCmdEraseWrite));
  out.push_back(static_cast<char>(kCodes[kWcc]));
  for (const auto& field : screen.fields) {
    const int start = Address(field.row, field.column);
    SetField(out, start - 1, FieldAttribute(field));
    out += ToEbcdic(field.text);
    if (field.input) {
      // A protected, skip stop attribute ends the input field.
      SetField(out, start + field.length, kCodes[kAttrProtected | kAttrNumeric]);
    }
  }
  out.push_back(static_cast<char>(kOrderSba));
  out += EncodeAddress(Address(screen.cursor_row, screen.cursor_column));
  out.push_back(static_cast<char>(kOrderIc));
  return out;
}

std::optional<InboundRecord> ParseInbound(std::string_view record) {
  if (record.empty()) return std::nullopt;
  InboundRecord parsed;
  parsed.aid = static_cast<uint8_t>(record[0]);
  if (record.size() < 3) return parsed;  // short read
  parsed.cursor = DecodeAddress(static_cast<uint8_t>(record[1]), static_cast<uint8_t>(record[2]));
  size_t i = 3;
  while (i < record.size()) {
    if (static_cast<uint8_t>(record[i]) != kOrderSba) {
      ++i;  // data outside a field: ignored
      continue;
    }
    if (i + 2 >= record.size()) return std::nullopt;
    InboundField field;
    field.address =
        DecodeAddress(static_cast<uint8_t>(record[i + 1]), static_cast<uint8_t>(record[i + 2]));
    i += 3;
    while (i < record.size() && static_cast<uint8_t>(record[i]) != kOrderSba) {
      if (record[i] != '\0') field.text.push_back(EbcdicToAscii(static_cast<uint8_t>(record[i])));
      ++i;
    }
    parsed.fields.push_back(std::move(field));
  }
  return parsed;
}

AppInput ToAppInput(const InboundRecord& record, const Screen& screen) {
  AppInput input;
  const auto [aid, number] = DecodeAid(record.aid);
  input.aid = aid;
  input.key_number = number;
  for (const auto& field : record.fields) {
    for (const auto& shown : screen.fields) {
      if (!shown.input || Address(shown.row, shown.column) != field.address) continue;
      std::string text = field.text;
      while (!text.empty() && text.back() == ' ') text.pop_back();
      input.fields[shown.name] = text;
    }
  }
  return input;
}

}  // namespace omnihub::mainframe_sim
