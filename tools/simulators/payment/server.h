// The payment simulator's HTTP side: the simulators' shared server (sim_http::Server) answering
// with a PaymentApi, in the gateway's XML dialect.
#pragma once

#include <boost/asio/io_context.hpp>
#include <memory>

#include "tools/simulators/http/server.h"
#include "tools/simulators/payment/api.h"

namespace omnihub::payment_sim {

using ServerOptions = sim_http::ServerOptions;

// See sim_http::Server for the contract.
class Server : public sim_http::Server {
 public:
  Server(boost::asio::io_context& io, std::shared_ptr<PaymentApi> api, ServerOptions options);
};

}  // namespace omnihub::payment_sim
