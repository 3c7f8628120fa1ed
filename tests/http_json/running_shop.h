// Test helpers: the ecommerce simulator in-process on 127.0.0.1:0 (its own io thread), an io
// thread for the adapters, and http-json adapters built through the real factory.
#pragma once

#include <stdlib.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <map>
#include <memory>
#include <string>
#include <thread>

#include "adapters/http_json/http_json_adapter.h"
#include "tools/simulators/ecommerce/server.h"
#include "tools/simulators/http/background_server.h"

namespace omnihub::http_json::testing {

inline constexpr char kApiKey[] = "test-api-key";
inline constexpr char kMapping[] = OMNIHUB_MAPPINGS_DIR "/systems/ecommerce.xml";

// The world every simulator in these tests serves (1000 customers, seed 42).
inline std::shared_ptr<const world::World> SharedWorld() {
  static const auto world =
      std::make_shared<const world::World>(world::Generate({.seed = 42, .customers = 1000}));
  return world;
}

class RunningShop : public sim_http::BackgroundServer {
 public:
  explicit RunningShop(ecommerce_sim::ApiOptions api = {}, int slow_ms = 0)
      : BackgroundServer([&](boost::asio::io_context& io) {
          if (api.api_key.empty()) api.api_key = kApiKey;
          return std::make_unique<ecommerce_sim::Server>(
              io,
              std::make_shared<ecommerce_sim::ShopApi>(
                  std::make_shared<ecommerce_sim::Shop>(SharedWorld()), api),
              ecommerce_sim::ServerOptions{.port = 0, .slow_ms = slow_ms});
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
  ::setenv("OMNIHUB_ECOMMERCE_API_KEY", kApiKey, 1);
  sdk::AdapterConfig config;
  config.system = "ecommerce";
  config.type = "http-json";
  config.origin = "test.xml:1";
  config.settings = {{"mapping", kMapping}, {"endpoint", url}};
  for (auto& [key, value] : extra) config.settings[key] = value;
  return config;
}

inline std::unique_ptr<sdk::Adapter> MakeAdapter(const std::string& url,
                                                 std::map<std::string, std::string> extra = {}) {
  auto adapter = MakeHttpJsonAdapter(Config(url, std::move(extra)), {AdapterExecutor()});
  if (!adapter.ok()) throw std::runtime_error(std::string(adapter.status().message()));
  return *std::move(adapter);
}

}  // namespace omnihub::http_json::testing
