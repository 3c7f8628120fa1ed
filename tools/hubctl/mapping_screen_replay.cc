#include "tools/hubctl/mapping_screen_replay.h"

#include <map>
#include <optional>
#include <regex>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;

constexpr int kMessageRow = 22;  // 0-based: row 23 as the mapping file counts

std::string TextAt(const RecordedScreen& screen, int row, int col, int length) {
  std::string text;
  if (row >= 0 && row < static_cast<int>(screen.rows.size())) {
    const std::string& line = screen.rows[row];
    if (col >= 0 && col < static_cast<int>(line.size())) text = line.substr(col, length);
  }
  text.resize(length, ' ');
  return text;
}

bool MarkerMatches(const RecordedScreen& screen, const engine::ScreenMarker& marker) {
  if (marker.row && marker.col) {
    return TextAt(screen, *marker.row, *marker.col, static_cast<int>(marker.text.size())) ==
           marker.text;
  }
  return absl::StrJoin(screen.rows, "").find(marker.text) != std::string::npos;
}

bool AllMatch(const RecordedScreen& screen, const std::vector<engine::ScreenMarker>& markers) {
  if (markers.empty()) return false;
  for (const auto& m : markers) {
    if (!MarkerMatches(screen, m)) return false;
  }
  return true;
}

// Walks the recorded screens as the script's steps go. Not thread-safe.
class Replay {
 public:
  Replay(const engine::ScreenCatalog& catalog, const std::vector<RecordedScreen>& screens)
      : catalog_(catalog), screens_(screens) {
    if (const engine::ScreenDef* home = catalog.FindScreen(catalog.home_screen)) {
      for (size_t i = 0; i < screens.size(); ++i) {
        if (AllMatch(screens[i], home->markers)) {
          current_ = i;
          break;
        }
      }
    }
  }

  absl::Status Run(const std::vector<engine::ScriptStep>& steps) {
    for (const engine::ScriptStep& step : steps) {
      if (absl::Status s = std::visit([&](const auto& x) { return Do(x, step.line); }, step.step);
          !s.ok()) {
        return s;
      }
    }
    return absl::OkStatus();
  }

  engine::Table TakeTable(const std::vector<std::string>& columns) {
    engine::Table table;
    table.columns = columns;
    if (items_.empty() && !reads_.empty()) items_.emplace_back();
    for (const auto& item : items_) {
      std::vector<std::optional<std::string>> row;
      for (const std::string& column : columns) {
        auto it = item.find(column);
        if (it != item.end()) {
          row.push_back(it->second);
        } else if (auto read = reads_.find(column); read != reads_.end()) {
          row.push_back(read->second);
        } else {
          row.push_back(std::nullopt);
        }
      }
      table.rows.push_back(std::move(row));
    }
    return table;
  }

 private:
  const RecordedScreen& screen() const { return screens_[current_]; }
  std::string Where(int line) const {
    return absl::StrCat("script line ", line, ", recorded screen ", current_ + 1, " (line ",
                        screen().line, " of the recording)");
  }

  absl::Status CheckErrorScreens(int line) const {
    for (const engine::ErrorScreen& error : catalog_.error_screens) {
      if (!AllMatch(screen(), error.markers)) continue;
      const std::string message =
          error.message.empty()
              ? std::string(absl::StripAsciiWhitespace(TextAt(screen(), kMessageRow, 0, 200)))
              : error.message;
      return absl::Status(error.code, absl::StrCat(Where(line), " is an error screen: ", message));
    }
    return absl::OkStatus();
  }

  absl::Status Advance(const std::string& key, int line) {
    if (current_ + 1 >= screens_.size()) {
      return absl::FailedPreconditionError(absl::StrCat(
          Where(line), ": the script presses ", key,
          " but the recording has no screen after this one (record the whole navigation)"));
    }
    ++current_;
    return CheckErrorScreens(line);
  }

  absl::Status Do(const engine::ExpectScreenStep& step, int line) {
    if (absl::Status s = CheckErrorScreens(line); !s.ok()) return s;
    const engine::ScreenDef* def = catalog_.FindScreen(step.screen);
    if (def == nullptr || !AllMatch(screen(), def->markers)) {
      return absl::FailedPreconditionError(
          absl::StrCat(Where(line), ": expected screen '", step.screen, "', the recording shows '",
                       absl::StripAsciiWhitespace(TextAt(screen(), 0, 0, 80)), "'"));
    }
    return absl::OkStatus();
  }
  absl::Status Do(const engine::WaitForStep& step, int line) {
    if (MarkerMatches(screen(), step.marker)) return absl::OkStatus();
    if (current_ + 1 < screens_.size() && MarkerMatches(screens_[current_ + 1], step.marker)) {
      ++current_;
      return absl::OkStatus();
    }
    return absl::DeadlineExceededError(
        absl::StrCat(Where(line), ": '", step.marker.text, "' never shows"));
  }
  absl::Status Do(const engine::TypeStep&, int) { return absl::OkStatus(); }
  absl::Status Do(const engine::PressStep& step, int line) { return Advance(step.key, line); }
  absl::Status Do(const engine::ReadStep& step, int) {
    reads_[step.name] = TextAt(screen(), step.row, step.col, step.length);
    return absl::OkStatus();
  }
  absl::Status Do(const engine::ReadListStep& step, int) {
    const int per_item = std::max(1, step.lines_per_item);
    for (int first = step.first_row; first + per_item - 1 <= step.last_row; first += per_item) {
      std::map<std::string, std::string> item;
      bool blank = true;
      for (const engine::ListColumn& column : step.columns) {
        std::string text = TextAt(screen(), first + column.line, column.col, column.length);
        if (!absl::StripAsciiWhitespace(text).empty()) blank = false;
        item[column.name] = std::move(text);
      }
      if (blank) break;
      items_.push_back(std::move(item));
    }
    return absl::OkStatus();
  }
  absl::Status Do(const engine::PageStep& step, int line) {
    for (int page = 1;; ++page) {
      for (const engine::ScriptStep& inner : step.body) {
        if (absl::Status s =
                std::visit([&](const auto& x) { return Do(x, inner.line); }, inner.step);
            !s.ok()) {
          return s;
        }
      }
      if (MarkerMatches(screen(), step.until) || page >= step.max_pages) return absl::OkStatus();
      if (absl::Status s = Advance(step.key, line); !s.ok()) return s;
    }
  }
  absl::Status Do(const engine::ScriptStep&, int) { return absl::OkStatus(); }

  const engine::ScreenCatalog& catalog_;
  const std::vector<RecordedScreen>& screens_;
  size_t current_ = 0;
  std::map<std::string, std::string> reads_;
  std::vector<std::map<std::string, std::string>> items_;
};

}  // namespace

absl::StatusOr<std::vector<RecordedScreen>> ParseRecordedScreens(std::string_view transcript) {
  static const std::regex kRow(R"(^(\d\d) \|(.*)\|\r?$)");
  static const std::regex kField(R"(^  (\d+),(\d+) +\d+  (protected|input))");
  std::vector<RecordedScreen> screens;
  size_t pos = 0;
  int line_number = 0;
  bool in_screen = false;
  while (pos < transcript.size()) {
    const size_t end = transcript.find('\n', pos);
    const std::string line(
        transcript.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos));
    pos = end == std::string_view::npos ? transcript.size() : end + 1;
    ++line_number;
    std::smatch m;
    if (!std::regex_match(line, m, kRow)) {
      in_screen = false;
      // A field of the field table below the screen: its attribute cell (the one before its
      // first data cell) shows '[', '{' or '#' in the recording; on the terminal it is blank.
      if (!screens.empty() && std::regex_search(line, m, kField)) {
        RecordedScreen& screen = screens.back();
        const int cols = screen.rows.empty() ? 0 : static_cast<int>(screen.rows[0].size());
        const int cells = cols * static_cast<int>(screen.rows.size());
        if (cells > 0) {
          const int start = std::stoi(m[1]) * cols + std::stoi(m[2]);
          const int attribute = (start - 1 + cells) % cells;
          std::string& row = screen.rows[attribute / cols];
          if (attribute % cols < static_cast<int>(row.size())) row[attribute % cols] = ' ';
        }
      }
      continue;
    }
    const int row = std::stoi(m[1]);
    if (!in_screen) {
      if (row != 0) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line_number, ": a screen must start with row 00, not ", m[1].str()));
      }
      screens.push_back({{}, line_number});
      in_screen = true;
    }
    RecordedScreen& screen = screens.back();
    if (row != static_cast<int>(screen.rows.size())) {
      return absl::InvalidArgumentError(absl::StrCat("line ", line_number, ": row ", m[1].str(),
                                                     " follows row ", screen.rows.size() - 1));
    }
    screen.rows.push_back(m[2]);
  }
  if (screens.empty()) {
    return absl::InvalidArgumentError(
        "no screen found: expected rows written as \"00 |...|\" (what `hubctl 3270 screen "
        "--record` writes)");
  }
  return screens;
}

absl::StatusOr<engine::Table> ReplayScript(const engine::ScreenCatalog& catalog,
                                           const engine::ScreenScript& script,
                                           const std::vector<RecordedScreen>& screens) {
  if (screens.empty()) return absl::InvalidArgumentError("no recorded screen");
  Replay replay(catalog, screens);
  if (absl::Status s = replay.Run(script.steps); !s.ok()) return s;
  return replay.TakeTable(script.columns);
}

}  // namespace omnihub::hubctl
