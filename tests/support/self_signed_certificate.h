// SelfSignedCertificate: a throw-away TLS certificate and key made at test time (OpenSSL 3), so no
// key is ever committed.
#pragma once

#include <string>
#include <utility>

namespace omnihub::testing {

// A self-signed certificate for `common_name` (valid from a minute ago for an hour) and its
// P-256 key, both PEM: {certificate, key}.
std::pair<std::string, std::string> SelfSignedCertificate(const std::string& common_name);

}  // namespace omnihub::testing
