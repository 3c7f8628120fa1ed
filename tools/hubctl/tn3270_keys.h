// The keystroke language of `hubctl 3270 screen --keys`: what an integration engineer types to
// drive a 3270 screen, parsed into actions and applied to the screen model.
//
//   text          typed at the cursor (`<<` types a literal '<')
//   <ENTER> <CLEAR> <PF1>..<PF24> <PA1>..<PA3>
//                 AID keys: sent to the host, which answers with the next screen
//   <TAB> <BACKTAB> <HOME> <EOF>   cursor movement, Erase EOF
//   <@ROW,COL>    cursor to ROW, COL (0-based, as the rulers show them)
//   <WAIT>        wait for the host to write without sending anything
//   [LABEL]=value the input field after the screen text LABEL: erased, then `value` typed
//                 (value runs to the next '<' or '[' or the end)
//
// Key names are case-insensitive. Example: "[USERID]=CSR0001[PASSWORD]=OMNIHUB<ENTER>1<ENTER>".
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/tn3270/aid.h"
#include "adapters/tn3270/input.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::hubctl {

struct KeyAction {
  enum class Kind { kText, kAid, kTab, kBackTab, kHome, kEraseEof, kCursor, kLabeledField, kWait };
  Kind kind = Kind::kText;
  std::string text;                       // kText: the text; kLabeledField: the value
  std::string label;                      // kLabeledField
  tn3270::Aid aid = tn3270::Aid::kEnter;  // kAid
  int row = 0, col = 0;                   // kCursor
};

// INVALID_ARGUMENT naming the offset and what is wrong (unknown key, unterminated <...> or [...],
// empty label). At most 64 KiB of input.
absl::StatusOr<std::vector<KeyAction>> ParseKeys(std::string_view keys);

// How the action is written in the language ("<PF8>", "[USERID]=CSR0001"); hidden values of
// labelled fields are not masked here (the caller decides).
std::string DescribeKeyAction(const KeyAction& action);

// The input field that follows `label` (case-insensitive) in the screen's text, in buffer order;
// where the label appears several times, the occurrence with the nearest input field after it.
// nullopt when the label is not shown or no input field follows it.
std::optional<tn3270::Field> FieldAfterLabel(const tn3270::Screen& screen, std::string_view label);

// Applies a non-AID, non-wait action to the screen through the keyboard; the keyboard's errors
// (locked, protected, too long, not numeric) and "label not found" come back with the action named.
absl::Status ApplyKeystroke(tn3270::Screen& screen, tn3270::Keyboard& keyboard,
                            const KeyAction& action);

}  // namespace omnihub::hubctl
