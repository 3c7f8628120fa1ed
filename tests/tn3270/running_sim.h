// The mainframe simulator in process for connector tests: a Server on 127.0.0.1:0 with its own io
// thread, stopped on destruction; plus a pool io_context with worker threads.
#pragma once

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <chrono>
#include <cstdint>
#include <thread>
#include <vector>

#include "tools/simulators/mainframe/server.h"
#include "tools/simulators/world/world.h"

namespace omnihub::tn3270::testing {

inline const world::World& SimWorld() {
  static const world::World world = world::Generate({.seed = 42, .customers = 50});
  return world;
}

inline constexpr char kDemoAccount[] = "00104217";

class RunningSim {
 public:
  explicit RunningSim(mainframe_sim::ServerOptions options = {.host = "127.0.0.1", .port = 0})
      : RunningSim(SimWorld(), options) {}
  // Serves `world` (which must outlive the simulator).
  RunningSim(const world::World& world, mainframe_sim::ServerOptions options)
      : server_(io_, world, options) {
    server_.Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningSim() {
    boost::asio::post(io_, [this] { server_.Stop(); });
    thread_.join();
  }
  std::uint16_t port() const { return server_.endpoint().port(); }
  // Switches the simulator's "session in use" condition (thread-safe).
  void SetSessionInUse(bool in_use) { server_.SetSessionInUse(in_use); }

 private:
  boost::asio::io_context io_;
  mainframe_sim::Server server_;
  std::thread thread_;
};

// An io_context run by `threads` threads until destroyed.
class IoThreads {
 public:
  explicit IoThreads(int threads = 2) : guard_(io_.get_executor()) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  // Lets queued work finish (a pool's Shutdown closing its sessions, their last handlers) for up
  // to two seconds before stopping: handlers dropped unrun would leave sessions with a pending
  // operation, which LeakSanitizer reports.
  ~IoThreads() {
    guard_.reset();
    for (int i = 0; i < 200 && !io_.stopped(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }
  boost::asio::any_io_executor executor() { return io_.get_executor(); }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

}  // namespace omnihub::tn3270::testing
