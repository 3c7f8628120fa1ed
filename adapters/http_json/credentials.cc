#include "adapters/http_json/credentials.h"

#include "adapters/mapping/engine/credential_reader.h"

namespace omnihub::http_json {

absl::StatusOr<http::HeaderList> ResolveCredentials(
    const std::vector<mapping::engine::CredentialRef>& credentials) {
  auto values = mapping::engine::ReadCredentials(credentials, {.max_bytes = 64 * 1024});
  if (!values.ok()) return values.status();
  http::HeaderList headers;
  for (const auto& credential : credentials) {
    if (!credential.header.empty())
      headers.emplace_back(credential.header, (*values)[credential.name]);
  }
  return headers;
}

}  // namespace omnihub::http_json
