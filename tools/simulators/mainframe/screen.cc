// Screen description helpers.
#include "tools/simulators/mainframe/screen.h"

#include <algorithm>
#include <utility>

namespace omnihub::mainframe_sim {

const ScreenField* Screen::input(std::string_view name) const {
  for (const auto& field : fields) {
    if (field.input && field.name == name) return &field;
  }
  return nullptr;
}

std::vector<std::string> Screen::Lines() const {
  std::vector<std::string> lines(kRows, std::string(kColumns, ' '));
  for (const auto& field : fields) {
    if (field.hidden || field.row < 0 || field.row >= kRows) continue;
    for (size_t i = 0; i < field.text.size(); ++i) {
      const size_t column = static_cast<size_t>(field.column) + i;
      if (column >= static_cast<size_t>(kColumns)) break;
      lines[field.row][column] = field.text[i];
    }
  }
  return lines;
}

std::string Screen::Text() const {
  std::string text;
  for (const auto& line : Lines()) {
    text += line;
    text += '\n';
  }
  return text;
}

ScreenBuilder::ScreenBuilder(std::string id) {
  screen_.id = std::move(id);
  Text(0, 1, screen_.id, true);
}

ScreenBuilder& ScreenBuilder::Text(int row, int column, std::string_view text, bool intensified) {
  ScreenField field;
  field.row = row;
  field.column = column;
  field.text = std::string(text.substr(0, static_cast<size_t>(kColumns - column)));
  field.length = static_cast<int>(field.text.size());
  field.intensified = intensified;
  screen_.fields.push_back(std::move(field));
  return *this;
}

ScreenBuilder& ScreenBuilder::Input(int row, int column, int length, std::string name,
                                    std::string_view value, bool hidden, bool numeric) {
  ScreenField field;
  field.row = row;
  field.column = column;
  field.length = length;
  field.text = std::string(value.substr(0, static_cast<size_t>(length)));
  field.name = std::move(name);
  field.input = true;
  field.hidden = hidden;
  field.numeric = numeric;
  field.intensified = !hidden;
  if (!cursor_set_) {
    screen_.cursor_row = row;
    screen_.cursor_column = column;
    cursor_set_ = true;
  }
  screen_.fields.push_back(std::move(field));
  return *this;
}

ScreenBuilder& ScreenBuilder::Cursor(int row, int column) {
  screen_.cursor_row = row;
  screen_.cursor_column = column;
  cursor_set_ = true;
  return *this;
}

ScreenBuilder& ScreenBuilder::Message(std::string_view message) {
  if (!message.empty()) Text(22, 1, message, true);
  return *this;
}

ScreenBuilder& ScreenBuilder::Keys(std::string_view legend) { return Text(23, 1, legend); }

Screen ScreenBuilder::Build() {
  std::stable_sort(screen_.fields.begin(), screen_.fields.end(),
                   [](const ScreenField& a, const ScreenField& b) {
                     return a.row * kColumns + a.column < b.row * kColumns + b.column;
                   });
  return std::move(screen_);
}

}  // namespace omnihub::mainframe_sim
