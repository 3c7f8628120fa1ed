// hubctl status | customer audit ID: the hub's state (identity index build progress, account
// updates, agents' links) and one customer's audit trail of agents' links and unlinks, from the
// admin port's /status and /identity/audit.
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "tools/hubctl/admin_http.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {

namespace po = boost::program_options;

std::string AdminAddress(const po::variables_map& flags, const HubConnection& hub) {
  if (flags.count("admin")) return flags["admin"].as<std::string>();
  if (const char* admin = std::getenv("OMNIHUB_ADMIN"); admin && *admin) return admin;
  const std::string& grpc = hub.options().hub;
  const size_t colon = grpc.rfind(':');
  return (colon == std::string::npos ? grpc : grpc.substr(0, colon)) + ":9464";
}

namespace {

// GET `path` as a JSON object, or the exit code after saying what went wrong.
int GetJson(const po::variables_map& flags, HubConnection& hub, const char* path,
            nlohmann::json& out) {
  const std::string address = AdminAddress(flags, hub);
  const auto reply = AdminGet(address, path, std::chrono::milliseconds(hub.options().timeout_ms));
  if (reply.status == 0) {
    std::cerr << "hubctl: " << reply.error << " (set --admin HOST:PORT)\n";
    return kExitUnreachable;
  }
  if (reply.status != 200) {
    std::cerr << "hubctl: the admin port at " << address << " answered HTTP " << reply.status
              << " for " << path << "\n";
    return kExitOtherError;
  }
  out = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!out.is_object()) {
    std::cerr << "hubctl: the admin port's " << path << " answer is not a JSON object\n";
    return kExitOtherError;
  }
  return kExitOk;
}

int Status(const po::variables_map& flags, HubConnection& hub) {
  nlohmann::json status;
  if (int code = GetJson(flags, hub, "/status", status); code != kExitOk) return code;
  if (hub.options().json) {
    std::cout << status.dump(2) << "\n";
    return kExitOk;
  }
  const auto identity = status.value("identity", nlohmann::json::object());
  const auto build = identity.value("build", nlohmann::json::object());
  std::cout << "ready: " << (status.value("ready", false) ? "yes" : "no") << "\n"
            << "identity index: " << build.value("phase", std::string("?")) << ", "
            << build.value("systems_done", 0) << " of " << build.value("systems", 0)
            << " systems scanned, " << build.value("accounts", 0) << " accounts, "
            << build.value("identifiers", 0) << " identifiers, "
            << build.value("elapsed_ms", 0) / 1000.0 << " s, "
            << static_cast<int64_t>(build.value("accounts_per_second", 0.0)) << " accounts/s\n";
  const auto per_system = build.value("per_system", nlohmann::json::object());
  for (const auto& [system, accounts] : per_system.items()) {
    std::cout << "  " << system << ": " << accounts << " accounts\n";
  }
  std::cout << "resolution: " << build.value("resolution", std::string("?")) << "\n"
            << "customers: " << identity.value("customers", 0) << "\n";
  const auto updates = identity.value("account_updates", nlohmann::json::object());
  std::cout << "accounts announced since start: " << updates.value("applied", 0) << " applied, "
            << updates.value("failed", 0) << " failed\n";
  const auto links = identity.value("manual_links", nlohmann::json::object());
  if (!links.empty()) {
    std::cout << "agents' links in effect: " << links.value("in_effect", 0) << "\n";
  }
  return kExitOk;
}

int Audit(const po::variables_map& flags, HubConnection& hub) {
  const std::string id = flags["customer-id"].as<std::string>();
  if (id.empty() || id.size() > 64) {
    std::cerr << "hubctl: CUSTOMER_ID must be a customer id such as C-0123456789abcdef\n";
    return kExitInvalidArgument;
  }
  nlohmann::json audit;
  if (int code = GetJson(flags, hub, "/identity/audit", audit); code != kExitOk) return code;
  // The customer as the hub resolves `id` now, and every event about an id resolving to them.
  std::string resolved = id;
  for (const auto& event : audit.value("events", nlohmann::json::array())) {
    if (event.value("customer_id", std::string()) == id) {
      resolved = event.value("resolves_to", id);
    }
  }
  nlohmann::json mine = nlohmann::json::array();
  for (const auto& event : audit.value("events", nlohmann::json::array())) {
    const std::string about = event.value("customer_id", std::string());
    if (about == id ||
        (!resolved.empty() && event.value("resolves_to", std::string()) == resolved)) {
      mine.push_back(event);
    }
  }
  if (hub.options().json) {
    std::cout << nlohmann::json{{"customer_id", id}, {"events", mine}}.dump(2) << "\n";
    return kExitOk;
  }
  if (mine.empty()) {
    std::cout << "no agent has linked or unlinked anything for " << id << "\n";
    return kExitOk;
  }
  for (const auto& event : mine) {
    std::cout << event.value("recorded_at", std::string()) << "  "
              << event.value("action", std::string()) << " "
              << event.value("identifier", std::string()) << "  customer "
              << event.value("customer_id", std::string()) << "  by agent "
              << event.value("agent", std::string()) << ": " << event.value("reason", std::string())
              << "\n";
  }
  return kExitOk;
}

void AdminOption(po::options_description& options) {
  options.add_options()("admin", po::value<std::string>(),
                        "hubd's admin address (default $OMNIHUB_ADMIN, else the --hub host with "
                        "port 9464)");
}

}  // namespace

void AddIdentityCommands(std::vector<Command>& commands) {
  commands.push_back({"status", "", "[--admin HOST:PORT]",
                      "the hub's state: identity index build (systems, accounts, identifiers, "
                      "elapsed, rate), accounts announced since start, agents' links",
                      [](po::options_description& options, po::positional_options_description&) {
                        AdminOption(options);
                      },
                      Status});
  commands.push_back(
      {"customer", "audit", "CUSTOMER_ID [--admin HOST:PORT]",
       "agents' links and unlinks for a customer (merged ids included): when, who, why, which "
       "identifier (from the hub's store, through the admin port)",
       [](po::options_description& options, po::positional_options_description& positional) {
         AdminOption(options);
         options.add_options()("customer-id", po::value<std::string>()->required(), "");
         positional.add("customer-id", 1);
       },
       Audit});
}

}  // namespace omnihub::hubctl
