// JsonBodyTemplate: the JSON body of an http-json request (<request><body>...</body></request>),
// a JSON document whose values may be {placeholders} naming the operation's request parameters:
//
//   {"note": {"body": "{text}", "author": "agent {agent_id}"}, "amount_minor": {amount_minor}}
//
// A placeholder inside a string is replaced by the value JSON-escaped (quotes, backslashes,
// control characters, U+2028/U+2029), so a parameter can never leave its string (no injection).
// A placeholder standing as a value is a number: the value must be a JSON number (money goes in
// minor units: 1250, not "12.50"), else rendering fails. Compiled once (names checked with
// did-you-mean, the template checked to be JSON), rendered per call.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// Immutable after Compile; Render is thread-safe.
class JsonBodyTemplate {
 public:
  // INVALID_ARGUMENT: unknown parameter {amout} in the request body — did you mean {amount}?; a
  // placeholder as a member name; unclosed '{'; the template is not JSON (what was expected).
  // On error, `error_offset` (when given) receives the byte offset in `text` of the problem.
  static absl::StatusOr<JsonBodyTemplate> Compile(std::string_view text, std::string content_type,
                                                  const std::vector<std::string_view>& parameters,
                                                  size_t* error_offset = nullptr);

  // The body with `values` substituted. A placeholder without a value renders as empty text in a
  // string and as null as a value. INVALID_ARGUMENT naming the parameter for a value that is not
  // UTF-8 (in a string) or not a JSON number (as a value); the value itself is never quoted.
  absl::StatusOr<std::string> Render(const std::map<std::string, std::string>& values) const;

  bool empty() const { return parts_.empty(); }
  const std::string& content_type() const { return content_type_; }
  // Whether some placeholder names `parameter`.
  bool Uses(std::string_view parameter) const;

 private:
  enum class Slot { kLiteral, kInString, kNumber };
  struct Part {
    Slot slot = Slot::kLiteral;
    std::string text;  // literal text or the parameter name
  };
  friend class JsonTemplateParser;
  std::vector<Part> parts_;
  std::string content_type_;
};

// Appends `value` to `out` as the inside of a JSON string. False (nothing appended) when `value`
// is not valid UTF-8.
bool AppendJsonEscaped(std::string& out, std::string_view value);

// Whether `text` is a JSON number (-?int frac? exp?), at most 40 characters.
bool IsJsonNumber(std::string_view text);

}  // namespace omnihub::mapping::engine
