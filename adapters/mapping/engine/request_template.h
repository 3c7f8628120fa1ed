// RequestTemplate: how an http-json operation asks its backend (method, path template with
// {placeholders}, query parameters), compiled once and rendered per call with URL encoding.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// A backend request ready for the transport: "/admin/customers/6108000123.json?limit=50".
struct HttpRequest {
  std::string method;
  std::string target;  // path and query, percent-encoded
};

// Immutable after Compile; Render is thread-safe.
class RequestTemplate {
 public:
  // `parameters` are the names placeholders may use (from the operation). Errors:
  //   unknown parameter {acount_id} in the path — did you mean {account_id}?
  //   unclosed '{' in the path '/customers/{id'
  static absl::StatusOr<RequestTemplate> Compile(
      std::string method, std::string_view path,
      const std::vector<std::pair<std::string, std::string>>& query,
      const std::vector<std::string_view>& parameters);

  // Substitutes `values` (percent-encoded); FAILED_PRECONDITION when a placeholder in the path
  // has no value. Query parameters whose placeholders have no value are left out.
  absl::StatusOr<HttpRequest> Render(const std::map<std::string, std::string>& values) const;

  const std::string& method() const { return method_; }

 private:
  // Literal text and placeholders, alternating as parsed: a part is a placeholder when `name`.
  struct Part {
    bool placeholder = false;
    std::string text;  // literal text or the parameter name
  };
  struct Query {
    std::string name;
    std::vector<Part> value;
  };

  std::string method_;
  std::vector<Part> path_;
  std::vector<Query> query_;
};

}  // namespace omnihub::mapping::engine
