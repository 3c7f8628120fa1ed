#include "adapters/mapping/engine/request_template.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

struct Parsed {
  bool placeholder;
  std::string text;
};

absl::StatusOr<std::vector<Parsed>> Split(std::string_view text, std::string_view where,
                                          const std::vector<std::string_view>& parameters) {
  std::vector<Parsed> parts;
  size_t i = 0;
  while (i < text.size()) {
    const size_t open = text.find('{', i);
    if (open == std::string_view::npos) {
      parts.push_back({false, std::string(text.substr(i))});
      break;
    }
    if (open > i) parts.push_back({false, std::string(text.substr(i, open - i))});
    const size_t close = text.find('}', open);
    if (close == std::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("unclosed '{' in the ", AbslView(where), " '", AbslView(text), "'"));
    }
    const std::string name(text.substr(open + 1, close - open - 1));
    bool known = false;
    std::vector<std::string> names;
    for (std::string_view p : parameters) {
      known = known || p == name;
      names.emplace_back(p);
    }
    if (!known) {
      std::string hint = DidYouMean(name, names);
      if (hint.empty()) {
        hint = absl::StrCat("; this operation offers {", absl::StrJoin(names, "}, {"), "}");
      } else {
        hint = absl::StrCat(
            " — did you mean {",
            hint.substr(hint.find('\'') + 1, hint.rfind('\'') - hint.find('\'') - 1), "}?");
      }
      return absl::InvalidArgumentError(
          absl::StrCat("unknown parameter {", name, "} in the ", AbslView(where), hint));
    }
    parts.push_back({true, name});
    i = close + 1;
  }
  return parts;
}

void AppendEncoded(std::string& out, std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (const char c : value) {
    const auto u = static_cast<unsigned char>(c);
    if (absl::ascii_isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 15]);
    }
  }
}

}  // namespace

absl::StatusOr<RequestTemplate> RequestTemplate::Compile(
    std::string method, std::string_view path,
    const std::vector<std::pair<std::string, std::string>>& query,
    const std::vector<std::string_view>& parameters) {
  RequestTemplate t;
  t.method_ = std::move(method);
  if (path.empty() || path[0] != '/') {
    return absl::InvalidArgumentError(
        absl::StrCat("the request path '", AbslView(path), "' must start with '/'"));
  }
  absl::StatusOr<std::vector<Parsed>> parts = Split(path, "path", parameters);
  if (!parts.ok()) return parts.status();
  for (Parsed& p : *parts) t.path_.push_back({p.placeholder, std::move(p.text)});
  for (const auto& [name, value] : query) {
    absl::StatusOr<std::vector<Parsed>> v =
        Split(value, absl::StrCat("query parameter '", name, "'"), parameters);
    if (!v.ok()) return v.status();
    Query q{name, {}};
    for (Parsed& p : *v) q.value.push_back({p.placeholder, std::move(p.text)});
    t.query_.push_back(std::move(q));
  }
  return t;
}

absl::StatusOr<HttpRequest> RequestTemplate::Render(
    const std::map<std::string, std::string>& values) const {
  HttpRequest request{method_, ""};
  for (const Part& part : path_) {
    if (!part.placeholder) {
      request.target += part.text;
      continue;
    }
    const auto it = values.find(part.text);
    if (it == values.end() || it->second.empty()) {
      return absl::FailedPreconditionError(
          absl::StrCat("the request path needs {", part.text, "}, which was not given"));
    }
    AppendEncoded(request.target, it->second);
  }
  char separator = '?';
  for (const Query& q : query_) {
    std::string value;
    bool complete = true;
    for (const Part& part : q.value) {
      if (!part.placeholder) {
        value += part.text;
        continue;
      }
      const auto it = values.find(part.text);
      if (it == values.end() || it->second.empty()) {
        complete = false;
        break;
      }
      value += it->second;
    }
    if (!complete) continue;
    request.target.push_back(separator);
    separator = '&';
    AppendEncoded(request.target, q.name);
    request.target.push_back('=');
    AppendEncoded(request.target, value);
  }
  return request;
}

}  // namespace omnihub::mapping::engine
