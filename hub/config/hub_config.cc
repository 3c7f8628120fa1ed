#include "hub/config/hub_config.h"

#include <libxml/tree.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/engine/landscape_compiler.h"
#include "adapters/xml/safe_xml.h"
#include "hub/config/config_schema.h"
#include "hub/config/secrets.h"

namespace omnihub::hub {

using omnihub::xml::ParseXmlSafely;
using omnihub::xml::XmlDocPtr;
using omnihub::xml::XmlProblem;
using omnihub::xml::XmlSchema;

namespace {

constexpr char kNamespace[] = "urn:omnihub:config:v1";

const omnihub::xml::XmlDocumentKind kConfigDocument{"the hub configuration", "configuration",
                                                    kNamespace, "config/README.md"};

const XmlSchema* EmbeddedSchema(absl::Status& status) {
  static const auto* const kSchema = new absl::StatusOr<std::unique_ptr<XmlSchema>>(
      XmlSchema::Compile(HubConfigSchemaText(), kConfigDocument));
  if (!kSchema->ok()) {
    status = kSchema->status();
    return nullptr;
  }
  return kSchema->value().get();
}

int LineOf(const xmlNode* node) { return static_cast<int>(xmlGetLineNo(node)); }

bool IsElement(const xmlNode* node, const char* name) {
  return node != nullptr && node->type == XML_ELEMENT_NODE && node->ns != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(node->ns->href), kNamespace) == 0 &&
         std::strcmp(reinterpret_cast<const char*>(node->name), name) == 0;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> found;
  if (parent == nullptr) return found;
  for (const xmlNode* child = parent->children; child != nullptr; child = child->next) {
    if (IsElement(child, name)) found.push_back(child);
  }
  return found;
}

const xmlNode* FirstChild(const xmlNode* parent, const char* name) {
  auto found = Children(parent, name);
  return found.empty() ? nullptr : found.front();
}

std::optional<std::string> Attribute(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return std::nullopt;
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

// Offset of the first byte that is not part of well-formed UTF-8, or npos.
size_t FirstInvalidUtf8(absl::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t extra = 0;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (lead < 0x80) {
      extra = 0;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      if (lead == 0xE0) low = 0xA0;   // overlong
      if (lead == 0xED) high = 0x9F;  // surrogates
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      if (lead == 0xF0) low = 0x90;   // overlong
      if (lead == 0xF4) high = 0x8F;  // beyond U+10FFFF
    } else {
      return i;
    }
    if (text.size() - i - 1 < extra) return i;
    for (size_t k = 1; k <= extra; ++k) {
      const auto byte = static_cast<unsigned char>(text[i + k]);
      if (byte < (k == 1 ? low : 0x80) || byte > (k == 1 ? high : 0xBF)) return i;
    }
    i += extra + 1;
  }
  return absl::string_view::npos;
}

std::string DirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool IsValidAdapterName(absl::string_view name) {
  if (name.empty() || name.size() > 32 || !absl::ascii_islower(name.front())) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' || c == '-';
  });
}

// Builds a HubConfig from a parsed document, collecting every inconsistency. Values the schema
// rejects (reported separately) are skipped silently here.
class ConfigBuilder {
 public:
  ConfigBuilder(const std::string& path, std::vector<XmlProblem>& problems)
      : directory_(DirectoryOf(path)), problems_(problems) {
    config_.source_path = path;
  }

  HubConfig Build(const xmlNode* root) {
    ReadGrpc(FirstChild(root, "grpc"));
    if (const xmlNode* admin = FirstChild(root, "admin")) {
      ReadListen(admin, "admin", config_.admin_listen);
    }
    ReadRuntime(FirstChild(root, "runtime"));
    ReadAdapters(root, FirstChild(root, "adapters"));
    ReadSurvivorship(FirstChild(root, "survivorship"));
    ReadLandscape(FirstChild(root, "landscape"), FirstChild(root, "survivorship"));
    ReadCache(FirstChild(root, "cache"));
    ReadEvents(FirstChild(root, "events"));
    ReadStore(FirstChild(root, "store"));
    ReadIdentity(FirstChild(root, "identity"));
    return std::move(config_);
  }

 private:
  void Problem(const xmlNode* node, std::string message) {
    problems_.push_back({LineOf(node), 0, std::move(message)});
  }

  static std::optional<int> IntAttribute(const xmlNode* node, const char* name) {
    int value = 0;
    auto text = Attribute(node, name);
    if (!text || !absl::SimpleAtoi(*text, &value)) return std::nullopt;
    return value;
  }

  void ReadListen(const xmlNode* node, const char* element, ListenAddress& out) {
    auto listen = Attribute(node, "listen");
    if (!listen) return;  // the schema reports the missing attribute
    const absl::string_view trimmed = absl::StripAsciiWhitespace(*listen);
    auto address = ParseListenAddress(std::string_view(trimmed.data(), trimmed.size()));
    if (!address.ok()) {
      Problem(node, absl::StrCat("<", element, ">: ", address.status().message()));
      return;
    }
    const std::string expose =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(Attribute(node, "expose").value_or("")));
    if (!address->IsLoopback() && expose != "true" && expose != "1") {
      Problem(node, absl::StrCat("<", element, "> listens on ", address->ToString(),
                                 ", which other machines can reach; if that is intended add "
                                 "expose=\"true\" to <",
                                 element, ">, otherwise listen on 127.0.0.1"));
    }
    out = *std::move(address);
  }

  void ReadGrpc(const xmlNode* grpc) {
    if (grpc == nullptr) return;
    ReadListen(grpc, "grpc", config_.grpc_listen);
    if (auto ms = IntAttribute(grpc, "default-deadline-ms"); ms && *ms > 0) {
      config_.default_deadline = std::chrono::milliseconds(*ms);
    }
    if (auto ms = IntAttribute(grpc, "max-deadline-ms"); ms && *ms > 0) {
      config_.max_deadline = std::chrono::milliseconds(*ms);
    }
    if (config_.default_deadline > config_.max_deadline) {
      Problem(grpc, absl::StrCat("<grpc>: default-deadline-ms (", config_.default_deadline.count(),
                                 ") must not be larger than max-deadline-ms (",
                                 config_.max_deadline.count(), ")"));
    }
  }

  void ReadRuntime(const xmlNode* runtime) {
    if (runtime == nullptr) return;
    if (auto n = IntAttribute(runtime, "io-threads"); n && *n >= 1 && *n <= 64) {
      config_.io_threads = *n;
    }
    if (auto n = IntAttribute(runtime, "recent-limit"); n && *n >= 1 && *n <= 100) {
      config_.recent_limit = *n;
    }
    if (auto country = Attribute(runtime, "default-country")) {
      config_.default_country = std::string(absl::StripAsciiWhitespace(*country));
    }
  }

  void ReadEvents(const xmlNode* events) {
    if (events == nullptr) return;
    if (auto n = IntAttribute(events, "subscriber-queue"); n && *n >= 1 && *n <= 1000000) {
      config_.event_subscriber_queue = *n;
    }
    for (const xmlNode* subscribe : Children(events, "subscribe")) {
      const std::string endpoint =
          std::string(absl::StripAsciiWhitespace(Attribute(subscribe, "endpoint").value_or("")));
      if (endpoint.empty()) continue;  // the schema reports it
      if (auto status = CheckEventEndpoint(endpoint); !status.ok()) {
        Problem(subscribe,
                absl::StrCat("<subscribe endpoint=\"", endpoint, "\">: ", status.message()));
        continue;
      }
      config_.event_endpoints.push_back(endpoint);
    }
  }

  void ReadIdentity(const xmlNode* identity) {
    static const std::map<std::string, omnihub::v1::IdentifierType> kTypes = {
        {"email", omnihub::v1::IDENTIFIER_TYPE_EMAIL},
        {"phone", omnihub::v1::IDENTIFIER_TYPE_PHONE},
        {"postal-address", omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS},
        {"loyalty-card", omnihub::v1::IDENTIFIER_TYPE_LOYALTY_CARD},
        {"twitter", omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE},
        {"facebook", omnihub::v1::IDENTIFIER_TYPE_FACEBOOK_ID},
        {"account-number", omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER},
    };
    for (const xmlNode* rule : Children(identity, "rule")) {
      auto name = Attribute(rule, "identifier");
      auto links = Attribute(rule, "links");
      if (!name || !links) continue;  // the schema reports it
      auto type = kTypes.find(*name);
      if (type == kTypes.end() || (*links != "automatic" && *links != "never")) continue;
      const auto strength =
          *links == "automatic" ? IdentifierStrength::kStrong : IdentifierStrength::kWeak;
      if (!config_.identity_rules.strength.emplace(type->second, strength).second) {
        Problem(rule, absl::StrCat("<identity>: a rule for '", *name, "' is given twice"));
      }
    }
  }

  void ReadStore(const xmlNode* store) {
    if (store == nullptr) return;
    StoreOptions& options = config_.store;
    if (auto n = IntAttribute(store, "pool-size"); n && *n >= 1 && *n <= 64) options.pool_size = *n;
    if (auto n = IntAttribute(store, "threads"); n && *n >= 1 && *n <= 64) options.threads = *n;
    if (auto ms = IntAttribute(store, "timeout-ms"); ms && *ms > 0) {
      options.timeout = std::chrono::milliseconds(*ms);
    }
    if (auto ms = IntAttribute(store, "refresh-ms"); ms && *ms >= 0) {
      options.refresh_interval = std::chrono::milliseconds(*ms);
    }
    auto sqlite_file = Attribute(store, "sqlite-file");
    auto connection = Attribute(store, "connection");
    auto from_env = Attribute(store, "connection-from-env");
    auto from_file = Attribute(store, "connection-from-file");
    const int sources = int{sqlite_file.has_value()} + int{connection.has_value()} +
                        int{from_env.has_value()} + int{from_file.has_value()};
    if (sources > 1) {
      Problem(store,
              "<store> takes at most one of sqlite-file, connection, connection-from-env "
              "or connection-from-file");
      return;
    }
    if (sqlite_file) {
      options.sqlite_file = *sqlite_file;
    } else if (connection) {
      const std::string upper = absl::AsciiStrToUpper(*connection);
      if (upper.find("PWD=") != std::string::npos || upper.find("PASSWORD=") != std::string::npos) {
        Problem(store,
                "<store connection> holds a password, which must not be written in the "
                "configuration file; use connection-from-env=\"VAR\" or "
                "connection-from-file=\"PATH\" instead");
        return;
      }
      options.connection = *connection;
    } else if (from_env || from_file) {
      auto read =
          from_env ? ReadValueFromEnv(*from_env) : ReadValueFromFile(*from_file, directory_);
      if (!read.ok()) {
        Problem(store, absl::StrCat("<store>: ", read.status().message()));
        return;
      }
      options.connection = *std::move(read);
    }
  }

  // "tcp://host:port" (port 1-65535) or "ipc:///absolute/path".
  static absl::Status CheckEventEndpoint(const std::string& endpoint) {
    if (absl::StartsWith(endpoint, "ipc://")) {
      return endpoint.size() > 7 && endpoint[6] == '/'
                 ? absl::OkStatus()
                 : absl::InvalidArgumentError("an ipc endpoint needs an absolute path");
    }
    if (!absl::StartsWith(endpoint, "tcp://")) {
      return absl::InvalidArgumentError("use tcp://host:port or ipc:///path");
    }
    const std::string rest = endpoint.substr(6);
    const size_t colon = rest.rfind(':');
    int port = 0;
    if (colon == std::string::npos || colon == 0 ||
        !absl::SimpleAtoi(rest.substr(colon + 1), &port) || port < 1 || port > 65535) {
      return absl::InvalidArgumentError("a tcp endpoint needs a host and a port in 1-65535");
    }
    return absl::OkStatus();
  }

  void ReadCache(const xmlNode* cache) {
    if (cache == nullptr) return;
    const std::string enabled =
        absl::AsciiStrToLower(absl::StripAsciiWhitespace(Attribute(cache, "enabled").value_or("")));
    if (enabled == "false" || enabled == "0") config_.cache.enabled = false;
    if (auto mib = IntAttribute(cache, "max-mib"); mib && *mib >= 1 && *mib <= 1048576) {
      config_.cache.max_bytes = static_cast<size_t>(*mib) << 20;
    }
    if (auto ms = IntAttribute(cache, "default-ttl-ms"); ms && *ms > 0) {
      config_.cache.default_ttl = std::chrono::milliseconds(*ms);
    }
    if (auto ms = IntAttribute(cache, "max-staleness-ms"); ms && *ms >= 0) {
      config_.cache.max_staleness = std::chrono::milliseconds(*ms);
    }
    if (auto ms = IntAttribute(cache, "fetch-timeout-ms"); ms && *ms > 0) {
      config_.cache.fetch_timeout = std::chrono::milliseconds(*ms);
    }
  }

  void ReadAdapters(const xmlNode* root, const xmlNode* adapters) {
    std::map<std::string, int> first_line;
    for (const xmlNode* adapter : Children(adapters, "adapter")) {
      omnihub::sdk::AdapterConfig config;
      config.system = Attribute(adapter, "name").value_or("");
      config.type = Attribute(adapter, "type").value_or("");
      config.origin = absl::StrCat(config_.source_path, ":", LineOf(adapter));
      if (!IsValidAdapterName(config.system)) {
        Problem(adapter, absl::StrCat("adapter name '", config.system,
                                      "' is not valid: use 1 to 32 characters, lower-case "
                                      "letters, digits, '_' or '-', starting with a letter"));
      } else if (auto [it, added] = first_line.emplace(config.system, LineOf(adapter)); !added) {
        Problem(adapter, absl::StrCat("adapter '", config.system,
                                      "' is declared twice (first on "
                                      "line ",
                                      it->second, "); adapter names must be unique"));
      }
      for (const xmlNode* setting : Children(adapter, "setting")) {
        ReadSetting(config, setting);
      }
      if (auto ttl = IntAttribute(adapter, "cache-ttl-ms"); ttl && *ttl > 0) {
        config_.cache.ttl_by_system[config.system] = std::chrono::milliseconds(*ttl);
      }
      config_.adapters.push_back(std::move(config));
    }
    if (config_.adapters.empty()) {
      Problem(adapters != nullptr ? adapters : root,
              "no adapters configured: declare at least one <adapter> inside <adapters>");
    }
  }

  void ReadSetting(omnihub::sdk::AdapterConfig& adapter, const xmlNode* setting) {
    auto key = Attribute(setting, "key");
    if (!key) return;  // the schema reports it
    const std::string where = absl::StrCat("adapter '", adapter.system, "': setting '", *key, "'");
    auto value = Attribute(setting, "value");
    auto from_env = Attribute(setting, "value-from-env");
    auto from_file = Attribute(setting, "value-from-file");
    const int sources =
        int{value.has_value()} + int{from_env.has_value()} + int{from_file.has_value()};
    if (sources != 1) {
      Problem(setting, absl::StrCat(where,
                                    " needs exactly one of value, value-from-env or "
                                    "value-from-file"));
      return;
    }
    std::string resolved;
    if (value) {
      if (IsSecretKey(*key)) {
        Problem(setting, absl::StrCat(where,
                                      " is a secret and must not be written in the "
                                      "configuration file; use value-from-env=\"VAR\" or "
                                      "value-from-file=\"PATH\" instead of value"));
        return;
      }
      resolved = *value;
    } else {
      auto read =
          from_env ? ReadValueFromEnv(*from_env) : ReadValueFromFile(*from_file, directory_);
      if (!read.ok()) {
        Problem(setting, absl::StrCat(where, ": ", read.status().message()));
        return;
      }
      resolved = *std::move(read);
    }
    if (!adapter.settings.emplace(*key, std::move(resolved)).second) {
      Problem(setting, absl::StrCat(where, " is set twice; each key may appear once per adapter"));
    }
  }

  void ReadSurvivorship(const xmlNode* survivorship) {
    std::set<std::string> known;
    for (const auto& adapter : config_.adapters) known.insert(adapter.system);
    for (const xmlNode* field : Children(survivorship, "field")) {
      auto name = Attribute(field, "name");
      auto systems_text = Attribute(field, "systems");
      if (!name || !systems_text) continue;  // the schema reports it
      std::vector<std::string> systems =
          absl::StrSplit(*systems_text, absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
      const std::string what = absl::StrCat("survivorship for field '", *name, "'");
      if (systems.empty()) Problem(field, absl::StrCat(what, " lists no systems"));
      std::set<std::string> seen;
      for (const auto& system : systems) {
        if (!known.contains(system)) {
          Problem(field, absl::StrCat(what, " names '", system,
                                      "', which is not a configured "
                                      "adapter (configured: ",
                                      absl::StrJoin(known, ", "), ")"));
        } else if (!seen.insert(system).second) {
          Problem(field, absl::StrCat(what, " lists '", system, "' twice"));
        }
      }
      if (!config_.survivorship.emplace(*name, std::move(systems)).second) {
        Problem(field, absl::StrCat(what, " is given twice"));
      }
    }
  }

  // <landscape file>: survivorship from the mappings' landscape file, compiled by the mapping
  // engine against the configured adapters; its problems are reported at <landscape>'s line
  // with the landscape file's own file:line.
  void ReadLandscape(const xmlNode* landscape, const xmlNode* survivorship) {
    if (landscape == nullptr) return;
    auto file = Attribute(landscape, "file");
    if (!file) return;  // the schema reports it
    if (survivorship != nullptr) {
      Problem(landscape,
              "<landscape> and <survivorship> both set the survivorship: keep one of them");
      return;
    }
    const std::string path = file->front() == '/' ? *file : absl::StrCat(directory_, "/", *file);
    std::set<std::string> known;
    for (const auto& adapter : config_.adapters) known.insert(adapter.system);
    auto compiled = mapping::engine::CompileLandscapeFile(path, known);
    for (const auto& diagnostic : compiled.diagnostics) {
      Problem(landscape, absl::StrCat("<landscape>: ", diagnostic.ToString()));
    }
    if (compiled.ok()) {
      config_.survivorship = std::move(compiled.landscape->survivorship);
      config_.landscape_file = path;
    }
  }

  HubConfig config_;
  std::string directory_;
  std::vector<XmlProblem>& problems_;
};

absl::Status Report(const std::string& path, std::vector<XmlProblem> problems) {
  std::stable_sort(problems.begin(), problems.end(),
                   [](const XmlProblem& a, const XmlProblem& b) { return a.line < b.line; });
  std::vector<std::string> lines;
  lines.reserve(problems.size());
  for (const auto& problem : problems) {
    lines.push_back(problem.line > 0 ? absl::StrCat(path, ":", problem.line, ": ", problem.message)
                                     : absl::StrCat(path, ": ", problem.message));
  }
  return absl::InvalidArgumentError(absl::StrJoin(lines, "\n"));
}

}  // namespace

absl::StatusOr<HubConfig> ParseHubConfig(std::string_view input,
                                         const std::string& path_for_messages) {
  const absl::string_view xml(input.data(), input.size());
  std::vector<XmlProblem> problems;
  if (xml.size() > kMaxHubConfigBytes) {
    problems.push_back(
        {0, 0,
         absl::StrCat("the file is ", xml.size(), " bytes, more than the ",
                      kMaxHubConfigBytes / 1024, " KiB allowed for a configuration file")});
    return Report(path_for_messages, std::move(problems));
  }
  if (const size_t bad = FirstInvalidUtf8(xml); bad != absl::string_view::npos) {
    const int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + bad, '\n'));
    const auto byte = static_cast<unsigned char>(xml[bad]);
    problems.push_back({line, 0,
                        absl::StrCat("the file is not valid UTF-8 (byte 0x",
                                     absl::Hex(byte, absl::kZeroPad2), "); save it as UTF-8")});
    return Report(path_for_messages, std::move(problems));
  }
  XmlDocPtr doc = ParseXmlSafely(input, kConfigDocument, problems);
  if (!doc) return Report(path_for_messages, std::move(problems));

  const xmlNode* root = xmlDocGetRootElement(doc.get());
  if (!IsElement(root, "hub")) {
    problems.push_back({root != nullptr ? LineOf(root) : 0, 0,
                        absl::StrCat("the root element must be <hub xmlns=\"", kNamespace, "\">")});
    return Report(path_for_messages, std::move(problems));
  }
  absl::Status schema_status;
  const XmlSchema* schema = EmbeddedSchema(schema_status);
  if (schema == nullptr) return schema_status;
  schema->Validate(doc.get(), problems);
  HubConfig config = ConfigBuilder(path_for_messages, problems).Build(root);
  if (!problems.empty()) return Report(path_for_messages, std::move(problems));
  return config;
}

absl::StatusOr<HubConfig> LoadHubConfig(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int error = errno;
    const std::string message =
        absl::StrCat(path, ": cannot read the configuration file: ", std::strerror(error));
    return error == ENOENT ? absl::NotFoundError(message) : absl::InvalidArgumentError(message);
  }
  std::string text;
  text.resize(kMaxHubConfigBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  if (in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat(path, ": cannot read the configuration file (is it a directory?)"));
  }
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxHubConfigBytes) {
    return absl::InvalidArgumentError(absl::StrCat(path, ": the file is larger than the ",
                                                   kMaxHubConfigBytes / 1024,
                                                   " KiB allowed for a configuration file"));
  }
  return ParseHubConfig(text, path);
}

}  // namespace omnihub::hub
