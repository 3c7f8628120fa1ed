// Test helpers: the payment simulator in-process on 127.0.0.1:0 (its own io thread), an io thread
// pool for the adapters, and http-xml adapters built through the real factory.
#pragma once

#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "adapters/http_xml/http_xml_adapter.h"
#include "tools/simulators/http/background_server.h"
#include "tools/simulators/payment/server.h"

namespace omnihub::http_xml::testing {

inline constexpr char kMerchantKey[] = "test-merchant-key";
inline constexpr char kMapping[] = OMNIHUB_MAPPINGS_DIR "/systems/payment.xml";

// The world every simulator in these tests serves (1000 customers, seed 42).
inline std::shared_ptr<const world::World> SharedWorld() {
  static const auto world =
      std::make_shared<const world::World>(world::Generate({.seed = 42, .customers = 1000}));
  return world;
}

class RunningGateway : public sim_http::BackgroundServer {
 public:
  explicit RunningGateway(payment_sim::ApiOptions api = {}, int slow_ms = 0)
      : BackgroundServer([&](boost::asio::io_context& io) {
          if (api.api_key.empty()) api.api_key = kMerchantKey;
          return std::make_unique<payment_sim::Server>(
              io,
              std::make_shared<payment_sim::PaymentApi>(
                  std::make_shared<payment_sim::Gateway>(SharedWorld()), api),
              payment_sim::ServerOptions{.port = 0, .slow_ms = slow_ms});
        }) {}
};

// Two io threads for the adapters, alive for the whole test program.
inline boost::asio::any_io_executor AdapterExecutor() {
  struct Io {
    Io() : guard(io.get_executor()) {
      for (int i = 0; i < 2; ++i) std::thread([this] { io.run(); }).detach();
    }
    boost::asio::io_context io;
    boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard;
  };
  static Io* io = new Io();  // never destroyed: adapters of static targets may outlive main
  return io->io.get_executor();
}

inline sdk::AdapterConfig Config(const std::string& url,
                                 std::map<std::string, std::string> extra = {}) {
  ::setenv("OMNIHUB_PAYMENT_API_KEY", kMerchantKey, 1);
  sdk::AdapterConfig config;
  config.system = "payment";
  config.type = "http-xml";
  config.origin = "test.xml:1";
  config.settings = {{"mapping", kMapping}, {"endpoint", url}};
  for (auto& [key, value] : extra) config.settings[key] = value;
  return config;
}

inline std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& url,
                                                 std::map<std::string, std::string> extra = {}) {
  auto adapter = MakeHttpXmlAdapter(Config(url, std::move(extra)), {AdapterExecutor()});
  if (!adapter.ok()) throw std::runtime_error(std::string(adapter.status().message()));
  return *std::move(adapter);
}

}  // namespace omnihub::http_xml::testing
