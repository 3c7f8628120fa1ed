#include "adapters/tn3270/inbound.h"

#include <algorithm>
#include <cctype>

#include "adapters/tn3270/address.h"

namespace omnihub::tn3270 {
namespace {

constexpr std::uint8_t kOrderSf = 0x1D;
constexpr std::uint8_t kOrderSba = 0x11;

void AppendHeader(const Screen& screen, Aid aid, Bytes& out) {
  out.push_back(static_cast<std::uint8_t>(aid));
  AppendAddress(screen.cursor(), screen.cells(), out);
}

}  // namespace

std::optional<Aid> PfKey(int number) {
  static constexpr Aid kPf[] = {Aid::kPf1,  Aid::kPf2,  Aid::kPf3,  Aid::kPf4,  Aid::kPf5,
                                Aid::kPf6,  Aid::kPf7,  Aid::kPf8,  Aid::kPf9,  Aid::kPf10,
                                Aid::kPf11, Aid::kPf12, Aid::kPf13, Aid::kPf14, Aid::kPf15,
                                Aid::kPf16, Aid::kPf17, Aid::kPf18, Aid::kPf19, Aid::kPf20,
                                Aid::kPf21, Aid::kPf22, Aid::kPf23, Aid::kPf24};
  if (number < 1 || number > 24) return std::nullopt;
  return kPf[number - 1];
}

std::optional<Aid> PaKey(int number) {
  switch (number) {
    case 1:
      return Aid::kPa1;
    case 2:
      return Aid::kPa2;
    case 3:
      return Aid::kPa3;
    default:
      return std::nullopt;
  }
}

std::optional<Aid> ParseAid(std::string_view name) {
  std::string n(name);
  for (char& c : n) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (n == "ENTER") return Aid::kEnter;
  if (n == "CLEAR") return Aid::kClear;
  if (n == "SYSREQ") return Aid::kSysReq;
  auto number = [&](std::size_t from) -> int {
    if (n.size() <= from || n.size() > from + 2) return -1;
    int v = 0;
    for (std::size_t i = from; i < n.size(); ++i) {
      if (!std::isdigit(static_cast<unsigned char>(n[i]))) return -1;
      v = v * 10 + (n[i] - '0');
    }
    return v;
  };
  if (n.starts_with("PF")) return PfKey(number(2));
  if (n.starts_with("PA")) return PaKey(number(2));
  return std::nullopt;
}

std::string AidName(Aid aid) {
  switch (aid) {
    case Aid::kNone:
      return "None";
    case Aid::kEnter:
      return "Enter";
    case Aid::kClear:
      return "Clear";
    case Aid::kPa1:
      return "PA1";
    case Aid::kPa2:
      return "PA2";
    case Aid::kPa3:
      return "PA3";
    case Aid::kStructuredField:
      return "StructuredField";
    case Aid::kSysReq:
      return "SysReq";
    default:
      break;
  }
  for (int i = 1; i <= 24; ++i) {
    if (PfKey(i) == aid) return "PF" + std::to_string(i);
  }
  return "Unknown";
}

bool IsShortReadAid(Aid aid) {
  return aid == Aid::kClear || aid == Aid::kPa1 || aid == Aid::kPa2 || aid == Aid::kPa3;
}

Bytes BuildReadModified(const Screen& screen, Aid aid, bool all) {
  Bytes out;
  if (IsShortReadAid(aid) && !all) {
    out.push_back(static_cast<std::uint8_t>(aid));
    return out;
  }
  AppendHeader(screen, aid, out);
  if (!screen.formatted()) {
    for (int i = 0; i < screen.cells(); ++i) {
      const std::uint8_t c = screen.cell(i).ebcdic;
      if (c != 0x00) out.push_back(c);
    }
    return out;
  }
  for (const Field& field : screen.Fields()) {
    if (!field.is_modified()) continue;
    out.push_back(kOrderSba);
    AppendAddress(field.start, screen.cells(), out);
    for (int i = 0; i < field.length; ++i) {
      const std::uint8_t c = screen.cell(field.start + i).ebcdic;
      if (c != 0x00) out.push_back(c);
    }
  }
  return out;
}

Bytes BuildReadBuffer(const Screen& screen, Aid aid) {
  Bytes out;
  AppendHeader(screen, aid, out);
  for (int i = 0; i < screen.cells(); ++i) {
    const Cell& c = screen.cell(i);
    if (c.is_field_attribute) {
      out.push_back(kOrderSf);
      out.push_back(EncodeSixBits(c.field_attribute));
    } else {
      out.push_back(c.ebcdic);
    }
  }
  return out;
}

}  // namespace omnihub::tn3270
