#include "tools/simulators/payment/server.h"

#include <utility>

namespace omnihub::payment_sim {

Server::Server(boost::asio::io_context& io, std::shared_ptr<PaymentApi> api, ServerOptions options)
    : sim_http::Server(
          io, [api = std::move(api)](const ApiRequest& request) { return api->Handle(request); },
          {.server = "payment-sim",
           .content_type = "application/xml; charset=utf-8",
           .too_large_body = "<Error xmlns=\"urn:psp:payments:v1\"><Result><Code>30</Code>"
                             "<Message>the request body is too large</Message></Result></Error>"},
          std::move(options)) {}

}  // namespace omnihub::payment_sim
