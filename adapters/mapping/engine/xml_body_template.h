// XmlBodyTemplate: the XML body of an http-xml request (<request><body>...</body></request>),
// with {placeholders} naming the operation's request parameters. Compiled once (names checked,
// the document checked well-formed with sample values), rendered per call with every value
// XML-escaped, so a parameter can never add markup (no injection).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// Immutable after Compile; Render is thread-safe.
class XmlBodyTemplate {
 public:
  // INVALID_ARGUMENT: unknown parameter {amout} in the request body — did you mean {amount}?;
  // unclosed '{'; the body is not well-formed XML (with the parser's reason).
  static absl::StatusOr<XmlBodyTemplate> Compile(std::string_view text, std::string content_type,
                                                 const std::vector<std::string_view>& parameters);

  // The body with `values` substituted and escaped (& < > " ' and control characters refused).
  // A placeholder without a value renders as empty text (e.g. no amount: a full refund).
  // INVALID_ARGUMENT for a value that is not valid in XML (control characters other than tab,
  // CR, LF).
  absl::StatusOr<std::string> Render(const std::map<std::string, std::string>& values) const;

  bool empty() const { return parts_.empty(); }
  const std::string& content_type() const { return content_type_; }

 private:
  struct Part {
    bool placeholder = false;
    std::string text;  // literal text or the parameter name
  };
  std::vector<Part> parts_;
  std::string content_type_;
};

// Appends `value` to `out` escaped for XML text and attribute values.
void AppendXmlEscaped(std::string& out, std::string_view value);

}  // namespace omnihub::mapping::engine
