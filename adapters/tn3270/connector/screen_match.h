// Reading a live 3270 screen the way a compiled mapping describes it (screen_script.h): markers,
// known screens, error screens, input fields by label, the message line.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "adapters/mapping/engine/screen_script.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

// A positioned marker matches when the text at (row, col) starts with `text`; an unpositioned one
// when `text` appears anywhere on the screen (hidden fields never match). Case-sensitive.
bool MarkerMatches(const Screen& screen, const mapping::engine::ScreenMarker& marker);
// Every marker matches (an empty list never matches: a screen must be recognisable).
bool AllMarkersMatch(const Screen& screen,
                     const std::vector<mapping::engine::ScreenMarker>& markers);

// The first error screen of `catalog` the screen matches, or null.
const mapping::engine::ErrorScreen* MatchErrorScreen(const Screen& screen,
                                                     const mapping::engine::ScreenCatalog& catalog);

// The name of the first declared screen that matches, or empty.
std::string RecogniseScreen(const Screen& screen, const mapping::engine::ScreenCatalog& catalog);

// The first unprotected field after protected text on the same row that contains `label`
// (exact case), scanning rows top to bottom; nullopt when there is none.
std::optional<Field> InputFieldByLabel(const Screen& screen, std::string_view label);

// The message line (row 23, 1-based: index 22), trimmed.
std::string MessageLine(const Screen& screen);

// What an error says about the screen without copying customer data off it: the screen's
// first row (its id and title) and its message line, trimmed: "OMNI001 CUSTOMER INQUIRY
// CICSPRD1 / DFHAC2206 ...". Rows in between (names, addresses) are left out.
std::string ScreenSummary(const Screen& screen);

}  // namespace omnihub::tn3270
