#include "hub/config/listen_address.h"

#include <arpa/inet.h>

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"

namespace omnihub::hub {
namespace {

bool IsIpv4(const std::string& host) {
  in_addr address{};
  return inet_pton(AF_INET, host.c_str(), &address) == 1;
}

bool IsIpv6(const std::string& host) {
  in6_addr address{};
  return inet_pton(AF_INET6, host.c_str(), &address) == 1;
}

absl::Status Invalid(absl::string_view text, absl::string_view why) {
  return absl::InvalidArgumentError(absl::StrCat("listen address '", text, "' ", why));
}

}  // namespace

std::string ListenAddress::ToString() const {
  if (host.find(':') != std::string::npos) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

bool ListenAddress::IsLoopback() const {
  if (host == "localhost") return true;
  in_addr v4{};
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) {
    return (ntohl(v4.s_addr) >> 24) == 127;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) {
    static const in6_addr kLoopback = IN6ADDR_LOOPBACK_INIT;
    return IN6_ARE_ADDR_EQUAL(&v6, &kLoopback);
  }
  return false;
}

absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view input) {
  const absl::string_view text(input.data(), input.size());
  constexpr absl::string_view kForm = "(expected host:port, e.g. 127.0.0.1:9464 or [::1]:9464)";
  std::string host;
  absl::string_view port_text;
  if (!text.empty() && text.front() == '[') {
    const size_t close = text.find(']');
    if (close == std::string_view::npos) {
      return Invalid(text, absl::StrCat("has an unclosed '[' ", kForm));
    }
    host = std::string(text.substr(1, close - 1));
    if (close + 1 >= text.size() || text[close + 1] != ':') {
      return Invalid(text, absl::StrCat("has no port after ']' ", kForm));
    }
    port_text = text.substr(close + 2);
    if (!IsIpv6(host)) {
      return Invalid(text,
                     absl::StrCat("has '", host, "' in brackets, which is not an IPv6 address"));
    }
  } else {
    const size_t colon = text.rfind(':');
    if (colon == std::string_view::npos) return Invalid(text, absl::StrCat("has no port ", kForm));
    host = std::string(text.substr(0, colon));
    port_text = text.substr(colon + 1);
    if (host.find(':') != std::string::npos) {
      return Invalid(text, "must put an IPv6 address in brackets, e.g. [::1]:9464");
    }
    if (host.empty()) {
      return Invalid(text,
                     "has no host; use 127.0.0.1 for this machine only or 0.0.0.0 (with "
                     "expose=\"true\") for every interface");
    }
    if (host != "localhost" && !IsIpv4(host)) {
      return Invalid(text, absl::StrCat("has host '", host,
                                        "', which is not an IP address or \"localhost\" (host "
                                        "names are not resolved)"));
    }
  }
  uint32_t port = 0;
  if (port_text.empty() || port_text.size() > 5 ||
      !std::all_of(port_text.begin(), port_text.end(), absl::ascii_isdigit) ||
      !absl::SimpleAtoi(port_text, &port) || port > 65535) {
    return Invalid(text, absl::StrCat("has port '", port_text,
                                      "', which is not a number from 0 to 65535 (0 picks a free "
                                      "port)"));
  }
  return ListenAddress{std::move(host), static_cast<uint16_t>(port)};
}

}  // namespace omnihub::hub
