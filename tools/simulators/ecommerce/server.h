// The ecommerce simulator's HTTP side: the simulators' shared server (sim_http::Server) answering
// with a ShopApi, in the shop's JSON dialect.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "tools/simulators/ecommerce/api.h"
#include "tools/simulators/http/server.h"

namespace omnihub::ecommerce_sim {

using ServerOptions = sim_http::ServerOptions;

// See sim_http::Server for the contract.
class Server : public sim_http::Server {
 public:
  Server(boost::asio::io_context& io, std::shared_ptr<ShopApi> api, ServerOptions options);
};

}  // namespace omnihub::ecommerce_sim
