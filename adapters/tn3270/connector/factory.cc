// MakeTn3270Adapter: settings -> compiled mapping, credentials, session pool -> Tn3270Adapter.
#include <boost/asio/ssl/context.hpp>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/connector_mapping.h"
#include "adapters/mapping/engine/credential_reader.h"
#include "adapters/sdk/config_path.h"
#include "adapters/tn3270/connector/catalog_sign_on.h"
#include "adapters/tn3270/connector/tn3270_adapter.h"

namespace omnihub::tn3270 {
namespace {

struct Endpoint {
  std::string host;
  int port = 3270;
  bool tls = false;
};

// "tn3270://host:port" or "tn3270s://host:port" (TLS); the port defaults to 3270 / 992.
absl::StatusOr<Endpoint> ParseEndpoint(const std::string& url) {
  Endpoint endpoint;
  std::string rest;
  if (url.rfind("tn3270://", 0) == 0) {
    rest = url.substr(9);
  } else if (url.rfind("tn3270s://", 0) == 0) {
    rest = url.substr(10);
    endpoint.tls = true;
    endpoint.port = 992;
  } else {
    return absl::InvalidArgumentError("the endpoint '" + url +
                                      "' is not tn3270://HOST:PORT or tn3270s://HOST:PORT");
  }
  if (!rest.empty() && rest.back() == '/') rest.pop_back();
  const auto colon = rest.rfind(':');
  endpoint.host = rest.substr(0, colon);
  if (colon != std::string::npos && (!absl::SimpleAtoi(rest.substr(colon + 1), &endpoint.port) ||
                                     endpoint.port < 1 || endpoint.port > 65535)) {
    return absl::InvalidArgumentError("the endpoint '" + url + "' has no valid port");
  }
  if (endpoint.host.empty())
    return absl::InvalidArgumentError("the endpoint '" + url + "' names no host");
  return endpoint;
}

}  // namespace

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeTn3270Adapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader settings(config);
  const std::string mapping_setting = settings.RequiredString("mapping");
  const std::string host = settings.String("host", "");
  const int64_t port = settings.Int("port", 0, 0, 65535);
  const std::string tls_setting = settings.String("tls", "");
  const bool tls_verify = settings.Bool("tls_verify", true);
  const std::string tls_ca = settings.String("tls_ca", "");
  const std::string code_page_name = settings.String("code_page", "037");
  const int64_t pool_size = settings.Int("pool_size", 0, 0, 64);
  const int64_t max_waiting = settings.Int("max_waiting", 64, 0, 10000);
  const int64_t connect_ms = settings.Int("connect_timeout_ms", 0, 0, 60000);
  const std::string account_pattern = settings.String("account_id_pattern", "");
  if (auto status = settings.status(); !status.ok()) return status;
  const std::string where = absl::StrCat(config.origin, ": adapter '", config.system, "': ");
  auto bad = [&where](const std::string& message) {
    return absl::InvalidArgumentError(where + message);
  };

  const auto code_page = ParseCodePage(code_page_name);
  if (!code_page)
    return bad("setting 'code_page' must be 037, 1047 or 285, got '" + code_page_name + "'");
  if (!tls_setting.empty() && tls_setting != "true" && tls_setting != "false") {
    return bad("setting 'tls' must be true or false, got '" + tls_setting + "'");
  }
  std::optional<std::regex> pattern;
  if (!account_pattern.empty()) {
    try {
      pattern.emplace(account_pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      return bad("setting 'account_id_pattern' is not a regular expression: " +
                 std::string(error.what()));
    }
  }

  auto compiled = mapping::engine::CompileConnectorMapping(
      sdk::ResolveConfigPath(config.origin, mapping_setting).string(), "tn3270", config.system);
  if (!compiled.ok()) return bad(std::string(compiled.status().message()));
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping = *std::move(compiled);
  if (mapping->screens.FindScreen(mapping->screens.home_screen) == nullptr) {
    return bad("the mapping " + mapping->file + " declares no home screen for its sign-on");
  }
  auto credentials = mapping::engine::ReadCredentials(mapping->settings.credentials);
  if (!credentials.ok()) return bad(std::string(credentials.status().message()));
  auto endpoint = ParseEndpoint(mapping->settings.endpoint);
  if (!endpoint.ok() && host.empty()) return bad(std::string(endpoint.status().message()));

  SessionPoolOptions options;
  options.system = config.system;
  options.client.host = host.empty() ? endpoint->host : host;
  options.client.port =
      static_cast<std::uint16_t>(port > 0 ? port : (endpoint.ok() ? endpoint->port : 3270));
  options.client.code_page = *code_page;
  const bool tls = tls_setting.empty() ? (endpoint.ok() && endpoint->tls) : tls_setting == "true";
  if (tls) {
    auto context =
        std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
    boost::system::error_code error;
    if (!tls_verify) {
      context->set_verify_mode(boost::asio::ssl::verify_none);
    } else {
      context->set_verify_mode(boost::asio::ssl::verify_peer);
      if (!tls_ca.empty()) {
        context->load_verify_file(tls_ca, error);
      } else {
        context->set_default_verify_paths(error);
      }
      if (error) return bad("TLS CA certificates: " + error.message());
    }
    options.client.tls = std::move(context);
  }
  options.size = static_cast<int>(pool_size > 0 ? pool_size : mapping->settings.pool_size);
  options.max_waiting = static_cast<int>(max_waiting);
  options.connect_timeout =
      std::chrono::milliseconds(connect_ms > 0 ? connect_ms : mapping->settings.connect_timeout_ms);
  std::shared_ptr<const mapping::engine::ScreenCatalog> catalog(mapping, &mapping->screens);
  options.sign_on = CatalogSignOn(catalog, *std::move(credentials));
  options.is_home = CatalogHomeTest(catalog);
  options.reset_keys = CatalogResetKeys(*catalog);
  auto pool = SessionPool::Create(environment.executor, std::move(options));
  if (!pool.ok()) return bad(std::string(pool.status().message()));
  (*pool)->Start();  // sign on now, not on the first customer's time

  auto backend = std::make_shared<Backend>();
  backend->system = config.system;
  backend->mapping = std::move(mapping);
  backend->pool = *std::move(pool);
  backend->executor = environment.executor;
  backend->account_pattern = std::move(pattern);
  backend->account_pattern_text = account_pattern;
  return std::make_unique<Tn3270Adapter>(std::move(backend));
}

}  // namespace omnihub::tn3270
