// The simulator's screen description: what the application wants on a 24x80 (model 2) display,
// independent of the 3270 data stream that carries it. Built by the application (pure), encoded by
// data_stream.h, rendered as text for tests and logs.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace omnihub::mainframe_sim {

inline constexpr int kRows = 24;
inline constexpr int kColumns = 80;

// One 3270 field. Its attribute byte sits at (row, column - 1); its data starts at (row, column).
// Protected fields carry text; unprotected (input) fields carry a name, a length and an initial
// value, and are followed by a protected "stop" attribute at column + length.
struct ScreenField {
  int row = 0;
  int column = 1;  // >= 1: column 0 holds nothing but an attribute
  int length = 0;
  std::string text;  // protected: the text; input: the initial value (<= length)
  std::string name;  // input fields only: the key of AppInput::fields
  bool input = false;
  bool numeric = false;
  bool intensified = false;
  bool hidden = false;  // non-display (passwords)
};

// A whole screen. Value type; not synchronised.
struct Screen {
  std::string id;  // "OMNS001": also shown at the top left
  std::vector<ScreenField> fields;
  int cursor_row = 0;
  int cursor_column = 0;

  // The field named `name`, or nullptr.
  const ScreenField* input(std::string_view name) const;
  // 24 lines of 80 characters as a terminal shows them (attribute positions and hidden fields
  // as blanks). For tests and logs.
  std::vector<std::string> Lines() const;
  // Lines() joined with '\n'.
  std::string Text() const;
};

// Builds a Screen row by row. Positions are not checked for overlap: the screens are written so
// that they do not.
class ScreenBuilder {
 public:
  explicit ScreenBuilder(std::string id);

  // Protected text at (row, column).
  ScreenBuilder& Text(int row, int column, std::string_view text, bool intensified = false);
  // An input field; the cursor goes to the first input field unless Cursor() is called.
  ScreenBuilder& Input(int row, int column, int length, std::string name, std::string_view value,
                       bool hidden = false, bool numeric = false);
  ScreenBuilder& Cursor(int row, int column);
  // The message line (row 22), intensified.
  ScreenBuilder& Message(std::string_view message);
  // The key legend (row 23).
  ScreenBuilder& Keys(std::string_view legend);
  Screen Build();

 private:
  Screen screen_;
  bool cursor_set_ = false;
};

// The text typed into input fields, by field name (trailing blanks and nulls removed).
using FieldValues = std::map<std::string, std::string>;

}  // namespace omnihub::mainframe_sim
