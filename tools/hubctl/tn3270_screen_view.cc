#include "tools/hubctl/tn3270_screen_view.h"

#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace omnihub::hubctl {
namespace {

using tn3270::Field;
using tn3270::Screen;

// "    0         1         2" and "    0123456789012..." for `cols` columns.
std::string Rulers(int cols) {
  std::string tens = "    ";
  std::string units = "    ";
  for (int col = 0; col < cols; ++col) {
    tens.push_back(col % 10 == 0 ? static_cast<char>('0' + (col / 10) % 10) : ' ');
    units.push_back(static_cast<char>('0' + col % 10));
  }
  return tens + "\n" + units + "\n";
}

}  // namespace

std::string FieldAttributeNames(const Field& field) {
  std::string names = field.is_protected() ? "protected" : "input";
  if (field.is_numeric()) names += " numeric";
  if (field.is_intensified()) names += " intensified";
  if (field.is_hidden()) names += " hidden";
  if (field.is_modified()) names += " modified";
  return names;
}

std::string RenderScreen(const Screen& screen, bool fields) {
  std::string out = Rulers(screen.cols());
  std::istringstream lines(screen.ToString(fields));
  std::string line;
  int row = 0;
  while (std::getline(lines, line)) {
    out += absl::StrFormat("%02d |%s|\n", row++, line);
  }
  out += Rulers(screen.cols());
  out += absl::StrFormat("cursor %d,%d  keyboard %s%s\n", screen.cursor() / screen.cols(),
                         screen.cursor() % screen.cols(),
                         screen.keyboard_locked() ? "locked" : "unlocked",
                         screen.formatted() ? "" : "  (unformatted screen: no fields)");
  if (!fields || !screen.formatted()) return out;
  out += "fields ([ input, { protected, # hidden; row,col = first data cell):\n";
  out += absl::StrFormat("  %-7s %4s  %-36s %s\n", "row,col", "len", "attributes", "text");
  for (const Field& field : screen.Fields()) {
    const std::string position =
        absl::StrCat(field.start / screen.cols(), ",", field.start % screen.cols());
    const std::string text = field.is_hidden() ? "(hidden)" : screen.TrimmedFieldText(field);
    out += absl::StrFormat("  %-7s %4d  %-36s \"%s\"\n", position, field.length,
                           FieldAttributeNames(field), text);
  }
  return out;
}

}  // namespace omnihub::hubctl
