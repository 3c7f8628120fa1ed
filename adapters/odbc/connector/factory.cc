// CreateOdbcAdapter / MakeOdbcAdapter: settings -> compiled mapping, connection pool, database
// threads -> OdbcAdapter.
#include <cstdlib>

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/connector_mapping.h"
#include "adapters/odbc/connector/odbc_adapter.h"
#include "adapters/sdk/config_path.h"

namespace omnihub::odbc {
namespace {

// The password from the mapping's <credential name="password" env=... | file=...>, if set.
absl::StatusOr<std::string> Password(const mapping::engine::SystemSettings& settings) {
  for (const auto& credential : settings.credentials) {
    if (credential.name != "password") continue;
    if (!credential.env.empty()) {
      const char* value = std::getenv(credential.env.c_str());
      return value == nullptr ? std::string() : std::string(value);
    }
    if (!credential.file.empty()) {
      FILE* file = std::fopen(credential.file.c_str(), "rb");
      if (file == nullptr) {
        return absl::FailedPreconditionError(
            absl::StrCat("cannot read the password file ", credential.file));
      }
      char buffer[512];
      size_t size = std::fread(buffer, 1, sizeof(buffer), file);
      std::fclose(file);
      std::string value(buffer, size);
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
      return value;
    }
  }
  return std::string();
}

}  // namespace

absl::StatusOr<std::unique_ptr<OdbcAdapter>> CreateOdbcAdapter(const OdbcAdapterOptions& options,
                                                               boost::asio::any_io_executor io) {
  const std::string where = absl::StrCat("adapter '", options.system, "': ");
  auto compiled =
      mapping::engine::CompileConnectorMapping(options.mapping_path, "odbc", options.system);
  if (!compiled.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(where, compiled.status().message()));
  }
  const auto& mapping = **compiled;
  if (mapping.FindOperation("get-customer") == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "the mapping ", mapping.file, " declares no get-customer operation"));
  }
  auto backend = std::make_shared<OdbcBackend>();
  backend->system = options.system;
  backend->dialect = options.dialect.empty() ? mapping.settings.dialect : options.dialect;
  if (backend->dialect.empty()) backend->dialect = "sqlite";
  if (backend->dialect != "sqlite" && backend->dialect != "postgresql") {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "dialect must be sqlite or postgresql, got '", backend->dialect, "'"));
  }
  std::string connection =
      options.connection.empty() ? mapping.settings.connection : options.connection;
  auto password = Password(mapping.settings);
  if (!password.ok())
    return absl::InvalidArgumentError(absl::StrCat(where, password.status().message()));
  if (!password->empty()) {
    if (password->find('}') != std::string::npos) {
      return absl::InvalidArgumentError(absl::StrCat(where, "the password contains '}'"));
    }
    auto normal = NormalizeConnectionString(connection);
    if (!normal.ok())
      return absl::InvalidArgumentError(absl::StrCat(where, normal.status().message()));
    connection = absl::StrCat(*normal, ";PWD={", *password, "}");
  }
  if (options.statement_cache < 0 || options.statement_cache > 1000) {
    return absl::InvalidArgumentError(
        absl::StrCat(where, "statement_cache must be in [0, 1000], got ", options.statement_cache));
  }
  PoolOptions pool;
  pool.connection_string = connection;
  pool.max_size = options.pool_size > 0 ? options.pool_size : mapping.settings.pool_size;
  pool.statement_cache_size = static_cast<size_t>(options.statement_cache);
  auto created = ConnectionPool::Create(pool);
  if (!created.ok())
    return absl::InvalidArgumentError(absl::StrCat(where, created.status().message()));
  backend->pool = std::move(*created);
  backend->executor = std::make_unique<BlockingExecutor>(pool.max_size, options.queue_limit);
  backend->request_timeout = std::chrono::milliseconds(options.request_timeout_ms > 0
                                                           ? options.request_timeout_ms
                                                           : mapping.settings.request_timeout_ms);
  backend->scan_page_size = options.scan_page_size;
  backend->cancel_thread = std::make_shared<BlockingExecutor>(1, 256);
  if (options.wall_clock) backend->wall_clock = options.wall_clock;
  backend->io = std::move(io);
  backend->mapping = *std::move(compiled);
  return std::make_unique<OdbcAdapter>(std::move(backend));
}

absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeOdbcAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment) {
  sdk::SettingsReader settings(config);
  OdbcAdapterOptions options;
  options.system = config.system;
  options.mapping_path = settings.RequiredString("mapping");
  options.connection = settings.String("connection", "");
  options.dialect = settings.String("dialect", "");
  options.pool_size = static_cast<int>(settings.Int("pool_size", 0, 0, 64));
  options.queue_limit = static_cast<int>(settings.Int("queue_limit", 64, 0, 10000));
  options.request_timeout_ms = static_cast<int>(settings.Int("request_timeout_ms", 0, 0, 600000));
  options.scan_page_size = static_cast<int>(settings.Int("scan_page_size", 500, 1, 5000));
  options.statement_cache = static_cast<int>(settings.Int("statement_cache", 64, 0, 1000));
  if (auto status = settings.status(); !status.ok()) return status;
  options.mapping_path = sdk::ResolveConfigPath(config.origin, options.mapping_path).string();
  auto adapter = CreateOdbcAdapter(options, environment.executor);
  if (!adapter.ok()) {
    return absl::Status(adapter.status().code(),
                        absl::StrCat(config.origin, ": ", adapter.status().message()));
  }
  return std::unique_ptr<sdk::Adapter>(std::move(*adapter));
}

}  // namespace omnihub::odbc
