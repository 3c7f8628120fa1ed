// hubd: the Omnihub server. Loads one config file, builds the adapters it names, and serves the
// gRPC API and the admin port until SIGINT or SIGTERM.
#include <boost/program_options.hpp>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "absl/strings/str_cat.h"
#include "hub/builtin_adapters.h"
#include "hub/common/log.h"
#include "hub/config/hub_config.h"
#include "hub/server/hub.h"

namespace {

namespace po = boost::program_options;
using omnihub::hub::LogError;
using omnihub::hub::LogInfo;

// Writes "grpc=HOST:PORT\nadmin=HOST:PORT\n" atomically (write, then rename), so a reader never
// sees half a file.
bool WriteReadyFile(const std::string& path, const omnihub::hub::HubConfig& config,
                    const omnihub::hub::Hub& hub) {
  const std::string temporary = path + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    out << "grpc=" << config.grpc_listen.host << ":" << hub.grpc_port() << "\n"
        << "admin=" << config.admin_listen.host << ":" << hub.admin_port() << "\n";
    if (!out) return false;
  }
  std::error_code error;
  std::filesystem::rename(temporary, path, error);
  return !error;
}

}  // namespace

int main(int argc, char** argv) {
  std::string config_path, grpc_listen, admin_listen, ready_file, store_file;
  po::options_description options("hubd: the Omnihub integration hub\n\nOptions");
  options.add_options()("help,h", "show this help")(
      "config,c", po::value(&config_path)->default_value("config/hubd.xml"),
      "the hub's configuration file (XML, see config/README.md)")(
      "grpc-listen", po::value(&grpc_listen),
      "override the gRPC listen address HOST:PORT (port 0: any free port)")(
      "admin-listen", po::value(&admin_listen), "override the admin HTTP listen address")(
      "ready-file", po::value(&ready_file),
      "once both ports are bound, write 'grpc=HOST:PORT' and 'admin=HOST:PORT' lines here")(
      "store-file", po::value(&store_file),
      "keep the hub's own store in this SQLite file (instead of <store> in the configuration)");
  po::variables_map flags;
  try {
    po::store(po::parse_command_line(argc, argv, options), flags);
    po::notify(flags);
  } catch (const po::error& error) {
    std::cerr << "hubd: " << error.what() << "\n" << options << "\n";
    return 2;
  }
  if (flags.count("help")) {
    std::cout << options << "\n";
    return 0;
  }

  auto config = omnihub::hub::LoadHubConfig(config_path);
  if (!config.ok()) {
    std::cerr << "hubd: the configuration is not valid:\n" << config.status().message() << "\n";
    return 2;
  }
  for (auto [flag, value, target] :
       {std::tuple{"--grpc-listen", &grpc_listen, &config->grpc_listen},
        std::tuple{"--admin-listen", &admin_listen, &config->admin_listen}}) {
    if (value->empty()) continue;
    auto address = omnihub::hub::ParseListenAddress(*value);
    if (!address.ok()) {
      std::cerr << "hubd: " << flag << ": " << address.status().message() << "\n";
      return 2;
    }
    *target = *address;
  }

  if (!store_file.empty()) {
    config->store.connection.clear();
    config->store.sqlite_file = store_file;
  }

  // Signals are taken by sigwait below, so block them before any thread starts.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  omnihub::sdk::AdapterRegistry registry;
  omnihub::hub::RegisterBuiltinAdapters(registry);
  auto hub = omnihub::hub::Hub::Create(*config, registry);
  if (!hub.ok()) {
    std::cerr << "hubd: the configuration is not valid:\n" << hub.status().message() << "\n";
    return 2;
  }
  if (auto status = (*hub)->Start(); !status.ok()) {
    LogError(absl::StrCat("hubd cannot start: ", status.message()));
    return 1;
  }
  if (!ready_file.empty() && !WriteReadyFile(ready_file, *config, **hub)) {
    LogError(absl::StrCat("hubd cannot write the ready file ", ready_file));
    (*hub)->Shutdown();
    return 1;
  }

  int signal_number = 0;
  sigwait(&stop_signals, &signal_number);
  LogInfo(absl::StrCat("hubd stopping on signal ", signal_number));
  (*hub)->Shutdown();
  LogInfo("hubd stopped");
  return 0;
}
