#include "adapters/http/url.h"

#include <cstdlib>

#include "absl/status/status.h"

namespace omnihub::http {

absl::StatusOr<BaseUrl> BaseUrl::Parse(const std::string& url) {
  BaseUrl out;
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    out.tls = true;
    rest = url.substr(8);
  } else {
    return absl::InvalidArgumentError("base URL must start with http:// or https://: " + url);
  }
  if (rest.find_first_of("?#@") != std::string::npos) {
    return absl::InvalidArgumentError("base URL must not contain userinfo, query or fragment: " +
                                      url);
  }
  const auto slash = rest.find('/');
  std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) out.path = rest.substr(slash);
  while (!out.path.empty() && out.path.back() == '/') out.path.pop_back();

  std::string port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string::npos) return absl::InvalidArgumentError("bad IPv6 host: " + url);
    out.host = authority.substr(1, close - 1);
    if (close + 1 < authority.size()) {
      if (authority[close + 1] != ':') return absl::InvalidArgumentError("bad host: " + url);
      port = authority.substr(close + 2);
    }
  } else {
    const auto colon = authority.find(':');
    out.host = authority.substr(0, colon);
    if (colon != std::string::npos) port = authority.substr(colon + 1);
  }
  if (out.host.empty()) return absl::InvalidArgumentError("base URL has no host: " + url);
  const std::string default_port = out.tls ? "443" : "80";
  if (port.empty()) {
    out.port = default_port;
  } else {
    char* end = nullptr;
    const long number = std::strtol(port.c_str(), &end, 10);
    if (*end != '\0' || number <= 0 || number > 65535) {
      return absl::InvalidArgumentError("bad port in base URL: " + url);
    }
    out.port = port;
  }
  const std::string host_literal =
      out.host.find(':') != std::string::npos ? "[" + out.host + "]" : out.host;
  out.host_header = out.port == default_port ? host_literal : host_literal + ":" + out.port;
  return out;
}

}  // namespace omnihub::http
