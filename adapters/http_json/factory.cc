// MakeHttpJsonAdapter: settings -> compiled mapping, credentials, HTTP client -> HttpJsonAdapter.

#include "absl/strings/str_cat.h"
#include "adapters/http_json/credentials.h"
#include "adapters/http_json/http_json_adapter.h"
#include "adapters/mapping/engine/connector_mapping.h"
#include "adapters/sdk/config_path.h"

namespace omnihub::http_json {
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeHttpJsonAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader settings(config);
  const std::string mapping_setting = settings.RequiredString("mapping");
  const std::string endpoint = settings.String("endpoint", "");
  const int64_t connect_ms = settings.Int("connect_timeout_ms", 0, 0, 60000);
  const int64_t request_ms = settings.Int("request_timeout_ms", 0, 0, 600000);
  const int64_t pool_size = settings.Int("pool_size", 0, 0, 64);
  PagingOptions paging;
  paging.page_size = static_cast<int>(settings.Int("page_size", 250, 1, 1000));
  paging.max_pages = static_cast<int>(settings.Int("max_pages", 10, 1, 100));
  paging.cursor_param = settings.String("cursor_param", "page_info");
  const bool tls_verify = settings.Bool("tls_verify", true);
  if (auto status = settings.status(); !status.ok()) return status;
  const std::string where = absl::StrCat(config.origin, ": adapter '", config.system, "': ");

  auto compiled = mapping::engine::CompileConnectorMapping(
      sdk::ResolveConfigPath(config.origin, mapping_setting).string(), "http-json", config.system);
  if (!compiled.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, compiled.status().message()));
  }
  const auto& mapping = **compiled;
  auto credentials = ResolveCredentials(mapping.settings.credentials);
  if (!credentials.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, credentials.status().message()));
  }

  http::HttpClientOptions options;
  options.base_url = endpoint.empty() ? mapping.settings.endpoint : endpoint;
  options.connect_timeout =
      std::chrono::milliseconds(connect_ms > 0 ? connect_ms : mapping.settings.connect_timeout_ms);
  options.pool.max_connections =
      static_cast<size_t>(pool_size > 0 ? pool_size : mapping.settings.pool_size);
  options.tls.verify_peer = tls_verify;
  options.user_agent = "omnihub-http-json/0.1";
  paging.request_timeout =
      std::chrono::milliseconds(request_ms > 0 ? request_ms : mapping.settings.request_timeout_ms);
  auto client = http::HttpClient::Create(environment.executor, std::move(options));
  if (!client.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, client.status().message()));
  }

  auto backend = std::make_shared<Backend>();
  backend->system = config.system;
  backend->mapping = *std::move(compiled);
  backend->client = *std::move(client);
  backend->credential_headers = *std::move(credentials);
  backend->paging = std::move(paging);
  return std::make_unique<HttpJsonAdapter>(std::move(backend));
}

}  // namespace omnihub::http_json
