// AdapterRegistry: connector type name -> factory. The hub fills it from one explicit list of
// built-in connectors (hub/builtin_adapters.cc); there is no static self-registration.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/adapter.h"

namespace omnihub::sdk {

// One configured backend system, as the hub's configuration declares it.
struct AdapterConfig {
  // The system's name, unique in the configuration, e.g. "erp".
  std::string system;
  // The connector type, e.g. "reference"; selects the factory.
  std::string type;
  // Connector-specific settings (key -> value as written in the configuration).
  std::map<std::string, std::string> settings;
  // Where this adapter is declared, "file:line", for error messages.
  std::string origin;
};

// What the hub lends an adapter for its lifetime.
struct AdapterEnvironment {
  // Executor for timers and asynchronous I/O. Handlers run on the hub's I/O threads and must
  // never block.
  boost::asio::any_io_executor executor;
};

using AdapterFactory = std::function<absl::StatusOr<std::unique_ptr<Adapter>>(
    const AdapterConfig& config, const AdapterEnvironment& environment)>;

// Thread-compatible: filled once at start-up, then only read.
class AdapterRegistry {
 public:
  // ALREADY_EXISTS when `type` is registered twice.
  absl::Status Register(std::string type, AdapterFactory factory);

  // Builds the adapter for `config`. INVALID_ARGUMENT naming the known types when `config.type`
  // is unknown; otherwise whatever the factory says about the settings.
  absl::StatusOr<std::unique_ptr<Adapter>> Create(const AdapterConfig& config,
                                                  const AdapterEnvironment& environment) const;

  std::vector<std::string> types() const;

 private:
  std::map<std::string, AdapterFactory> factories_;
};

// Typed, validated access to AdapterConfig::settings for factories. Every problem is collected
// (not only the first) and reported by `status()` with the adapter's origin, e.g.
// "hubd.xml:14: adapter 'erp': setting 'pool_size' must be an integer in [1, 64], got 'x'".
class SettingsReader {
 public:
  explicit SettingsReader(const AdapterConfig& config) : config_(config) {}

  std::string String(const std::string& key, const std::string& fallback);
  std::string RequiredString(const std::string& key);
  int64_t Int(const std::string& key, int64_t fallback, int64_t min, int64_t max);
  double Fraction(const std::string& key, double fallback);  // in [0, 1]
  bool Bool(const std::string& key, bool fallback);

  // OK, or INVALID_ARGUMENT listing every bad or unknown setting (any key never read above is
  // unknown).
  absl::Status status() const;

 private:
  void Problem(const std::string& message);

  const AdapterConfig& config_;
  std::vector<std::string> read_keys_;
  std::vector<std::string> problems_;
};

}  // namespace omnihub::sdk
