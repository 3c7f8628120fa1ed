#include "adapters/tn3270/pool/screen_excerpt.h"

#include <sstream>

namespace omnihub::tn3270 {
namespace {

std::string Trim(const std::string& text) {
  const auto first = text.find_first_not_of(' ');
  if (first == std::string::npos) return std::string();
  const auto last = text.find_last_not_of(' ');
  return text.substr(first, last - first + 1);
}

}  // namespace

std::string ScreenExcerpt(const Screen& screen, std::size_t max_chars) {
  std::istringstream lines(screen.ToString());
  std::string line;
  std::string out;
  while (std::getline(lines, line)) {
    std::string trimmed = Trim(line);
    if (trimmed.empty()) continue;
    if (!out.empty()) out += " | ";
    out += trimmed;
  }
  if (out.empty()) return "(blank screen)";
  if (out.size() > max_chars) {
    std::size_t cut = max_chars;
    while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    out = out.substr(0, cut) + "...";
  }
  return out;
}

}  // namespace omnihub::tn3270
