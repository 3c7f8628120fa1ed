#include "tools/simulators/http/serving.h"

#include <boost/asio/signal_set.hpp>
#include <charconv>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace omnihub::sim_http {

void ApplyListen(std::string_view listen, ServerOptions& options) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    throw std::runtime_error("--listen must be HOST:PORT, not '" + std::string(listen) + "'");
  }
  const std::string_view digits = listen.substr(colon + 1);
  unsigned port = 0;
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (digits.empty() || error != std::errc() || end != digits.data() + digits.size() ||
      port > 65535) {
    throw std::runtime_error("--listen port must be a number within 0..65535, not '" +
                             std::string(digits) + "'");
  }
  options.host = std::string(listen.substr(0, colon));
  options.port = static_cast<uint16_t>(port);
}

std::string Address(const Server& server) {
  const auto endpoint = server.endpoint();
  return endpoint.address().to_string() + ":" + std::to_string(endpoint.port());
}

void WriteReadyFile(const std::string& path, std::string_view key, const std::string& address) {
  if (path.empty()) return;
  const std::string temporary = path + ".tmp";
  std::ofstream(temporary) << key << "=" << address << "\n";
  std::rename(temporary.c_str(), path.c_str());
}

void ServeUntilSignalled(boost::asio::io_context& io, Server& server, int threads) {
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](boost::system::error_code, int) {
    server.Stop();
    io.stop();
  });
  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i) workers.emplace_back([&io] { io.run(); });
  io.run();
  for (auto& worker : workers) worker.join();
}

}  // namespace omnihub::sim_http
