#include "adapters/http_json/response_status.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "simdjson.h"

namespace omnihub::http_json {
namespace {

std::string Snippet(std::string_view body) {
  std::string out;
  for (char c : body.substr(0, 160)) {
    out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  }
  if (body.size() > 160) out += "...";
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view text) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (text[i] != '%') {
      out.push_back(text[i]);
    } else {
      if (i + 2 >= text.size()) return std::nullopt;
      const int high = HexValue(text[i + 1]);
      const int low = HexValue(text[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      out.push_back(static_cast<char>(high * 16 + low));
      i += 2;
    }
  }
  return out;
}

}  // namespace

absl::Status StatusOfResponse(const std::string& system, const std::string& operation,
                              const http::Response& response) {
  const int status = response.status;
  if (status >= 200 && status < 300) {
    const auto type = response.Header("Content-Type");
    if (type && absl::AsciiStrToLower(*type).find("json") == std::string::npos) {
      return absl::DataLossError(absl::StrCat(system, " ", operation, ": HTTP ", status,
                                              " with Content-Type '", Snippet(*type),
                                              "', not JSON: ", Snippet(response.body)));
    }
    return absl::OkStatus();
  }
  const std::string message =
      absl::StrCat(system, " ", operation, ": HTTP ", status, ": ", Snippet(response.body));
  if (status == 404) return absl::NotFoundError(message);
  if (status == 400 || status == 422) return absl::InvalidArgumentError(message);
  if (status == 401 || status == 403) {
    return absl::FailedPreconditionError(message + " (credentials refused; check the credential)");
  }
  return absl::UnavailableError(message);
}

namespace {

// The shop's error messages: {"errors": {"field": ["message", ...]}} as "field: message; ...",
// {"errors": "message"} as the message; else the start of the body. `fields` tells which it was.
std::string ShopErrors(std::string_view body, bool& fields) {
  fields = false;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (body.size() > 64 * 1024 || parser.parse(body.data(), body.size()).get(doc) != 0) {
    return Snippet(body);
  }
  simdjson::dom::element errors;
  if (doc["errors"].get(errors) != 0) return Snippet(body);
  std::string_view text;
  if (errors.get_string().get(text) == 0) return Snippet(text);
  simdjson::dom::object object;
  if (errors.get_object().get(object) != 0) return Snippet(body);
  std::string out;
  for (auto member : object) {
    const std::string_view field = member.key;
    const simdjson::dom::element messages = member.value;
    fields = true;
    std::string joined;
    simdjson::dom::array list;
    if (messages.get_array().get(list) == 0) {
      for (simdjson::dom::element m : list) {
        std::string_view one;
        if (m.get_string().get(one) == 0) {
          absl::StrAppend(&joined, joined.empty() ? "" : ", ", std::string(one));
        }
      }
    } else if (messages.get_string().get(text) == 0) {
      joined = std::string(text);
    }
    absl::StrAppend(&out, out.empty() ? "" : "; ", std::string(field), " ", joined);
  }
  return Snippet(std::string_view(out).substr(0, 300));
}

}  // namespace

absl::Status StatusOfWriteResponse(const std::string& system, const std::string& operation,
                                   const http::Response& response, bool keyed) {
  const int status = response.status;
  if (status < 300 || status == 404 || status == 401 || status == 403) {
    return StatusOfResponse(system, operation, response);
  }
  bool fields = false;
  const std::string errors = ShopErrors(response.body, fields);
  const std::string head = absl::StrCat(system, " ", operation, ": HTTP ", status, ": ");
  const std::string retry =
      keyed ? " (safe to retry with the same idempotency key)"
            : " (the write may have been done; without an idempotency key a retry may do it "
              "twice)";
  if (status == 400) return absl::InvalidArgumentError(head + errors);
  if (status == 422) {
    if (fields) return absl::InvalidArgumentError(absl::StrCat(head, "the shop refused ", errors));
    return absl::FailedPreconditionError(head + errors);
  }
  if (status == 409) {
    return absl::UnavailableError(
        absl::StrCat(head, errors, " (a request with this key is in progress; retry later)"));
  }
  if (status == 429) {
    const auto after = response.Header("Retry-After");
    return absl::UnavailableError(absl::StrCat(
        head, "rate limited, not performed",
        after ? absl::StrCat("; retry after ", Snippet(*after), " s") : "", ": ", errors));
  }
  if (status >= 500) return absl::UnavailableError(absl::StrCat(head, errors, retry));
  return absl::FailedPreconditionError(absl::StrCat(
      head, errors, " (the mapping's request is refused; check its method, path and body)"));
}

std::optional<std::string> NextCursor(const http::Response& response,
                                      std::string_view cursor_param) {
  const auto link = response.Header("Link");
  if (!link) return std::nullopt;
  // Link: <url1>; rel="previous", <url2>; rel="next"
  std::string_view rest = *link;
  while (!rest.empty()) {
    const size_t open = rest.find('<');
    const size_t close = rest.find('>', open);
    if (open == std::string_view::npos || close == std::string_view::npos) return std::nullopt;
    const std::string_view url = rest.substr(open + 1, close - open - 1);
    const size_t comma = rest.find(',', close);
    const std::string_view params = rest.substr(
        close + 1, comma == std::string_view::npos ? std::string_view::npos : comma - close - 1);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (params.find("rel=\"next\"") == std::string_view::npos &&
        params.find("rel=next") == std::string_view::npos) {
      continue;
    }
    const size_t question = url.find('?');
    if (question == std::string_view::npos) return std::nullopt;
    std::string_view query = url.substr(question + 1);
    while (!query.empty()) {
      const size_t amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
      const size_t equals = pair.find('=');
      if (equals != std::string_view::npos && pair.substr(0, equals) == cursor_param) {
        auto value = PercentDecode(pair.substr(equals + 1));
        if (!value || value->empty()) return std::nullopt;
        return value;
      }
    }
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace omnihub::http_json
