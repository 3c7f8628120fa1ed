#include "adapters/tn3270/data_stream.h"

#include <string>

#include "absl/status/status.h"
#include "absl/strings/str_format.h"
#include "adapters/tn3270/address.h"
#include "adapters/tn3270/inbound.h"
#include "adapters/tn3270/query_reply.h"

namespace omnihub::tn3270 {
namespace {

absl::Status StreamError(std::size_t offset, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrFormat("3270 data stream: %s at offset %d", what, static_cast<int>(offset)));
}

bool IsFormatControl(std::uint8_t b) {
  switch (b) {
    case 0x00:  // NUL
    case 0x0C:  // FF
    case 0x0D:  // CR
    case 0x15:  // NL
    case 0x19:  // EM
    case 0x1C:  // DUP
    case 0x1E:  // FM
    case 0x3F:  // SUB
    case 0xFF:  // EO
      return true;
    default:
      return false;
  }
}

void ApplyExtended(std::uint8_t type, std::uint8_t value, ExtendedAttributes& attrs,
                   std::optional<std::uint8_t>* field_attribute) {
  switch (type) {
    case ext_attr::kAllReset:
      attrs = ExtendedAttributes{};
      break;
    case ext_attr::kFieldAttribute:
      if (field_attribute != nullptr) *field_attribute = value & 0x3F;
      break;
    case ext_attr::kHighlighting:
      attrs.highlight = static_cast<Highlight>(value);
      break;
    case ext_attr::kForeground:
      attrs.foreground = static_cast<Color>(value);
      break;
    case ext_attr::kBackground:
      attrs.background = static_cast<Color>(value);
      break;
    case ext_attr::kCharacterSet:
      attrs.charset = value;
      break;
    default:
      break;  // transparency, validation, outlining: not kept
  }
}

// Applies the orders and data of one write (after command and WCC) starting at `base` offset in
// the record, for error messages.
class OrderWriter {
 public:
  OrderWriter(Screen& screen, ByteView data, std::size_t base, int start_address)
      : s_(screen), d_(data), base_(base), addr_(start_address) {}

  absl::Status Run() {
    while (pos_ < d_.size()) {
      const std::size_t at = pos_;
      const std::uint8_t b = d_[pos_++];
      absl::Status st = Order(at, b);
      if (!st.ok()) return st;
    }
    return absl::OkStatus();
  }

 private:
  bool Need(std::size_t n) const { return d_.size() - pos_ >= n; }
  absl::Status Truncated(std::size_t at, const char* name) {
    return StreamError(base_ + at, std::string(name) + " order truncated");
  }
  void Advance() { addr_ = s_.Wrap(addr_ + 1); }

  absl::StatusOr<int> ReadAddress(std::size_t at, const char* name) {
    const int a = DecodeAddress(d_[pos_], d_[pos_ + 1]);
    pos_ += 2;
    if (a >= s_.cells()) {
      return StreamError(base_ + at, absl::StrFormat("%s address %d beyond the %d-cell buffer",
                                                     name, a, s_.cells()));
    }
    return a;
  }

  void PutChar(std::uint8_t c, bool graphic_escape) {
    Cell& cell = s_.mutable_cell(addr_);
    cell = Cell{};
    cell.ebcdic = c;
    cell.graphic_escape = graphic_escape;
    cell.attrs = sa_;
    Advance();
  }

  void PutFieldAttribute(std::uint8_t fa, const ExtendedAttributes& attrs) {
    Cell& cell = s_.mutable_cell(addr_);
    cell = Cell{};
    cell.is_field_attribute = true;
    cell.field_attribute = fa & 0x3F;
    cell.attrs = attrs;
    Advance();
  }

  absl::Status Order(std::size_t at, std::uint8_t b) {
    const bool after_data = last_was_data_;
    last_was_data_ = false;
    switch (b) {
      case order::kSf:
        if (!Need(1)) return Truncated(at, "SF");
        PutFieldAttribute(d_[pos_++], ExtendedAttributes{});
        return absl::OkStatus();
      case order::kSfe: {
        if (!Need(1)) return Truncated(at, "SFE");
        const std::size_t pairs = d_[pos_++];
        if (!Need(2 * pairs)) return Truncated(at, "SFE");
        std::optional<std::uint8_t> fa;
        ExtendedAttributes attrs;
        for (std::size_t i = 0; i < pairs; ++i, pos_ += 2) {
          ApplyExtended(d_[pos_], d_[pos_ + 1], attrs, &fa);
        }
        PutFieldAttribute(fa.value_or(0), attrs);
        return absl::OkStatus();
      }
      case order::kSba: {
        if (!Need(2)) return Truncated(at, "SBA");
        auto a = ReadAddress(at, "SBA");
        if (!a.ok()) return a.status();
        addr_ = *a;
        return absl::OkStatus();
      }
      case order::kSa:
        if (!Need(2)) return Truncated(at, "SA");
        ApplyExtended(d_[pos_], d_[pos_ + 1], sa_, nullptr);
        pos_ += 2;
        return absl::OkStatus();
      case order::kMf: {
        if (!Need(1)) return Truncated(at, "MF");
        const std::size_t pairs = d_[pos_++];
        if (!Need(2 * pairs)) return Truncated(at, "MF");
        Cell& cell = s_.mutable_cell(addr_);
        for (std::size_t i = 0; i < pairs; ++i, pos_ += 2) {
          if (!cell.is_field_attribute) continue;  // MF on a character cell changes nothing
          std::optional<std::uint8_t> fa;
          ApplyExtended(d_[pos_], d_[pos_ + 1], cell.attrs, &fa);
          if (fa) cell.field_attribute = *fa;
        }
        Advance();
        return absl::OkStatus();
      }
      case order::kIc:
        s_.set_cursor(addr_);
        return absl::OkStatus();
      case order::kPt:
        ProgramTab(after_data);
        return absl::OkStatus();
      case order::kRa: {
        if (!Need(3)) return Truncated(at, "RA");
        auto stop = ReadAddress(at, "RA");
        if (!stop.ok()) return stop.status();
        bool ge = false;
        std::uint8_t c = d_[pos_++];
        if (c == order::kGe) {
          if (!Need(1)) return Truncated(at, "RA");
          c = d_[pos_++];
          ge = true;
        }
        int count = *stop - addr_;
        if (count <= 0) count += s_.cells();
        for (int i = 0; i < count; ++i) PutChar(c, ge);
        return absl::OkStatus();
      }
      case order::kEua: {
        if (!Need(2)) return Truncated(at, "EUA");
        auto stop = ReadAddress(at, "EUA");
        if (!stop.ok()) return stop.status();
        int count = *stop - addr_;
        if (count <= 0) count += s_.cells();
        auto field = s_.FieldAt(addr_);
        bool unprotected = !field || !field->is_protected();
        for (int i = 0; i < count; ++i) {
          Cell& cell = s_.mutable_cell(addr_ + i);
          if (cell.is_field_attribute) {
            unprotected = !(cell.field_attribute & field_attr::kProtected);
          } else if (unprotected) {
            cell.ebcdic = 0x00;
            cell.graphic_escape = false;
          }
        }
        addr_ = *stop;
        return absl::OkStatus();
      }
      case order::kGe:
        if (!Need(1)) return Truncated(at, "GE");
        PutChar(d_[pos_++], true);
        last_was_data_ = true;
        return absl::OkStatus();
      default:
        if (b < 0x40 && !IsFormatControl(b)) {
          return StreamError(base_ + at, absl::StrFormat("unknown order 0x%02X", b));
        }
        PutChar(b, false);
        last_was_data_ = true;
        return absl::OkStatus();
    }
  }

  // PT: after data, nulls the rest of the current field; then moves to the first data cell of
  // the next unprotected field (without wrapping past the end: address 0 if there is none).
  void ProgramTab(bool after_data) {
    if (after_data) {
      while (addr_ != 0 && !s_.cell(addr_).is_field_attribute) {
        s_.mutable_cell(addr_).ebcdic = 0x00;
        addr_ = s_.Wrap(addr_ + 1);
      }
      if (addr_ == 0) return;
    }
    for (int a = addr_; a < s_.cells(); ++a) {
      const Cell& cell = s_.cell(a);
      if (cell.is_field_attribute && !(cell.field_attribute & field_attr::kProtected)) {
        const int next = a + 1;
        if (next < s_.cells() && !s_.cell(next).is_field_attribute) {
          addr_ = next;
          return;
        }
      }
    }
    addr_ = 0;
  }

  Screen& s_;
  ByteView d_;
  std::size_t base_;
  std::size_t pos_ = 0;
  int addr_;
  ExtendedAttributes sa_;
  bool last_was_data_ = false;
};

absl::Status EraseAllUnprotected(Screen& screen) {
  if (!screen.formatted()) {
    screen.Erase(screen.alternate_active());
  } else {
    bool unprotected = false;
    if (auto f = screen.FieldAt(0); f) unprotected = !f->is_protected();
    for (int a = 0; a < screen.cells(); ++a) {
      Cell& cell = screen.mutable_cell(a);
      if (cell.is_field_attribute) {
        unprotected = !(cell.field_attribute & field_attr::kProtected);
        if (unprotected) cell.field_attribute &= static_cast<std::uint8_t>(~field_attr::kModified);
      } else if (unprotected) {
        cell.ebcdic = 0x00;
      }
    }
    screen.set_cursor(0);
    for (const Field& f : screen.Fields()) {
      if (!f.is_protected() && f.length > 0) {
        screen.set_cursor(f.start);
        break;
      }
    }
  }
  screen.set_keyboard_locked(false);
  screen.set_last_aid(kNoAid);
  return absl::OkStatus();
}

absl::Status ApplyWrite(Screen& screen, Command command, ByteView data, std::size_t base,
                        HostRecordResult& result) {
  if (command == Command::kEraseWrite || command == Command::kEraseWriteAlternate) {
    screen.Erase(command == Command::kEraseWriteAlternate);
  }
  if (data.empty()) return absl::OkStatus();  // a write without WCC: the erase alone
  const std::uint8_t w = data[0];
  if (w & wcc::kResetMdt) screen.ResetAllModified();
  OrderWriter writer(screen, data.subspan(1), base + 1, screen.cursor());
  if (absl::Status st = writer.Run(); !st.ok()) return st;
  if (w & wcc::kSoundAlarm) {
    result.sound_alarm = true;
    screen.set_alarm(true);
  }
  if (w & wcc::kKeyboardRestore) {
    result.keyboard_restored = true;
    screen.set_keyboard_locked(false);
    screen.set_last_aid(kNoAid);
  }
  return absl::OkStatus();
}

absl::Status ApplyCommand(Screen& screen, ByteView record, std::size_t base,
                          HostRecordResult& result, bool inside_wsf);

absl::Status ApplyStructuredFields(Screen& screen, ByteView data, std::size_t base,
                                   HostRecordResult& result) {
  std::size_t pos = 0;
  while (pos < data.size()) {
    if (data.size() - pos < 3) return StreamError(base + pos, "structured field truncated");
    std::size_t length = (static_cast<std::size_t>(data[pos]) << 8) | data[pos + 1];
    if (length == 0) length = data.size() - pos;  // zero: the rest of the record
    if (length < 3) return StreamError(base + pos, "structured field length below 3");
    if (length > data.size() - pos) return StreamError(base + pos, "structured field truncated");
    const std::uint8_t id = data[pos + 2];
    const ByteView body = data.subspan(pos + 3, length - 3);
    const std::size_t body_base = base + pos + 3;
    switch (id) {
      case 0x01: {  // Read Partition
        if (body.size() < 2) return StreamError(body_base, "Read Partition truncated");
        const std::uint8_t type = body[1];
        if (type == 0x02) {  // Query
          Bytes reply = BuildQueryReply(screen);
          result.reply.insert(result.reply.end(), reply.begin(), reply.end());
        } else if (type == 0x03) {  // Query List
          if (body.size() < 3) return StreamError(body_base, "Query List truncated");
          const bool list = body[2] == 0x00;
          const ByteView codes = list ? body.subspan(3) : ByteView{};
          Bytes reply = BuildQueryReply(screen, codes);
          result.reply.insert(result.reply.end(), reply.begin(), reply.end());
        } else if (auto read = DecodeCommand(type);
                   read && (type == 0xF2 || type == 0xF6 || type == 0x6E)) {  // RB/RM/RMA
          const Aid aid = static_cast<Aid>(screen.last_aid());
          Bytes reply = *read == Command::kReadBuffer        ? BuildReadBuffer(screen, aid)
                        : *read == Command::kReadModifiedAll ? BuildReadModified(screen, aid, true)
                                                             : BuildReadModified(screen, aid);
          result.reply.insert(result.reply.end(), reply.begin(), reply.end());
        }
        break;
      }
      case 0x03:  // Erase/Reset: bit 0 of the flags selects the alternate size
        screen.Erase(!body.empty() && (body[0] & 0x80));
        break;
      case 0x40:  // Outbound 3270DS: partition id, then a command with its WCC and orders
        if (body.size() < 2) return StreamError(body_base, "Outbound 3270DS truncated");
        if (absl::Status st = ApplyCommand(screen, body.subspan(1), body_base + 1, result, true);
            !st.ok()) {
          return st;
        }
        break;
      default:
        break;  // other structured fields are not for a display terminal: skipped
    }
    pos += length;
  }
  return absl::OkStatus();
}

absl::Status ApplyCommand(Screen& screen, ByteView record, std::size_t base,
                          HostRecordResult& result, bool inside_wsf) {
  auto command = DecodeCommand(record[0]);
  if (!command) {
    return StreamError(base, absl::StrFormat("unknown command 0x%02X", record[0]));
  }
  if (!inside_wsf) result.command = *command;
  const ByteView rest = record.subspan(1);
  const Aid aid = static_cast<Aid>(screen.last_aid());
  switch (*command) {
    case Command::kWrite:
    case Command::kEraseWrite:
    case Command::kEraseWriteAlternate:
      return ApplyWrite(screen, *command, rest, base + 1, result);
    case Command::kEraseAllUnprotected:
      return EraseAllUnprotected(screen);
    case Command::kReadBuffer:
      if (!inside_wsf) result.reply = BuildReadBuffer(screen, aid);
      return absl::OkStatus();
    case Command::kReadModified:
      if (!inside_wsf) result.reply = BuildReadModified(screen, aid);
      return absl::OkStatus();
    case Command::kReadModifiedAll:
      if (!inside_wsf) result.reply = BuildReadModified(screen, aid, true);
      return absl::OkStatus();
    case Command::kWriteStructuredField:
      if (inside_wsf) return StreamError(base, "WSF nested in a structured field");
      return ApplyStructuredFields(screen, rest, base + 1, result);
    case Command::kNop:
      return absl::OkStatus();
  }
  return absl::OkStatus();
}

}  // namespace

std::string_view CommandName(Command command) {
  switch (command) {
    case Command::kWrite:
      return "Write";
    case Command::kEraseWrite:
      return "Erase/Write";
    case Command::kEraseWriteAlternate:
      return "Erase/Write Alternate";
    case Command::kReadBuffer:
      return "Read Buffer";
    case Command::kReadModified:
      return "Read Modified";
    case Command::kReadModifiedAll:
      return "Read Modified All";
    case Command::kEraseAllUnprotected:
      return "Erase All Unprotected";
    case Command::kWriteStructuredField:
      return "Write Structured Field";
    case Command::kNop:
      return "NOP";
  }
  return "?";
}

std::optional<Command> DecodeCommand(std::uint8_t code) {
  switch (code) {
    case 0xF1:
    case 0x01:
      return Command::kWrite;
    case 0xF5:
    case 0x05:
      return Command::kEraseWrite;
    case 0x7E:
    case 0x0D:
      return Command::kEraseWriteAlternate;
    case 0xF2:
    case 0x02:
      return Command::kReadBuffer;
    case 0xF6:
    case 0x06:
      return Command::kReadModified;
    case 0x6E:
    case 0x0E:
      return Command::kReadModifiedAll;
    case 0x6F:
    case 0x0F:
      return Command::kEraseAllUnprotected;
    case 0xF3:
    case 0x11:
      return Command::kWriteStructuredField;
    case 0x03:
      return Command::kNop;
    default:
      return std::nullopt;
  }
}

absl::StatusOr<HostRecordResult> ApplyHostRecord(Screen& screen, ByteView record) {
  if (record.empty()) return absl::InvalidArgumentError("3270 data stream: empty record");
  if (record.size() > kMaxHostRecordSize) {
    return absl::InvalidArgumentError(
        absl::StrFormat("3270 data stream: record of %d bytes exceeds the %d-byte limit",
                        static_cast<int>(record.size()), static_cast<int>(kMaxHostRecordSize)));
  }
  HostRecordResult result;
  if (absl::Status st = ApplyCommand(screen, record, 0, result, false); !st.ok()) return st;
  return result;
}

}  // namespace omnihub::tn3270
