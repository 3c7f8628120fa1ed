#include "tools/hubctl/tn3270_keys.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace omnihub::hubctl {
namespace {

using tn3270::Aid;
using tn3270::Field;
using tn3270::Screen;

constexpr std::size_t kMaxKeys = 64 * 1024;
constexpr char kKnownKeys[] =
    "ENTER, CLEAR, PF1-PF24, PA1-PA3, TAB, BACKTAB, HOME, EOF, WAIT, @ROW,COL";

absl::Status Bad(std::size_t offset, const std::string& what) {
  return absl::InvalidArgumentError(absl::StrCat("--keys at offset ", offset, ": ", what));
}

// Parses the inside of <...>.
absl::StatusOr<KeyAction> ParseKeyName(std::string_view name, std::size_t offset) {
  const std::string upper = absl::AsciiStrToUpper(std::string(name));
  KeyAction action;
  if (upper == "TAB") {
    action.kind = KeyAction::Kind::kTab;
  } else if (upper == "BACKTAB") {
    action.kind = KeyAction::Kind::kBackTab;
  } else if (upper == "HOME") {
    action.kind = KeyAction::Kind::kHome;
  } else if (upper == "EOF" || upper == "ERASEEOF") {
    action.kind = KeyAction::Kind::kEraseEof;
  } else if (upper == "WAIT") {
    action.kind = KeyAction::Kind::kWait;
  } else if (!upper.empty() && upper[0] == '@') {
    const auto comma = upper.find(',');
    int row = -1, col = -1;
    if (comma == std::string::npos ||
        !absl::SimpleAtoi(std::string(upper.substr(1, comma - 1)), &row) ||
        !absl::SimpleAtoi(std::string(upper.substr(comma + 1)), &col) || row < 0 || col < 0 ||
        row > 255 || col > 255) {
      return Bad(offset, "<" + std::string(name) + "> is not <@ROW,COL> with 0-based numbers");
    }
    action.kind = KeyAction::Kind::kCursor;
    action.row = row;
    action.col = col;
  } else if (auto aid = tn3270::ParseAid(upper); aid.has_value()) {
    action.kind = KeyAction::Kind::kAid;
    action.aid = *aid;
  } else {
    return Bad(offset, "unknown key <" + std::string(name) + "> (known: " + kKnownKeys + ")");
  }
  return action;
}

}  // namespace

absl::StatusOr<std::vector<KeyAction>> ParseKeys(std::string_view keys) {
  if (keys.size() > kMaxKeys) {
    return absl::InvalidArgumentError(
        absl::StrCat("--keys is ", keys.size(), " bytes long; at most ", kMaxKeys, " allowed"));
  }
  std::vector<KeyAction> actions;
  auto append_text = [&actions](char c) {
    if (actions.empty() || actions.back().kind != KeyAction::Kind::kText) {
      actions.emplace_back();  // kText
    }
    actions.back().text.push_back(c);
  };
  std::size_t i = 0;
  while (i < keys.size()) {
    const char c = keys[i];
    if (c == '<') {
      if (i + 1 < keys.size() && keys[i + 1] == '<') {
        append_text('<');
        i += 2;
        continue;
      }
      const auto end = keys.find('>', i);
      if (end == std::string_view::npos)
        return Bad(i, "'<' without a closing '>' (type << for a literal '<')");
      auto action = ParseKeyName(keys.substr(i + 1, end - i - 1), i);
      if (!action.ok()) return action.status();
      actions.push_back(*std::move(action));
      i = end + 1;
      continue;
    }
    if (c == '[') {
      const auto close = keys.find(']', i);
      if (close != std::string_view::npos && close + 1 < keys.size() && keys[close + 1] == '=') {
        KeyAction action;
        action.kind = KeyAction::Kind::kLabeledField;
        action.label = std::string(keys.substr(i + 1, close - i - 1));
        if (action.label.empty()) return Bad(i, "empty label in []=");
        std::size_t value_end = close + 2;
        while (value_end < keys.size() && keys[value_end] != '<' && keys[value_end] != '[') {
          ++value_end;
        }
        action.text = std::string(keys.substr(close + 2, value_end - close - 2));
        actions.push_back(std::move(action));
        i = value_end;
        continue;
      }
    }
    append_text(c);
    ++i;
  }
  return actions;
}

std::string DescribeKeyAction(const KeyAction& action) {
  switch (action.kind) {
    case KeyAction::Kind::kText:
      return action.text;
    case KeyAction::Kind::kAid:
      return "<" + tn3270::AidName(action.aid) + ">";
    case KeyAction::Kind::kTab:
      return "<TAB>";
    case KeyAction::Kind::kBackTab:
      return "<BACKTAB>";
    case KeyAction::Kind::kHome:
      return "<HOME>";
    case KeyAction::Kind::kEraseEof:
      return "<EOF>";
    case KeyAction::Kind::kWait:
      return "<WAIT>";
    case KeyAction::Kind::kCursor:
      return absl::StrCat("<@", action.row, ",", action.col, ">");
    case KeyAction::Kind::kLabeledField:
      return "[" + action.label + "]=" + action.text;
  }
  return "?";
}

std::optional<Field> FieldAfterLabel(const Screen& screen, std::string_view label) {
  const std::string wanted = absl::AsciiStrToUpper(std::string(label));
  if (wanted.empty()) return std::nullopt;
  const std::vector<Field> fields = screen.Fields();
  // The label may also appear in prose ("TYPE YOUR USERID AND PASSWORD"): of all its
  // occurrences, take the one with an input field closest after it.
  std::optional<Field> best;
  int best_distance = 0;
  for (int row = 0; row < screen.rows(); ++row) {
    const std::string text = absl::AsciiStrToUpper(screen.RowText(row));
    // Byte offsets are columns for the ASCII labels this is meant for.
    for (auto at = text.find(wanted); at != std::string::npos; at = text.find(wanted, at + 1)) {
      const int label_end = screen.Address(row, static_cast<int>(at + wanted.size()));
      for (const Field& field : fields) {  // buffer order
        if (field.is_protected() || field.start < label_end) continue;
        const int distance = field.start - label_end;
        if (!best || distance < best_distance) {
          best = field;
          best_distance = distance;
        }
        break;
      }
    }
  }
  return best;
}

absl::Status ApplyKeystroke(Screen& screen, tn3270::Keyboard& keyboard, const KeyAction& action) {
  auto named = [&action](const absl::Status& status) {
    if (status.ok()) return status;
    return absl::Status(status.code(),
                        absl::StrCat(DescribeKeyAction(action), ": ", status.message()));
  };
  switch (action.kind) {
    case KeyAction::Kind::kText:
      return named(keyboard.Type(action.text));
    case KeyAction::Kind::kTab:
      keyboard.Tab();
      return absl::OkStatus();
    case KeyAction::Kind::kBackTab:
      keyboard.BackTab();
      return absl::OkStatus();
    case KeyAction::Kind::kHome:
      keyboard.Home();
      return absl::OkStatus();
    case KeyAction::Kind::kEraseEof:
      return named(keyboard.EraseEof());
    case KeyAction::Kind::kCursor:
      return named(keyboard.MoveCursor(action.row, action.col));
    case KeyAction::Kind::kLabeledField: {
      const auto field = FieldAfterLabel(screen, action.label);
      if (!field) {
        return absl::NotFoundError(
            absl::StrCat("[", action.label, "]: no input field after that text on the screen"));
      }
      const int row = field->start / screen.cols();
      const int col = field->start % screen.cols();
      if (auto moved = keyboard.MoveCursor(row, col); !moved.ok()) return named(moved);
      if (auto erased = keyboard.EraseEof(); !erased.ok()) return named(erased);
      return named(keyboard.Type(action.text));
    }
    case KeyAction::Kind::kAid:
    case KeyAction::Kind::kWait:
      break;
  }
  return absl::InvalidArgumentError(DescribeKeyAction(action) + " is not a keystroke");
}

}  // namespace omnihub::hubctl
