// Recorded 3270 screens replayed through mappings/systems/mainframe.xml's scripts: the transcript
// format `hubctl 3270 screen --record` writes, screens recognised by their markers, error screens,
// paging, and recordings that do not fit the script.
#include "tools/hubctl/mapping_screen_replay.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "absl/strings/str_format.h"
#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;
using ::testing::HasSubstr;

// A 24x80 screen as the recorder prints it: text placed at 0-based (row, col).
std::string Screen(int number, const std::map<std::pair<int, int>, std::string>& texts) {
  std::vector<std::string> rows(24, std::string(80, ' '));
  for (const auto& [at, text] : texts) rows[at.first].replace(at.second, text.size(), text);
  std::string out = absl::StrFormat("=== screen %d: after <ENTER> ===\n# 127.0.0.1:3270\n", number);
  out += "    0         1\n    0123456789\n";
  for (int r = 0; r < 24; ++r) out += absl::StrFormat("%02d |%s|\n", r, rows[r]);
  out += "cursor 2,21  keyboard unlocked\n\n";
  return out;
}

std::string Menu(int n) { return Screen(n, {{{0, 1}, "OMNM001"}}); }

const engine::CompiledSystem& Mainframe() {
  static const auto system = [] {
    auto r =
        engine::CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/mainframe.xml");
    EXPECT_TRUE(r.ok()) << engine::FormatDiagnostics(r.diagnostics);
    return r.system;
  }();
  return *system;
}

absl::StatusOr<engine::Table> Replay(const std::string& operation, const std::string& transcript) {
  auto screens = ParseRecordedScreens(transcript);
  if (!screens.ok()) return screens.status();
  const engine::CompiledOperation* op = Mainframe().FindOperation(operation);
  EXPECT_NE(op, nullptr);
  return ReplayScript(Mainframe().screens, op->script, *screens);
}

std::string Cell(const engine::Table& table, size_t row, const std::string& column) {
  const auto index = table.ColumnIndex(column);
  EXPECT_TRUE(index.has_value()) << column;
  return table.At(row, *index).value_or("<null>");
}

TEST(RecordedScreens, EachRunOfRowsIsOneScreen) {
  auto screens = ParseRecordedScreens(Menu(1) + Screen(2, {{{0, 1}, "OMNI001"}}));
  ASSERT_TRUE(screens.ok()) << screens.status();
  ASSERT_EQ(screens->size(), 2u);
  EXPECT_EQ((*screens)[1].rows.size(), 24u);
  EXPECT_EQ((*screens)[1].rows[0].substr(1, 7), "OMNI001");
  EXPECT_EQ((*screens)[1].line, 35);
}

TEST(RecordedScreens, TheFieldTableBlanksEachFieldsAttributeCell) {
  std::string transcript = Screen(1, {{{0, 0}, "{OMNI001"}, {{2, 20}, "[00104217"}});
  transcript +=
      "fields ([ input, { protected, # hidden; row,col = first data cell):\n"
      "  row,col  len  attributes                           text\n"
      "  0,1       23  protected intensified                \"OMNI001\"\n"
      "  2,21       8  input numeric                        \"00104217\"\n";
  auto screens = ParseRecordedScreens(transcript);
  ASSERT_TRUE(screens.ok()) << screens.status();
  EXPECT_EQ((*screens)[0].rows[0].substr(0, 8), " OMNI001");
  EXPECT_EQ((*screens)[0].rows[2].substr(20, 9), " 00104217");
}

TEST(RecordedScreens, RefusesTextWithoutScreensAndRowsOutOfOrder) {
  auto none = ParseRecordedScreens("just some notes\n");
  ASSERT_FALSE(none.ok());
  EXPECT_THAT(std::string(none.status().message()), HasSubstr("no screen found"));

  auto late = ParseRecordedScreens("01 |abc|\n");
  ASSERT_FALSE(late.ok());
  EXPECT_THAT(std::string(late.status().message()), HasSubstr("line 1: a screen must start"));

  auto skipped = ParseRecordedScreens("00 |abc|\n01 |abc|\n03 |abc|\n");
  ASSERT_FALSE(skipped.ok());
  EXPECT_THAT(std::string(skipped.status().message()), HasSubstr("line 3: row 03 follows row 1"));
}

TEST(ScreenReplay, ReadsTheInquiryAfterSkippingTheSignOn) {
  const std::string transcript = Screen(1, {{{0, 1}, "OMNS001"}, {{4, 2}, "USERID"}}) + Menu(2) +
                                 Screen(3, {{{0, 1}, "OMNI001"},
                                            {{2, 21}, "00104217"},
                                            {{4, 18}, "DOE JANE"},
                                            {{5, 18}, "12 HIGH ST"},
                                            {{7, 18}, "LEEDS"},
                                            {{8, 18}, "LS1 4AB"},
                                            {{9, 18}, "12209"}});
  auto table = Replay("get-customer", transcript);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(Cell(*table, 0, "account"), "00104217");
  EXPECT_EQ(Cell(*table, 0, "name"), "DOE JANE" + std::string(22, ' '));
  EXPECT_EQ(Cell(*table, 0, "opened"), "12209");
}

TEST(ScreenReplay, TheWrongScreenNamesTheExpectedOneAndTheScriptLine) {
  auto table = Replay("get-customer", Menu(1) + Screen(2, {{{0, 1}, "OMNC001 STORE CARD"}}));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(std::string(table.status().message()),
              HasSubstr("expected screen 'inquiry', the recording shows 'OMNC001 STORE CARD'"));
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("script line "));
}

TEST(ScreenReplay, AnErrorScreenEndsTheReplayWithItsCode) {
  auto table = Replay(
      "get-customer",
      Menu(1) + Screen(2, {{{0, 1}, "OMNM001"}, {{22, 1}, "OMN0404E ACCOUNT 00999999 NOT FOUND"}}));
  ASSERT_FALSE(table.ok());
  EXPECT_EQ(table.status().code(), absl::StatusCode::kNotFound);
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("OMN0404E ACCOUNT 00999999"));
}

TEST(ScreenReplay, ARecordingThatStopsTooSoonSaysSo) {
  auto table = Replay("get-customer", Menu(1));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(std::string(table.status().message()),
              HasSubstr("the script presses ENTER but the recording has no screen after"));
}

std::string NotesPage(int n, const std::vector<std::string>& notes, bool last) {
  std::map<std::pair<int, int>, std::string> texts = {{{0, 1}, "OMNN001"}, {{2, 21}, "00104217"}};
  for (size_t i = 0; i < notes.size(); ++i) {
    texts[{5 + 2 * static_cast<int>(i), 2}] = "20261030 101500 CSR0412";
    texts[{6 + 2 * static_cast<int>(i), 6}] = notes[i];
  }
  texts[{20, 2}] = last ? "END OF LIST" : "MORE...";
  return Screen(n, texts);
}

TEST(ScreenReplay, PagesUntilTheEndMarkerAndStopsAtABlankItem) {
  const std::string transcript = Menu(1) +
                                 NotesPage(2, {"N1", "N2", "N3", "N4", "N5", "N6", "N7"}, false) +
                                 NotesPage(3, {"N8", "N9"}, true) + NotesPage(4, {"NEVER"}, true);
  auto table = Replay("list-contacts", transcript);
  ASSERT_TRUE(table.ok()) << table.status();
  ASSERT_EQ(table->rows.size(), 9u);
  EXPECT_EQ(Cell(*table, 8, "text").substr(0, 2), "N9");
  EXPECT_EQ(Cell(*table, 8, "account"), "00104217");  // the <read> above the list, on every row
}

TEST(ScreenReplay, APageWithoutTheEndMarkerNeedsTheNextScreen) {
  auto table = Replay("list-contacts", Menu(1) + NotesPage(2, {"N1"}, false));
  ASSERT_FALSE(table.ok());
  EXPECT_THAT(std::string(table.status().message()), HasSubstr("presses PF8"));
}

}  // namespace
}  // namespace omnihub::hubctl
