#include "adapters/mapping/engine/xml_body_template.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::mapping::engine {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

const omnihub::xml::XmlDocumentKind kBody{"the request body", "", "", ""};

}  // namespace

void AppendXmlEscaped(std::string& out, std::string_view value) {
  for (const char c : value) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out.push_back(c);
    }
  }
}

absl::StatusOr<XmlBodyTemplate> XmlBodyTemplate::Compile(
    std::string_view text, std::string content_type,
    const std::vector<std::string_view>& parameters) {
  XmlBodyTemplate t;
  t.content_type_ = content_type.empty() ? "application/xml; charset=utf-8" : content_type;
  std::vector<std::string> names;
  for (std::string_view p : parameters) names.emplace_back(p);
  size_t i = 0;
  std::string sample;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      t.parts_.push_back({false, std::string(text.substr(i))});
      break;
    }
    if (open > i) t.parts_.push_back({false, std::string(text.substr(i, open - i))});
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError("unclosed '{' in the request body");
    }
    const std::string name(text.substr(open + 1, close - open - 1));
    if (std::find(names.begin(), names.end(), name) == names.end()) {
      std::string hint = DidYouMean(name, names);
      if (hint.empty()) {
        hint = absl::StrCat("; this operation offers {", absl::StrJoin(names, "}, {"), "}");
      } else {
        hint = absl::StrCat(
            " — did you mean {",
            hint.substr(hint.find('\'') + 1, hint.rfind('\'') - hint.find('\'') - 1), "}?");
      }
      return absl::InvalidArgumentError(
          absl::StrCat("unknown parameter {", name, "} in the request body", hint));
    }
    t.parts_.push_back({true, name});
    i = close + 1;
  }
  for (const Part& part : t.parts_) sample += part.placeholder ? "1" : part.text;
  std::vector<omnihub::xml::XmlProblem> problems;
  if (omnihub::xml::ParseXmlSafely(sample, kBody, problems) == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("the request body is not well-formed XML: ",
                     problems.empty() ? "cannot be parsed" : AbslView(problems.front().message)));
  }
  return t;
}

absl::StatusOr<std::string> XmlBodyTemplate::Render(
    const std::map<std::string, std::string>& values) const {
  std::string out;
  for (const Part& part : parts_) {
    if (!part.placeholder) {
      out += part.text;
      continue;
    }
    const auto it = values.find(part.text);
    if (it == values.end()) continue;
    for (const unsigned char c : it->second) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
        return absl::InvalidArgumentError(
            absl::StrCat("{", part.text, "} holds a control character, which XML cannot carry"));
      }
    }
    AppendXmlEscaped(out, it->second);
  }
  return out;
}

}  // namespace omnihub::mapping::engine
