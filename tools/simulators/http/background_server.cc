#include "tools/simulators/http/background_server.h"

#include <boost/asio/post.hpp>

#include "tools/simulators/http/serving.h"

namespace omnihub::sim_http {

BackgroundServer::BackgroundServer(const Make& make) : server_(make(io_)) {
  server_->Start();
  thread_ = std::thread([this] { io_.run(); });
}

BackgroundServer::~BackgroundServer() {
  boost::asio::post(io_, [this] { server_->Stop(); });
  io_.stop();
  thread_.join();
}

std::string BackgroundServer::url() const { return "http://" + Address(*server_); }

}  // namespace omnihub::sim_http
