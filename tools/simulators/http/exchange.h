// One HTTP exchange of a simulator's API (ecommerce-sim, payment-sim), free of any transport: the
// request as the server read it and the answer the API gives.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace omnihub::sim_http {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;
  std::string target;
  Headers headers;
  std::string body;

  // The first header named `name` (case-insensitive).
  std::optional<std::string> Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  Headers headers;  // Content-Type is always set
  std::string body;
  // Send the full Content-Length but only half the body, then close (a truncated answer).
  bool truncate = false;
};

// ASCII case-insensitive equality (header names, media types).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace omnihub::sim_http
