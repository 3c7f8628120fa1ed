#include "adapters/mapping/engine/json_body_template.h"

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {

// Reads a template once, checking it is JSON where placeholders may stand for a string's
// characters or for a value, and splits it into parts. Lives for one Compile.
class JsonTemplateParser {
 public:
  JsonTemplateParser(std::string_view text, const std::vector<std::string_view>& parameters,
                     JsonBodyTemplate& out)
      : text_(text), out_(out) {
    for (std::string_view p : parameters) names_.emplace_back(p);
  }

  absl::Status Run() {
    SkipSpace();
    if (at_ == text_.size()) return Fail("the request body is empty; write a JSON document");
    if (auto s = Value(0); !s.ok()) return s;
    SkipSpace();
    if (at_ != text_.size()) {
      return Fail(absl::StrCat("unexpected '", Char(), "' after the end of the JSON document"));
    }
    Literal(text_.size());
    return absl::OkStatus();
  }

  size_t offset() const { return at_; }

 private:
  static constexpr int kMaxDepth = 32;

  absl::Status Fail(std::string message) { return absl::InvalidArgumentError(std::move(message)); }

  std::string Char() const {
    const unsigned char c = static_cast<unsigned char>(text_[at_]);
    if (c < 0x20 || c >= 0x7f) return absl::StrCat("\\x", absl::Hex(c, absl::kZeroPad2));
    return std::string(1, static_cast<char>(c));
  }

  void SkipSpace() {
    while (at_ < text_.size() &&
           (text_[at_] == ' ' || text_[at_] == '\t' || text_[at_] == '\n' || text_[at_] == '\r')) {
      ++at_;
    }
  }

  // Literal template text from the last cut up to `end`.
  void Literal(size_t end) {
    if (end <= cut_) return;
    std::string piece(text_.substr(cut_, end - cut_));
    if (!out_.parts_.empty() && out_.parts_.back().slot == JsonBodyTemplate::Slot::kLiteral) {
      out_.parts_.back().text += piece;
    } else {
      out_.parts_.push_back({JsonBodyTemplate::Slot::kLiteral, std::move(piece)});
    }
    cut_ = end;
  }

  static bool NameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  // At '{' of a placeholder: reads {name}, checks the name, adds the part.
  absl::Status Placeholder(JsonBodyTemplate::Slot slot) {
    const size_t open = at_;
    size_t end = open + 1;
    while (end < text_.size() && NameChar(text_[end])) ++end;
    if (end == open + 1 || end >= text_.size() || text_[end] != '}') {
      return Fail(slot == JsonBodyTemplate::Slot::kInString
                      ? "a '{' in a string starts a {parameter} and needs a name and a closing "
                        "'}' (write \\u007b for a literal brace)"
                      : "unclosed '{' in the request body: a {parameter} needs a closing '}'");
    }
    const std::string name(text_.substr(open + 1, end - open - 1));
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
      std::string hint = DidYouMean(name, names_);
      if (hint.empty()) {
        hint = absl::StrCat("; this operation offers {", absl::StrJoin(names_, "}, {"), "}");
      } else {
        hint = absl::StrCat(
            " — did you mean {",
            hint.substr(hint.find('\'') + 1, hint.rfind('\'') - hint.find('\'') - 1), "}?");
      }
      return Fail(absl::StrCat("unknown parameter {", name, "} in the request body", hint));
    }
    Literal(open);
    out_.parts_.push_back({slot, name});
    at_ = end + 1;
    cut_ = at_;
    return absl::OkStatus();
  }

  absl::Status Value(int depth) {
    if (depth > kMaxDepth) {
      return Fail(absl::StrCat("the request body nests deeper than ", kMaxDepth, " levels"));
    }
    SkipSpace();
    if (at_ >= text_.size()) return Fail("the request body ends where a value is expected");
    const char c = text_[at_];
    if (c == '{' && at_ + 1 < text_.size() && NameChar(text_[at_ + 1])) {
      return Placeholder(JsonBodyTemplate::Slot::kNumber);
    }
    if (c == '{') return Object(depth);
    if (c == '[') return Array(depth);
    if (c == '"') return String(/*key=*/false);
    if (c == '-' || (c >= '0' && c <= '9')) return Number();
    for (std::string_view word : {"true", "false", "null"}) {
      if (text_.substr(at_, word.size()) == word) {
        at_ += word.size();
        return absl::OkStatus();
      }
    }
    return Fail(absl::StrCat("unexpected '", Char(),
                             "' where a JSON value is expected (an object, array, \"string\", "
                             "number, true, false, null or a {parameter})"));
  }

  absl::Status Object(int depth) {
    ++at_;  // '{'
    SkipSpace();
    if (at_ < text_.size() && text_[at_] == '}') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      SkipSpace();
      if (at_ >= text_.size() || text_[at_] != '"') {
        return Fail(at_ < text_.size() && text_[at_] == '{'
                        ? "a member name cannot be a {parameter}: write the name in quotes"
                        : "expected a member name in quotes");
      }
      if (auto s = String(/*key=*/true); !s.ok()) return s;
      SkipSpace();
      if (at_ >= text_.size() || text_[at_] != ':') return Fail("expected ':' after a member name");
      ++at_;
      if (auto s = Value(depth + 1); !s.ok()) return s;
      SkipSpace();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == '}') {
        ++at_;
        return absl::OkStatus();
      }
      return Fail("expected ',' or '}' in an object");
    }
  }

  absl::Status Array(int depth) {
    ++at_;  // '['
    SkipSpace();
    if (at_ < text_.size() && text_[at_] == ']') {
      ++at_;
      return absl::OkStatus();
    }
    while (true) {
      if (auto s = Value(depth + 1); !s.ok()) return s;
      SkipSpace();
      if (at_ < text_.size() && text_[at_] == ',') {
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_[at_] == ']') {
        ++at_;
        return absl::OkStatus();
      }
      return Fail("expected ',' or ']' in an array");
    }
  }

  absl::Status String(bool key) {
    ++at_;  // '"'
    while (at_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return absl::OkStatus();
      }
      if (c < 0x20) {
        return Fail("a control character (a line break?) inside a JSON string: write \\n");
      }
      if (c == '\\') {
        const char e = at_ + 1 < text_.size() ? text_[at_ + 1] : '\0';
        if (e == 'u') {
          for (size_t i = at_ + 2; i < at_ + 6; ++i) {
            if (i >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[i]))) {
              return Fail("\\u in a string needs four hex digits");
            }
          }
          at_ += 6;
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos || e == '\0') {
          return Fail("a bad escape in a string (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)");
        }
        at_ += 2;
        continue;
      }
      if (c == '{') {
        if (key) return Fail("a member name cannot hold a {parameter}");
        if (auto s = Placeholder(JsonBodyTemplate::Slot::kInString); !s.ok()) return s;
        continue;
      }
      ++at_;
    }
    return Fail("a string is not closed with '\"'");
  }

  absl::Status Number() {
    const size_t start = at_;
    while (at_ < text_.size() &&
           std::string_view("+-0123456789.eE").find(text_[at_]) != std::string_view::npos) {
      ++at_;
    }
    if (!IsJsonNumber(text_.substr(start, at_ - start))) {
      at_ = start;
      return Fail("a malformed number");
    }
    return absl::OkStatus();
  }

  std::string_view text_;
  JsonBodyTemplate& out_;
  std::vector<std::string> names_;
  size_t at_ = 0;
  size_t cut_ = 0;  // where the next literal part starts
};

namespace {

// The length of the UTF-8 sequence at `s` (1..4), or 0 when it is not valid UTF-8 (overlong
// forms, surrogates and code points above U+10FFFF refused).
size_t Utf8Length(std::string_view s) {
  const auto b = [&](size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = b(0);
  if (c < 0x80) return 1;
  size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (n == 0 || c > 0xF4 || s.size() < n) return 0;
  for (size_t i = 1; i < n; ++i) {
    if ((b(i) & 0xC0) != 0x80) return 0;
  }
  if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
  if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
  if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
  if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
  return n;
}

}  // namespace

bool AppendJsonEscaped(std::string& out, std::string_view value) {
  const size_t before = out.size();
  for (size_t i = 0; i < value.size();) {
    const size_t n = Utf8Length(value.substr(i));
    if (n == 0) {
      out.resize(before);
      return false;
    }
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (n == 3 && c == 0xE2 && static_cast<unsigned char>(value[i + 1]) == 0x80 &&
        (static_cast<unsigned char>(value[i + 2]) == 0xA8 ||
         static_cast<unsigned char>(value[i + 2]) == 0xA9)) {
      // U+2028/U+2029: valid JSON, but they end lines in JavaScript; escaped for any reader.
      out += static_cast<unsigned char>(value[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
    } else if (n > 1) {
      out.append(value.substr(i, n));
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\b') {
      out += "\\b";
    } else if (c == '\f') {
      out += "\\f";
    } else if (c < 0x20 || c == 0x7f) {
      out += absl::StrCat("\\u00", absl::Hex(c, absl::kZeroPad2));
    } else {
      out.push_back(static_cast<char>(c));
    }
    i += n;
  }
  return true;
}

bool IsJsonNumber(std::string_view text) {
  if (text.empty() || text.size() > 40) return false;
  size_t i = 0;
  const auto digit = [&](size_t at) {
    return at < text.size() && text[at] >= '0' && text[at] <= '9';
  };
  if (text[i] == '-') ++i;
  if (!digit(i)) return false;
  if (text[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == text.size();
}

absl::StatusOr<JsonBodyTemplate> JsonBodyTemplate::Compile(
    std::string_view text, std::string content_type,
    const std::vector<std::string_view>& parameters, size_t* error_offset) {
  JsonBodyTemplate t;
  t.content_type_ = content_type.empty() ? "application/json" : std::move(content_type);
  JsonTemplateParser parser(text, parameters, t);
  if (absl::Status s = parser.Run(); !s.ok()) {
    if (error_offset != nullptr) *error_offset = parser.offset();
    return s;
  }
  return t;
}

absl::StatusOr<std::string> JsonBodyTemplate::Render(
    const std::map<std::string, std::string>& values) const {
  std::string out;
  for (const Part& part : parts_) {
    if (part.slot == Slot::kLiteral) {
      out += part.text;
      continue;
    }
    const auto it = values.find(part.text);
    if (part.slot == Slot::kNumber) {
      if (it == values.end()) {
        out += "null";
      } else if (IsJsonNumber(it->second)) {
        out += it->second;
      } else {
        return absl::InvalidArgumentError(
            absl::StrCat("{", part.text, "} must be a number (the body sends it as one)"));
      }
      continue;
    }
    if (it == values.end()) continue;
    if (!AppendJsonEscaped(out, it->second)) {
      return absl::InvalidArgumentError(
          absl::StrCat("{", part.text, "} is not valid UTF-8 text, which JSON cannot carry"));
    }
  }
  return out;
}

bool JsonBodyTemplate::Uses(std::string_view parameter) const {
  return std::any_of(parts_.begin(), parts_.end(), [&](const Part& part) {
    return part.slot != Slot::kLiteral && part.text == parameter;
  });
}

}  // namespace omnihub::mapping::engine
