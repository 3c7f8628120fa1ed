// How `hubctl 3270 screen` shows a 3270 screen: the text with row/column rulers, optionally with
// field boundaries marked and a table of the fields and their attributes (what one needs to write
// a navigation script).
#pragma once

#include <string>

#include "adapters/tn3270/screen.h"

namespace omnihub::hubctl {

// The screen's rows between column rulers, each row prefixed with its 0-based number, and a last
// line with the cursor position and the keyboard state. With `fields`, attribute cells show
// '[' (input), '{' (protected) or '#' (hidden), and a table lists every field: row, column of
// its first data cell, length, attributes and text (hidden fields masked).
std::string RenderScreen(const tn3270::Screen& screen, bool fields);

// "protected numeric intensified hidden modified" (the ones that apply; "input" when unprotected).
std::string FieldAttributeNames(const tn3270::Field& field);

}  // namespace omnihub::hubctl
