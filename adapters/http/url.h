// BaseUrl: the parsed "http[s]://host[:port][/path]" a client is bound to.
#pragma once

#include <string>

#include "absl/status/statusor.h"

namespace omnihub::http {

// A backend's base URL. Userinfo, query and fragment are refused; IPv6 literals use brackets.
struct BaseUrl {
  bool tls = false;
  std::string host;         // without brackets
  std::string port;         // explicit or the scheme's default ("80" / "443")
  std::string path;         // "" or "/prefix" without a trailing slash
  std::string host_header;  // the Host header value: host, plus ":port" when not the default

  static absl::StatusOr<BaseUrl> Parse(const std::string& url);
};

}  // namespace omnihub::http
