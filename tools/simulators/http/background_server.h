// BackgroundServer: a simulator's HTTP server on an io thread of its own, for tests and
// benchmarks that run the simulator in-process next to the connector they exercise.
#pragma once

#include <boost/asio/io_context.hpp>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "tools/simulators/http/server.h"

namespace omnihub::sim_http {

class BackgroundServer {
 public:
  using Make = std::function<std::unique_ptr<Server>(boost::asio::io_context&)>;

  // Makes the server on the thread's io_context, starts it and the thread.
  explicit BackgroundServer(const Make& make);
  // Stops the server and joins the thread.
  ~BackgroundServer();
  BackgroundServer(const BackgroundServer&) = delete;
  BackgroundServer& operator=(const BackgroundServer&) = delete;

  boost::asio::ip::tcp::endpoint endpoint() const { return server_->endpoint(); }
  // "http://HOST:PORT" of the bound endpoint.
  std::string url() const;

 private:
  boost::asio::io_context io_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
};

}  // namespace omnihub::sim_http
