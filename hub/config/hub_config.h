// HubConfig: hubd's one configuration file (XML, urn:omnihub:config:v1), loaded, validated against
// the embedded schema (config/hubd.xsd) and checked for consistency. Format: config/README.md.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/registry.h"
#include "hub/cache/cache_policy.h"
#include "hub/config/listen_address.h"
#include "hub/identity/identity_rules.h"
#include "hub/store/store_options.h"

namespace omnihub::hub {

// Everything hubd reads from its configuration file, with the defaults used when an element or
// attribute is absent. A plain value: copy it freely.
struct HubConfig {
  // The file this was loaded from (as given to LoadHubConfig).
  std::string source_path;
  ListenAddress grpc_listen{"127.0.0.1", 50051};
  ListenAddress admin_listen{"127.0.0.1", 9464};
  // Applied when the caller sets no deadline or one longer than max_deadline.
  std::chrono::milliseconds default_deadline{2000};
  std::chrono::milliseconds max_deadline{30000};
  int io_threads = 2;     // 1..64
  int recent_limit = 20;  // 1..100
  // ISO 3166-1 alpha-2, for phone normalisation.
  std::string default_country = "GB";
  // Per profile field, or "*" for every field not listed, the systems in the order they win,
  // e.g. {"*": {"erp", "ecommerce", "mainframe"}, "phone": {"ecommerce", "erp"}}. Every name is a
  // configured adapter. From <survivorship>, or from the landscape file <landscape file> names
  // (mappings/landscape.xml, whose field names are canonical: "customer.phone" becomes "phone").
  std::map<std::string, std::vector<std::string>> survivorship;
  // The landscape file the survivorship came from (resolved path); empty with <survivorship>.
  std::string landscape_file;
  // In file order; names unique; settings resolved (secrets read from the environment or files);
  // origin is "file:line" of the <adapter> element.
  std::vector<omnihub::sdk::AdapterConfig> adapters;
  // The aggregate cache (<cache>, and each <adapter cache-ttl-ms> in ttl_by_system).
  CachePolicy cache;
  // Change events: ZeroMQ endpoints to subscribe to ("tcp://host:port" or "ipc:///path"; none
  // means the hub only streams its own events), and each WatchEvents subscriber's queue length.
  std::vector<std::string> event_endpoints;
  int event_subscriber_queue = 1024;  // 1..1000000
  // Which identifier types link accounts automatically (<identity>).
  IdentityRules identity_rules;
  // The hub's own store (<store>); the connection string is resolved (from the environment or a
  // file) and may hold a password: never log it.
  StoreOptions store;
};

// The largest configuration file accepted.
inline constexpr size_t kMaxHubConfigBytes = 1 << 20;

// Reads, validates and checks `path`. INVALID_ARGUMENT listing every problem, one per line, each
// "path:line: message" ("path: message" when no line applies). NOT_FOUND, "path: cannot read the
// configuration file: No such file or directory", when the file does not exist.
//
// Thread-safe: may run concurrently with other loads.
absl::StatusOr<HubConfig> LoadHubConfig(const std::string& path);

// As LoadHubConfig, from text in memory; `path_for_messages` prefixes every problem and anchors
// relative value-from-file paths (its directory).
absl::StatusOr<HubConfig> ParseHubConfig(std::string_view xml,
                                         const std::string& path_for_messages);

}  // namespace omnihub::hub
