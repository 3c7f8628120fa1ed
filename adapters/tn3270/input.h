// Operator actions on the screen model: typing into fields, cursor movement, Erase EOF and AID
// keys, producing the inbound record a real terminal would send.
#pragma once

#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/tn3270/aid.h"
#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

// Plays the operator at the keyboard of one Screen. Errors leave the screen unchanged:
//   FailedPrecondition  keyboard locked (an AID was sent and the host has not restored it), or
//                       the cursor is on a protected field or a field attribute;
//   InvalidArgument     a non-numeric character for a numeric field (0-9, '.' and '-' pass, as
//                       the 3270 numeric lock allows), or an address outside the screen;
//   OutOfRange          the text is longer than the room left in the field.
// Not thread-safe; the Screen must outlive it.
class Keyboard {
 public:
  explicit Keyboard(Screen& screen) : screen_(screen) {}

  // Types UTF-8 text at the cursor, all or nothing, within the cursor's field; sets its MDT. The
  // cursor ends after the text; when the field is exactly filled and the next field is autoskip
  // (protected + numeric), the cursor jumps to the next unprotected field.
  absl::Status Type(std::string_view utf8);
  // Moves the cursor to (row, col), 0-based.
  absl::Status MoveCursor(int row, int col);
  // Tab: first data cell of the next unprotected field (wrapping); BackTab: start of the current
  // unprotected field, or of the previous one when already there; Home: the first unprotected
  // field. All go to address 0 on a screen without unprotected fields.
  void Tab();
  void BackTab();
  void Home();
  // Nulls the cursor's field from the cursor to its end and sets the MDT.
  absl::Status EraseEof();

  // Presses an AID key: returns the inbound record to send (Read Modified format; Clear and PA
  // keys send the AID alone), locks the keyboard and remembers the AID. Clear also erases the
  // screen to its default size. FailedPrecondition when the keyboard is locked.
  absl::StatusOr<Bytes> Press(Aid aid);

 private:
  absl::StatusOr<Field> WritableField() const;
  int NextUnprotectedStart(int from) const;

  Screen& screen_;
};

}  // namespace omnihub::tn3270
