#include "tools/simulators/ecommerce/server.h"

#include <utility>

namespace omnihub::ecommerce_sim {

Server::Server(boost::asio::io_context& io, std::shared_ptr<ShopApi> api, ServerOptions options)
    : sim_http::Server(
          io, [api = std::move(api)](const ApiRequest& request) { return api->Handle(request); },
          {.server = "ecommerce-sim",
           .content_type = "application/json; charset=utf-8",
           .too_large_body = "{\"errors\":\"the request body is too large\"}"},
          std::move(options)) {}

}  // namespace omnihub::ecommerce_sim
