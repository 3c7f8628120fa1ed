#include "adapters/mapping/engine/screen_script.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {

absl::StatusOr<TextTemplate> TextTemplate::Compile(std::string_view text,
                                                   const std::vector<std::string_view>& names) {
  TextTemplate out;
  out.text_ = std::string(text);
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      out.parts_.push_back({false, std::string(text.substr(i))});
      break;
    }
    if (open > i) out.parts_.push_back({false, std::string(text.substr(i, open - i))});
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("unclosed '{' in '", std::string(text), "'"));
    }
    const std::string name(text.substr(open + 1, close - open - 1));
    std::vector<std::string> known;
    bool found = false;
    for (std::string_view n : names) {
      found = found || n == name;
      known.emplace_back(n);
    }
    if (!found) {
      std::string hint = DidYouMean(name, known);
      if (hint.empty()) {
        hint = known.empty() ? "; none are available here"
                             : absl::StrCat("; available: {", absl::StrJoin(known, "}, {"), "}");
      } else {
        const size_t q = hint.find('\'');
        hint = absl::StrCat(" — did you mean {", hint.substr(q + 1, hint.rfind('\'') - q - 1),
                            "}?");
      }
      return absl::InvalidArgumentError(absl::StrCat("unknown placeholder {", name, "}", hint));
    }
    out.parts_.push_back({true, name});
    i = close + 1;
  }
  return out;
}

absl::StatusOr<std::string> TextTemplate::Render(
    const std::map<std::string, std::string>& values) const {
  std::string out;
  for (const Part& part : parts_) {
    if (!part.placeholder) {
      out += part.text;
      continue;
    }
    const auto it = values.find(part.text);
    if (it == values.end()) {
      return absl::FailedPreconditionError(
          absl::StrCat("no value for {", part.text, "} in '", text_, "'"));
    }
    out += it->second;
  }
  return out;
}

std::vector<std::string> TextTemplate::placeholders() const {
  std::vector<std::string> out;
  for (const Part& part : parts_) {
    if (part.placeholder) out.push_back(part.text);
  }
  return out;
}

bool IsAidName(std::string_view key) {
  if (key == "ENTER" || key == "CLEAR") return true;
  if (key.size() < 3 || key.size() > 4 || key[0] != 'P' || (key[1] != 'F' && key[1] != 'A') ||
      key[2] == '0') {
    return false;
  }
  int number = 0;
  for (const char c : key.substr(2)) {
    if (c < '0' || c > '9') return false;
    number = number * 10 + (c - '0');
  }
  return key[1] == 'F' ? number <= 24 : number <= 3;
}

}  // namespace omnihub::mapping::engine
