#include "adapters/mapping/engine/json_pointer.h"

#include <charconv>

#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {
namespace {

std::string Quoted(std::string_view text) {
  return absl::StrCat("'", absl::string_view(text.data(), text.size()), "'");
}

// An RFC 6901 array index: "0" or digits without a leading zero.
std::optional<size_t> ArrayIndex(const std::string& token) {
  if (token.empty() || (token.size() > 1 && token[0] == '0')) return std::nullopt;
  size_t index = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), index);
  if (ec != std::errc() || end != token.data() + token.size()) return std::nullopt;
  return index;
}

}  // namespace

absl::StatusOr<JsonPointer> JsonPointer::Parse(std::string_view text) {
  JsonPointer pointer;
  pointer.text_ = std::string(text);
  if (text.empty()) return pointer;
  if (text[0] != '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("JSON Pointer ", Quoted(text), " must start with '/' (write '/",
                     absl::string_view(text.data(), text.size()), "')"));
  }
  std::string token;
  for (size_t i = 1; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '/') {
      pointer.tokens_.push_back(std::move(token));
      token.clear();
      continue;
    }
    if (text[i] == '~') {
      if (i + 1 < text.size() && (text[i + 1] == '0' || text[i + 1] == '1')) {
        token.push_back(text[i + 1] == '0' ? '~' : '/');
        ++i;
        continue;
      }
      return absl::InvalidArgumentError(absl::StrCat(
          "JSON Pointer ", Quoted(text), ": '~' must be followed by 0 (for '~') or 1 (for '/')",
          " (RFC 6901); write '~0' for a literal '~'"));
    }
    token.push_back(text[i]);
  }
  return pointer;
}

std::optional<simdjson::dom::element> JsonPointer::Evaluate(simdjson::dom::element root) const {
  simdjson::dom::element current = root;
  for (const std::string& token : tokens_) {
    if (current.is_object()) {
      simdjson::dom::element next;
      simdjson::dom::object object;
      if (current.get_object().get(object) != simdjson::SUCCESS ||
          object.at_key(token).get(next) != simdjson::SUCCESS) {
        return std::nullopt;
      }
      current = next;
    } else if (current.is_array()) {
      const std::optional<size_t> index = ArrayIndex(token);
      if (!index) return std::nullopt;
      simdjson::dom::element next;
      simdjson::dom::array array;
      if (current.get_array().get(array) != simdjson::SUCCESS ||
          array.at(*index).get(next) != simdjson::SUCCESS) {
        return std::nullopt;
      }
      current = next;
    } else {
      return std::nullopt;
    }
  }
  return current;
}

}  // namespace omnihub::mapping::engine
