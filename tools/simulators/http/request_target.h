// Request targets of the simulators' HTTP APIs (ecommerce-sim, payment-sim): path and query split,
// percent-decoded, validated.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace omnihub::sim_http {

struct Target {
  std::string path;                          // decoded
  std::map<std::string, std::string> query;  // decoded; the first of repeated names wins
};

// Nullopt when the target is not origin-form ("/..."), or has a malformed percent-escape.
std::optional<Target> ParseTarget(std::string_view target);

// Percent-encodes everything but RFC 3986 unreserved characters.
std::string Encode(std::string_view text);

}  // namespace omnihub::sim_http
