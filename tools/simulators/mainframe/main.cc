// mainframe-sim: the TN3270E mainframe simulator over a generated world (see README.md).
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/program_options.hpp>
#include <csignal>
#include <fstream>
#include <functional>
#include <iostream>

#include "tools/simulators/mainframe/server.h"
#include "tools/simulators/world/world.h"

namespace po = boost::program_options;
using omnihub::mainframe_sim::Server;
using omnihub::mainframe_sim::ServerOptions;

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:3270";
  std::string ready_file;
  uint64_t seed = 42;
  int customers = 1000;
  ServerOptions options;
  po::options_description description("mainframe-sim options");
  description.add_options()("help", "this help")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0: any)")(
      "ready-file", po::value(&ready_file), "write tn3270=HOST:PORT here once listening")(
      "seed", po::value(&seed)->default_value(seed), "world seed")(
      "customers", po::value(&customers)->default_value(customers), "world size (people)")(
      "slow-ms", po::value(&options.slow_ms)->default_value(0), "delay every screen (ms)")(
      "disconnect-rate", po::value(&options.disconnect_rate)->default_value(0.0),
      "probability (0..1) of dropping the connection instead of answering an input")(
      "tls-cert", po::value(&options.tls_certificate_file),
      "serve TLS with this certificate chain (PEM; needs --tls-key)")(
      "tls-key", po::value(&options.tls_private_key_file), "the TLS private key (PEM)")(
      "session-in-use", po::bool_switch(&options.session_in_use),
      "refuse every sign-on with OMN0409E SESSION IN USE (SIGUSR1 switches it on and off)");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, description), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << description << "\n";
      return 0;
    }
    const size_t colon = listen.rfind(':');
    if (colon == std::string::npos) throw std::runtime_error("--listen must be HOST:PORT");
    options.host = listen.substr(0, colon);
    const int port = std::stoi(listen.substr(colon + 1));
    if (port < 0 || port > 65535) throw std::runtime_error("--listen port out of range");
    options.port = static_cast<uint16_t>(port);
    if (customers < 1) throw std::runtime_error("--customers must be at least 1");
    if (options.slow_ms < 0) throw std::runtime_error("--slow-ms must not be negative");
    if (options.tls_certificate_file.empty() != options.tls_private_key_file.empty()) {
      throw std::runtime_error("--tls-cert and --tls-key go together");
    }
    if (options.disconnect_rate < 0 || options.disconnect_rate > 1) {
      throw std::runtime_error("--disconnect-rate must be within 0..1");
    }
    options.seed = seed;
  } catch (const std::exception& error) {
    std::cerr << "mainframe-sim: " << error.what() << "\n";
    return 2;
  }

  try {
    const auto world = omnihub::world::Generate({.seed = seed, .customers = customers});
    boost::asio::io_context io;
    Server server(io, world, options);
    server.Start();
    const auto endpoint = server.endpoint();
    const std::string address =
        endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
    if (!ready_file.empty()) {
      const std::string temporary = ready_file + ".tmp";
      std::ofstream(temporary) << "tn3270=" << address << "\n";
      std::rename(temporary.c_str(), ready_file.c_str());
    }
    std::cerr << "mainframe-sim: listening on " << address << " ("
              << world.mainframe_accounts.size() << " accounts)\n";
    // SIGUSR1 switches the "session in use" condition, so a running landscape can show it and
    // its recovery.
    bool session_in_use = options.session_in_use;
    boost::asio::signal_set toggles(io, SIGUSR1);
    std::function<void()> await_toggle = [&] {
      toggles.async_wait([&](boost::system::error_code error, int) {
        if (error) return;
        session_in_use = !session_in_use;
        server.SetSessionInUse(session_in_use);
        std::cerr << "mainframe-sim: session in use " << (session_in_use ? "on" : "off") << "\n";
        await_toggle();
      });
    };
    await_toggle();
    boost::asio::signal_set signals(io, SIGINT, SIGTERM);
    signals.async_wait([&](boost::system::error_code, int) {
      server.Stop();
      toggles.cancel();
      io.stop();
    });
    io.run();
  } catch (const std::exception& error) {
    std::cerr << "mainframe-sim: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
