// The 3270 side of connector="tn3270": screens known by their markers, error screens mapped to
// status codes, the sign-on script and each operation's navigation script, compiled from the
// mapping file into plain data. The mapping engine only compiles and validates; the tn3270
// connector executes a script against a live session (adapters/tn3270).
//
// Positions: the mapping file writes rows and columns 1-based, as an emulator's cursor indicator
// and CICS BMS maps show them (row 1, column 1 is the top left). Everything here is 0-BASED
// (the file's value minus one), ready for tn3270::Screen::Address(row, col).
//
// Execution contract (for the connector):
//   - Screen identity: a ScreenDef matches when every one of its markers matches. A marker with
//     a position matches when the screen text at (row, col) starts with `text`; without one,
//     when `text` appears anywhere on the screen. Comparisons are exact (case-sensitive).
//   - After every key press (and before expect-screen), if an ErrorScreen matches, stop with its
//     status code; the message is the error's `message` (or, when empty, the screen's message
//     line, row 23 1-based, trimmed) — never the whole screen (it may hold customer data).
//   - ExpectScreen: the current screen must match the named ScreenDef; otherwise
//     FAILED_PRECONDITION "expected screen X". WaitFor: wait until the marker matches, at most
//     `timeout_ms` (bounded by the call's deadline too), else DEADLINE_EXCEEDED.
//   - Type: into the input field found by `label` (the first unprotected field after protected
//     text on the same row that contains `label`) or at (row, col); the value is the rendered
//     template, erasing the rest of the field; a value longer than the field is INVALID_ARGUMENT.
//   - Press: send the AID ("ENTER", "CLEAR", "PF1".."PF24", "PA1".."PA3"; tn3270::ParseAid
//     accepts these names) and wait for the host's answer.
//   - Read: the text at (row, col, length) into column `name` of the current row. ReadList: each
//     item of the list area becomes a row (items are `lines_per_item` screen rows from
//     `first_row` to `last_row`); an item whose columns are all blank ends the area.
//     Values are kept as they are on the screen (trailing blanks included; trim in the mapping).
//   - Page: run `body`; stop when `until` matches (the last page) or after `max_pages` pages;
//     else press `key` and repeat. Reaching max_pages without the end marker is not an error
//     (the list is truncated; the connector may say so in its source status).
//   - The result Table: columns are the Read names then the ReadList column names, in script
//     order. Without list reads: one row (when anything was read). With list reads: one row per
//     item, each also carrying the Read values (e.g. the account number read once above a list).
//     Map it with MapTable (table_mapper.h).
//
// Thread-safety: immutable after compilation.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// Text with {placeholders} (request parameters, or credential names in the sign-on script),
// compiled once; rendered per call.
class TextTemplate {
 public:
  TextTemplate() = default;

  // `names` are the placeholders the text may use. INVALID_ARGUMENT in the architect's words:
  //   unknown placeholder {acount_id} — did you mean {account_id}?; unclosed '{' in '...'
  static absl::StatusOr<TextTemplate> Compile(std::string_view text,
                                              const std::vector<std::string_view>& names);

  // FAILED_PRECONDITION naming the placeholder when `values` lacks one.
  absl::StatusOr<std::string> Render(const std::map<std::string, std::string>& values) const;

  const std::string& text() const { return text_; }
  // The placeholders used, in order of appearance (with repeats).
  std::vector<std::string> placeholders() const;

 private:
  struct Part {
    bool placeholder = false;
    std::string text;  // literal text or the placeholder's name
  };
  std::string text_;
  std::vector<Part> parts_;
};

// A piece of text at a position, or anywhere on the screen.
struct ScreenMarker {
  std::optional<int> row;  // 0-based; set together with `col`
  std::optional<int> col;
  std::string text;
};

// <screen name>: a screen the scripts may expect, known by all of its markers.
struct ScreenDef {
  std::string name;
  std::vector<ScreenMarker> markers;
};

// <error-screen code message>: a screen that ends the script with a status.
struct ErrorScreen {
  absl::StatusCode code = absl::StatusCode::kUnavailable;
  std::string message;  // may be empty: use the screen's message line
  std::vector<ScreenMarker> markers;
};

struct ExpectScreenStep {
  std::string screen;  // a ScreenDef name (checked at compile time)
};
struct WaitForStep {
  ScreenMarker marker;
  int timeout_ms = 2000;
};
struct TypeStep {
  std::string label;       // set, or row/col
  std::optional<int> row;  // 0-based
  std::optional<int> col;
  TextTemplate value;
};
struct PressStep {
  std::string key;  // upper case: "ENTER", "CLEAR", "PF1".."PF24", "PA1".."PA3"
};
struct ReadStep {
  std::string name;  // a column of the result Table
  int row = 0;       // 0-based
  int col = 0;
  int length = 1;
};
struct ListColumn {
  std::string name;
  int line = 0;  // 0-based screen row within an item (0 .. lines_per_item - 1)
  int col = 0;   // 0-based
  int length = 1;
};
struct ReadListStep {
  int first_row = 0;  // 0-based, inclusive
  int last_row = 0;   // 0-based, inclusive
  int lines_per_item = 1;
  std::vector<ListColumn> columns;
};

struct ScriptStep;
struct PageStep {
  std::string key;  // "PF8"
  ScreenMarker until;
  int max_pages = 10;
  std::vector<ScriptStep> body;  // no PageStep inside
};

struct ScriptStep {
  std::variant<ExpectScreenStep, WaitForStep, TypeStep, PressStep, ReadStep, ReadListStep, PageStep>
      step;
  int line = 0;  // in the mapping file, for the connector's error messages
};

// Everything a tn3270 system declares besides its operations.
struct ScreenCatalog {
  std::vector<ScreenDef> screens;
  std::vector<ErrorScreen> error_screens;
  std::vector<ScriptStep> sign_on;  // placeholders: credential names ({user}, {password})
  std::string home_screen;          // where sign-on ends and each operation starts
  std::string home_key;             // the key that returns there ("PF12"); empty: none

  const ScreenDef* FindScreen(std::string_view name) const {
    for (const ScreenDef& s : screens) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }
};

// One operation's navigation script. Empty `steps` for other connectors.
struct ScreenScript {
  std::vector<ScriptStep> steps;
  // The result Table's columns, in order (see the contract above).
  std::vector<std::string> columns;
};

// True for the AID names a script may press (upper case).
bool IsAidName(std::string_view key);

}  // namespace omnihub::mapping::engine
