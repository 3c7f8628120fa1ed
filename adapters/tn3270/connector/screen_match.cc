#include "adapters/tn3270/connector/screen_match.h"

#include "absl/strings/str_cat.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Trim(std::string_view text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string_view::npos) return std::string();
  const auto last = text.find_last_not_of(' ');
  return std::string(text.substr(first, last - first + 1));
}

// Collapses runs of blanks to one, for one-line summaries.
std::string Squeeze(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ' && !out.empty() && out.back() == ' ') continue;
    out.push_back(c);
  }
  return Trim(out);
}

}  // namespace

namespace {

// The screen's text, made once for all the unpositioned markers of one check.
class LazyText {
 public:
  explicit LazyText(const Screen& screen) : screen_(screen) {}
  const std::string& get() {
    if (!text_) text_ = screen_.ToString();
    return *text_;
  }

 private:
  const Screen& screen_;
  std::optional<std::string> text_;
};

bool Matches(const Screen& screen, const engine::ScreenMarker& marker, LazyText& text) {
  if (marker.text.empty()) return false;
  if (marker.row && marker.col) {
    if (*marker.row < 0 || *marker.row >= screen.rows() || *marker.col < 0 ||
        *marker.col >= screen.cols()) {
      return false;
    }
    const int length = static_cast<int>(Utf8Length(marker.text));
    return screen.RegionText(*marker.row, *marker.col, length) == marker.text;
  }
  return text.get().find(marker.text) != std::string::npos;
}

bool AllMatch(const Screen& screen, const std::vector<engine::ScreenMarker>& markers,
              LazyText& text) {
  if (markers.empty()) return false;
  for (const auto& marker : markers) {
    if (!Matches(screen, marker, text)) return false;
  }
  return true;
}

}  // namespace

bool MarkerMatches(const Screen& screen, const engine::ScreenMarker& marker) {
  LazyText text(screen);
  return Matches(screen, marker, text);
}

bool AllMarkersMatch(const Screen& screen, const std::vector<engine::ScreenMarker>& markers) {
  LazyText text(screen);
  return AllMatch(screen, markers, text);
}

const engine::ErrorScreen* MatchErrorScreen(const Screen& screen,
                                            const engine::ScreenCatalog& catalog) {
  LazyText text(screen);
  for (const auto& error : catalog.error_screens) {
    if (AllMatch(screen, error.markers, text)) return &error;
  }
  return nullptr;
}

std::string RecogniseScreen(const Screen& screen, const engine::ScreenCatalog& catalog) {
  LazyText text(screen);
  for (const auto& def : catalog.screens) {
    if (AllMatch(screen, def.markers, text)) return def.name;
  }
  return std::string();
}

std::optional<Field> InputFieldByLabel(const Screen& screen, std::string_view label) {
  if (label.empty()) return std::nullopt;
  const std::vector<Field> fields = screen.Fields();
  for (const Field& field : fields) {
    if (!field.is_protected() || field.is_hidden()) continue;
    if (screen.FieldText(field).find(label) == std::string::npos) continue;
    const int row = field.start / screen.cols();
    // The next unprotected field after this one, on the same row.
    for (const Field& input : fields) {
      if (input.is_protected() || input.start <= field.start) continue;
      if (input.start / screen.cols() != row) break;
      return input;
    }
  }
  return std::nullopt;
}

std::string MessageLine(const Screen& screen) {
  const int row = std::min(22, screen.rows() - 1);
  return Squeeze(screen.RowText(row));
}

std::string ScreenSummary(const Screen& screen) {
  const std::string title = Squeeze(screen.RowText(0));
  const std::string message = MessageLine(screen);
  if (message.empty()) return title.empty() ? "(blank screen)" : title;
  return absl::StrCat(title, " / ", message);
}

}  // namespace omnihub::tn3270
