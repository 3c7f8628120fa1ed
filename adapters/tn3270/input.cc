#include "adapters/tn3270/input.h"

#include <string>

#include "absl/strings/str_format.h"
#include "adapters/tn3270/inbound.h"

namespace omnihub::tn3270 {

absl::StatusOr<Field> Keyboard::WritableField() const {
  if (screen_.keyboard_locked()) return absl::FailedPreconditionError("keyboard locked");
  auto field = screen_.FieldAt(screen_.cursor());
  if (!field) {  // unformatted screen: the whole buffer is one unprotected field
    Field whole;
    whole.attribute_address = -1;
    whole.start = 0;
    whole.length = screen_.cells();
    return whole;
  }
  if (screen_.cell(screen_.cursor()).is_field_attribute) {
    return absl::FailedPreconditionError(
        absl::StrFormat("cursor at %d is on a field attribute", screen_.cursor()));
  }
  if (field->is_protected()) {
    return absl::FailedPreconditionError(
        absl::StrFormat("cursor at %d is in a protected field", screen_.cursor()));
  }
  return *field;
}

absl::Status Keyboard::Type(std::string_view utf8) {
  auto field = WritableField();
  if (!field.ok()) return field.status();
  const Bytes text = screen_.codec().FromUtf8(utf8);
  const int offset = field->attribute_address < 0 ? screen_.cursor()
                                                  : screen_.Wrap(screen_.cursor() - field->start);
  const int room = field->length - offset;
  if (static_cast<int>(text.size()) > room) {
    return absl::OutOfRangeError(
        absl::StrFormat("%d characters do not fit in the %d left in the field at %d",
                        static_cast<int>(text.size()), room, field->attribute_address));
  }
  if (field->is_numeric()) {
    for (std::size_t i = 0; i < text.size(); ++i) {
      const char32_t c = screen_.codec().ToUnicode(text[i]);
      if (!((c >= U'0' && c <= U'9') || c == U'.' || c == U'-')) {
        return absl::InvalidArgumentError(
            absl::StrFormat("numeric field at %d refuses character %d of the text",
                            field->attribute_address, static_cast<int>(i) + 1));
      }
    }
  }
  int at = screen_.cursor();
  for (std::uint8_t c : text) {
    Cell& cell = screen_.mutable_cell(at);
    cell.ebcdic = c;
    cell.graphic_escape = false;
    at = screen_.Wrap(at + 1);
  }
  if (field->attribute_address >= 0 && !text.empty()) {
    screen_.SetModified(field->attribute_address, true);
  }
  screen_.set_cursor(at);
  if (field->attribute_address >= 0 && static_cast<int>(text.size()) == room && !text.empty()) {
    const Cell& next = screen_.cell(at);
    const std::uint8_t autoskip = field_attr::kProtected | field_attr::kNumeric;
    if (next.is_field_attribute && (next.field_attribute & autoskip) == autoskip) Tab();
  }
  return absl::OkStatus();
}

absl::Status Keyboard::MoveCursor(int row, int col) {
  if (row < 0 || row >= screen_.rows() || col < 0 || col >= screen_.cols()) {
    return absl::InvalidArgumentError(
        absl::StrFormat("cursor position (%d,%d) outside a %dx%d screen", row, col, screen_.rows(),
                        screen_.cols()));
  }
  screen_.set_cursor(screen_.Address(row, col));
  return absl::OkStatus();
}

int Keyboard::NextUnprotectedStart(int from) const {
  // The first data cell of an unprotected, non-empty field strictly after `from` (wrapping).
  const int n = screen_.cells();
  for (int i = 1; i <= n; ++i) {
    const int a = screen_.Wrap(from + i);
    const Cell& cell = screen_.cell(a);
    if (!cell.is_field_attribute || (cell.field_attribute & field_attr::kProtected)) continue;
    const int start = screen_.Wrap(a + 1);
    if (!screen_.cell(start).is_field_attribute) return start;
  }
  return -1;
}

void Keyboard::Tab() {
  const int next = NextUnprotectedStart(screen_.cursor());
  screen_.set_cursor(next < 0 ? 0 : next);
}

void Keyboard::Home() {
  const int first = NextUnprotectedStart(screen_.cells() - 1);
  screen_.set_cursor(first < 0 ? 0 : first);
}

void Keyboard::BackTab() {
  const int cursor = screen_.cursor();
  std::vector<int> starts;
  for (const Field& f : screen_.Fields()) {
    if (!f.is_protected() && f.length > 0) starts.push_back(f.start);
  }
  if (starts.empty()) {
    screen_.set_cursor(0);
    return;
  }
  // The nearest start strictly before the cursor, going backwards with wrap-around.
  int best = -1;
  int best_distance = screen_.cells() + 1;
  for (int s : starts) {
    int d = screen_.Wrap(cursor - s);
    if (d == 0) d = screen_.cells();
    if (d < best_distance) best_distance = d, best = s;
  }
  screen_.set_cursor(best);
}

absl::Status Keyboard::EraseEof() {
  auto field = WritableField();
  if (!field.ok()) return field.status();
  const int end = field->start + field->length;  // may exceed cells(): addresses wrap
  int from = screen_.cursor();
  if (field->attribute_address >= 0 && from < field->start) from += screen_.cells();
  for (int a = from; a < end; ++a) screen_.mutable_cell(a).ebcdic = 0x00;
  if (field->attribute_address >= 0) screen_.SetModified(field->attribute_address, true);
  return absl::OkStatus();
}

absl::StatusOr<Bytes> Keyboard::Press(Aid aid) {
  if (screen_.keyboard_locked()) return absl::FailedPreconditionError("keyboard locked");
  Bytes inbound = BuildReadModified(screen_, aid);
  if (aid == Aid::kClear) screen_.Erase(false);
  screen_.set_last_aid(static_cast<std::uint8_t>(aid));
  screen_.set_keyboard_locked(true);
  return inbound;
}

}  // namespace omnihub::tn3270
