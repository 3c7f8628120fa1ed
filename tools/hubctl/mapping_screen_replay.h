// Replaying a tn3270 operation's navigation script on recorded screens, for `hubctl mappings
// test`: a sample holds the screens a host showed (the transcript `hubctl 3270 screen --record`
// writes), and the script's reads over them give the Table the connector would have handed the
// table mapper.
//
// Replay rules (the execution contract of adapters/mapping/engine/screen_script.h, on screens
// that were recorded rather than asked for):
//   - The script starts on the first recorded screen that is the catalog's home screen (screens
//     before it, e.g. the sign-on, are skipped); with no home screen, on the first screen.
//   - <press> moves to the next recorded screen, then the error screens are checked (a match ends
//     the replay with the error's status). <type> changes nothing: the recording already shows
//     what the host answered.
//   - <expect-screen> must match the current screen; <wait-for> matches the current screen or,
//     failing that, the next one (an unsolicited update); <read>/<read-list> read the current one.
//   - <page>: the body runs on each page; the end marker stops; otherwise `key` moves to the next
//     recorded screen, at most max-pages pages.
// Errors name the script's line in the mapping file and the recorded screen's number.
//
// Thread-safety: plain functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/screen_script.h"
#include "adapters/mapping/engine/table.h"

namespace omnihub::hubctl {

// One recorded screen: its rows of text (0-based), and the line of the transcript it starts on.
struct RecordedScreen {
  std::vector<std::string> rows;
  int line = 0;
};

// The screens of a transcript: each run of lines "NN |text|" (row NN, 0-based, from row 00) is
// one screen; everything else (=== headers, # notes, rulers, cursor lines, field tables) is
// ignored, except the field table below a screen ("  5,2  10  protected ..."): the attribute
// cell before each field's first data cell, which the recording marks with '[', '{' or '#', is
// blank on the terminal and is made blank again. INVALID_ARGUMENT when no screen is found or
// rows are out of order.
absl::StatusOr<std::vector<RecordedScreen>> ParseRecordedScreens(std::string_view transcript);

// Runs `script` over `screens`; the Table's columns are script.columns (see the contract).
absl::StatusOr<mapping::engine::Table> ReplayScript(const mapping::engine::ScreenCatalog& catalog,
                                                    const mapping::engine::ScreenScript& script,
                                                    const std::vector<RecordedScreen>& screens);

}  // namespace omnihub::hubctl
