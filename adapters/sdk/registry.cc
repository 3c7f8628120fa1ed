#include "adapters/sdk/registry.h"

#include <algorithm>
#include <charconv>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::sdk {

absl::Status AdapterRegistry::Register(std::string type, AdapterFactory factory) {
  auto [it, inserted] = factories_.emplace(std::move(type), std::move(factory));
  if (!inserted)
    return absl::AlreadyExistsError(
        absl::StrCat("adapter type '", it->first, "' is registered twice"));
  return absl::OkStatus();
}

absl::StatusOr<std::unique_ptr<Adapter>> AdapterRegistry::Create(
    const AdapterConfig& config, const AdapterEnvironment& environment) const {
  auto it = factories_.find(config.type);
  if (it == factories_.end()) {
    return absl::InvalidArgumentError(
        absl::StrCat(config.origin, ": adapter '", config.system, "': unknown type '", config.type,
                     "' (known types: ", absl::StrJoin(types(), ", "), ")"));
  }
  return it->second(config, environment);
}

std::vector<std::string> AdapterRegistry::types() const {
  std::vector<std::string> names;
  for (const auto& [name, factory] : factories_) names.push_back(name);
  return names;
}

void SettingsReader::Problem(const std::string& message) { problems_.push_back(message); }

std::string SettingsReader::String(const std::string& key, const std::string& fallback) {
  read_keys_.push_back(key);
  auto it = config_.settings.find(key);
  return it == config_.settings.end() ? fallback : it->second;
}

std::string SettingsReader::RequiredString(const std::string& key) {
  read_keys_.push_back(key);
  auto it = config_.settings.find(key);
  if (it == config_.settings.end() || it->second.empty()) {
    Problem(absl::StrCat("setting '", key, "' is required"));
    return {};
  }
  return it->second;
}

int64_t SettingsReader::Int(const std::string& key, int64_t fallback, int64_t min, int64_t max) {
  read_keys_.push_back(key);
  auto it = config_.settings.find(key);
  if (it == config_.settings.end()) return fallback;
  const std::string& text = it->second;
  int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    Problem(absl::StrCat("setting '", key, "' must be an integer in [", min, ", ", max, "], got '",
                         text, "'"));
    return fallback;
  }
  return value;
}

double SettingsReader::Fraction(const std::string& key, double fallback) {
  read_keys_.push_back(key);
  auto it = config_.settings.find(key);
  if (it == config_.settings.end()) return fallback;
  const std::string& text = it->second;
  double value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !(value >= 0.0 && value <= 1.0)) {
    Problem(absl::StrCat("setting '", key, "' must be a number in [0, 1], got '", text, "'"));
    return fallback;
  }
  return value;
}

bool SettingsReader::Bool(const std::string& key, bool fallback) {
  read_keys_.push_back(key);
  auto it = config_.settings.find(key);
  if (it == config_.settings.end()) return fallback;
  if (it->second == "true") return true;
  if (it->second == "false") return false;
  Problem(absl::StrCat("setting '", key, "' must be true or false, got '", it->second, "'"));
  return fallback;
}

absl::Status SettingsReader::status() const {
  std::vector<std::string> all = problems_;
  for (const auto& [key, value] : config_.settings) {
    if (std::find(read_keys_.begin(), read_keys_.end(), key) == read_keys_.end()) {
      all.push_back(absl::StrCat("unknown setting '", key, "' for type '", config_.type, "'"));
    }
  }
  if (all.empty()) return absl::OkStatus();
  return absl::InvalidArgumentError(
      absl::StrCat(config_.origin, ": adapter '", config_.system, "': ", absl::StrJoin(all, "; ")));
}

}  // namespace omnihub::sdk
