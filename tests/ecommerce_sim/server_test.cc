// The simulator over real sockets (127.0.0.1:0): keep-alive, slow responses, oversized bodies,
// garbage requests, Stop with connections open.
#include "tools/simulators/ecommerce/server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <thread>

#include "tools/simulators/http/background_server.h"

namespace omnihub::ecommerce_sim {
namespace {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using asio::ip::tcp;

class RunningShop : public sim_http::BackgroundServer {
 public:
  explicit RunningShop(ServerOptions options = {}, ApiOptions api = {})
      : BackgroundServer([&](asio::io_context& io) {
          static const auto world =
              std::make_shared<const world::World>(world::Generate({.seed = 42, .customers = 50}));
          options.port = 0;
          return std::make_unique<Server>(
              io, std::make_shared<ShopApi>(std::make_shared<Shop>(world), api), options);
        }) {}
};

http::response<http::string_body> Exchange(tcp::socket& socket, const std::string& target,
                                           std::string body = "") {
  http::request<http::string_body> request{body.empty() ? http::verb::get : http::verb::post,
                                           target, 11};
  request.set(http::field::host, "127.0.0.1");
  if (!body.empty()) request.set(http::field::content_type, "application/json");
  request.body() = std::move(body);
  request.prepare_payload();
  http::write(socket, request);
  boost::beast::flat_buffer buffer;
  http::response<http::string_body> response;
  http::read(socket, buffer, response);
  return response;
}

TEST(EcommerceSimServerTest, ServesSeveralRequestsOnOneKeptAliveConnection) {
  RunningShop shop;
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(shop.endpoint());
  for (int i = 0; i < 3; ++i) {
    auto response = Exchange(socket, "/admin/customers/6108000123.json");
    EXPECT_EQ(response.result_int(), 200);
    EXPECT_NE(response.body().find("\"6108000123\""), std::string::npos);
    EXPECT_TRUE(response.keep_alive());
  }
  auto missing = Exchange(socket, "/admin/customers/42.json");
  EXPECT_EQ(missing.result_int(), 404);
  EXPECT_EQ(missing.body(), R"({"errors":"Not Found"})");
}

TEST(EcommerceSimServerTest, SlowModeDelaysTheAnswer) {
  RunningShop shop({.slow_ms = 300});
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(shop.endpoint());
  const auto started = std::chrono::steady_clock::now();
  auto response = Exchange(socket, "/admin/customers/6108000123.json");
  EXPECT_EQ(response.result_int(), 200);
  // A lower bound only: the delay is the point of slow mode (no upper bound asserted).
  EXPECT_GE(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(300));
}

TEST(EcommerceSimServerTest, OversizedBodyIs413AndTheConnectionCloses) {
  RunningShop shop({.max_body_bytes = 1024});
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(shop.endpoint());
  auto response = Exchange(socket, "/admin/customers/6108000123/notes.json",
                           "{\"note\":{\"body\":\"" + std::string(4096, 'x') + "\"}}");
  EXPECT_EQ(response.result_int(), 413);
  EXPECT_FALSE(response.keep_alive());
}

TEST(EcommerceSimServerTest, GarbageRequestClosesTheConnectionAndTheServerGoesOn) {
  RunningShop shop;
  asio::io_context io;
  {
    tcp::socket socket(io);
    socket.connect(shop.endpoint());
    asio::write(socket, asio::buffer(std::string("\x16\x03\x01 not http at all\r\n\r\n")));
    char byte;
    boost::system::error_code ec;
    asio::read(socket, asio::buffer(&byte, 1), ec);
    EXPECT_TRUE(ec) << "the server should close, not answer";
  }
  tcp::socket socket(io);
  socket.connect(shop.endpoint());
  EXPECT_EQ(Exchange(socket, "/admin/customers/6108000123.json").result_int(), 200);
}

TEST(EcommerceSimServerTest, StopClosesOpenConnections) {
  asio::io_context io;
  tcp::socket socket(io);
  {
    RunningShop shop;
    socket.connect(shop.endpoint());
    EXPECT_EQ(Exchange(socket, "/admin/customers/6108000123.json").result_int(), 200);
  }
  char byte;
  boost::system::error_code ec;
  asio::read(socket, asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);
}

}  // namespace
}  // namespace omnihub::ecommerce_sim
