// hubctl status [--wait S] | customer audit ID: the hub's state (identity index build progress,
// account updates, agents' links; --wait follows a starting hub until it is ready) and one
// customer's audit trail of agents' links and unlinks, from the admin port's /status and
// /identity/audit.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

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

// "scanning, 1 of 3 systems scanned, 120000 accounts, 0 identifiers, 12.5 s, 9600 accounts/s".
std::string BuildLine(const nlohmann::json& build) {
  std::ostringstream line;
  line << build.value("phase", std::string("?")) << ", " << build.value("systems_done", 0) << " of "
       << build.value("systems", 0) << " systems scanned, " << build.value("accounts", 0)
       << " accounts, " << build.value("identifiers", 0) << " identifiers, "
       << build.value("elapsed_ms", 0) / 1000.0 << " s, "
       << static_cast<int64_t>(build.value("accounts_per_second", 0.0)) << " accounts/s";
  return line.str();
}

nlohmann::json BuildOf(const nlohmann::json& status) {
  return status.value("identity", nlohmann::json::object())
      .value("build", nlohmann::json::object());
}

// "systems:" and a line per adapter that keeps counters: "  pos (poslog): files_processed 3, ...".
void PrintAdapterCounters(const nlohmann::json& status) {
  bool heading = false;
  for (const auto& adapter : status.value("adapters", nlohmann::json::array())) {
    if (!adapter.is_object()) continue;
    const auto counters = adapter.value("counters", nlohmann::json::object());
    if (!counters.is_object() || counters.empty()) continue;
    if (!heading) std::cout << "systems:\n";
    heading = true;
    std::cout << "  " << adapter.value("system", std::string("?")) << " ("
              << adapter.value("type", std::string("?")) << "):";
    const char* separator = " ";
    for (const auto& [name, value] : counters.items()) {
      std::cout << separator << name << " " << value.dump();
      separator = ", ";
    }
    std::cout << "\n";
  }
}

void PrintStatus(const nlohmann::json& status) {
  const auto identity = status.value("identity", nlohmann::json::object());
  const auto build = BuildOf(status);
  std::cout << "ready: " << (status.value("ready", false) ? "yes" : "no") << "\n"
            << "identity index: " << BuildLine(build) << "\n";
  const auto per_system = build.value("per_system", nlohmann::json::object());
  for (const auto& [system, accounts] : per_system.items()) {
    std::cout << "  " << system << ": " << accounts << " accounts\n";
  }
  std::cout << "resolution: " << build.value("resolution", std::string("?")) << "\n"
            << "customers: " << identity.value("customers", 0) << "\n";
  const auto updates = identity.value("account_updates", nlohmann::json::object());
  std::cout << "accounts announced since start: " << updates.value("applied", 0) << " applied, "
            << updates.value("failed", 0) << " failed; "
            << updates.value("identifiers_withdrawn", 0) << " identifiers withdrawn, "
            << updates.value("accounts_removed", 0) << " accounts removed, "
            << updates.value("customers_split", 0) << " customers split, "
            << updates.value("customers_merged", 0) << " merged\n";
  const auto issued = identity.value("issued_ids", nlohmann::json::object());
  if (!issued.empty()) {
    std::cout << "golden ids issued before: " << issued.value("kept", 0) << " kept, "
              << issued.value("unresolved", 0) << " resolve to no customer now; "
              << issued.value("recorded", 0) << " recorded at this start\n";
  }
  const auto links = identity.value("manual_links", nlohmann::json::object());
  if (!links.empty()) {
    std::cout << "agents' links in effect: " << links.value("in_effect", 0) << "\n";
  }
  PrintAdapterCounters(status);
}

// --wait SECONDS: polls /status once a second until the hub is ready, printing the identity
// index build's progress as it changes; a hub whose admin port is not open yet is waited for.
int WaitUntilReady(const po::variables_map& flags, HubConnection& hub, nlohmann::json& status) {
  const int seconds = flags["wait"].as<int>();
  if (seconds < 1 || seconds > 86400) {
    throw UsageError("--wait takes a number of seconds from 1 to 86400");
  }
  const std::string address = AdminAddress(flags, hub);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
  std::string last_line, last_error;
  for (;;) {
    const auto reply =
        AdminGet(address, "/status", std::chrono::milliseconds(hub.options().timeout_ms));
    if (reply.status == 200) {
      status = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
      if (!status.is_object()) {
        std::cerr << "hubctl: the admin port's /status answer is not a JSON object\n";
        return kExitOtherError;
      }
      if (status.value("ready", false)) return kExitOk;
      const std::string line = BuildLine(BuildOf(status));
      if (line != last_line) std::cerr << "waiting: identity index " << line << "\n";
      last_line = line;
    } else {
      last_error =
          reply.status == 0 ? reply.error : "HTTP " + std::to_string(reply.status) + " for /status";
    }
    if (std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::seconds(1));
  }
  std::cerr << "hubctl: the hub at " << address << " is not ready after " << seconds << " s ("
            << (last_line.empty() ? last_error : "identity index " + last_line) << ")\n";
  return kExitUnreachable;
}

int Status(const po::variables_map& flags, HubConnection& hub) {
  nlohmann::json status;
  if (flags.count("wait")) {
    if (int code = WaitUntilReady(flags, hub, status); code != kExitOk) return code;
  } else if (int code = GetJson(flags, hub, "/status", status); code != kExitOk) {
    return code;
  }
  if (hub.options().json) {
    std::cout << status.dump(2) << "\n";
    return kExitOk;
  }
  PrintStatus(status);
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
  commands.push_back(
      {"status", "", "[--admin HOST:PORT] [--wait SECONDS]",
       "the hub's state: identity index build (systems, accounts, identifiers, elapsed, rate), "
       "accounts announced since start, agents' links; --wait follows a starting hub's build "
       "until it is ready (exit 3 if it is not within SECONDS)",
       [](po::options_description& options, po::positional_options_description&) {
         AdminOption(options);
         options.add_options()("wait", po::value<int>(),
                               "wait up to SECONDS for the hub to be ready, printing the identity "
                               "index build's progress");
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
