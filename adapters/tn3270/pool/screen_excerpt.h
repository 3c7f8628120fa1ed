// ScreenExcerpt: a screen as one line of text for error messages and logs.
#pragma once

#include <string>

#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

// The non-blank rows of `screen`, each trimmed, joined by " | " (hidden fields stay hidden), at
// most `max_chars` characters (cut with "..."). An empty screen gives "(blank screen)".
std::string ScreenExcerpt(const Screen& screen, std::size_t max_chars = 600);

}  // namespace omnihub::tn3270
