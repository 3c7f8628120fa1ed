// AdminServer over real loopback sockets: routing, method and size limits, malformed requests,
// keep-alive, timeouts, the connection cap, bind failures and Stop().
#include "hub/admin/admin_server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <optional>
#include <stdexcept>
#include <thread>

#include "tests/admin/raw_http_client.h"

namespace omnihub::hub {
namespace {

using testing_support::RawHttpClient;
using namespace std::chrono_literals;

constexpr char kGetHealth[] = "GET /healthz HTTP/1.1\r\nHost: test\r\n\r\n";

class AdminServerTest : public testing::Test {
 protected:
  AdminServerTest() : work_(boost::asio::make_work_guard(io_)) {}

  void TearDown() override {
    server_.reset();
    work_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }

  // Registers the usual routes, starts on an ephemeral port, runs the io_context on 2 threads.
  void StartServer(AdminServer::Options options = {}) {
    server_.emplace(io_, ListenAddress{"127.0.0.1", 0}, options);
    server_->Handle("/healthz", [] { return AdminServer::Response{200, "text/plain", "ok\n"}; });
    server_->Handle("/status", [this] {
      ++status_calls_;
      return AdminServer::Response{200, "application/json", "{\"serving\":true}\n"};
    });
    server_->Handle("/unready", [] { return AdminServer::Response{503, "", "not ready\n"}; });
    server_->Handle("/throws",
                    []() -> AdminServer::Response { throw std::runtime_error("handler bug"); });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_NE(server_->port(), 0);
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }

  uint16_t port() const { return server_->port(); }

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::optional<AdminServer> server_;
  std::atomic<int> status_calls_{0};
};

TEST_F(AdminServerTest, GetRegisteredRoute) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.connected());
  ASSERT_TRUE(client.Send("GET /status HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "{\"serving\":true}\n");
  EXPECT_EQ(response->headers["content-type"], "application/json");
  EXPECT_EQ(response->headers["cache-control"], "no-store");
  EXPECT_EQ(status_calls_, 1);
}

TEST_F(AdminServerTest, HandlerStatusAndDefaultContentType) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /unready HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 503);
  EXPECT_EQ(response->body, "not ready\n");
  EXPECT_EQ(response->headers["content-type"], "text/plain; charset=utf-8");
}

TEST_F(AdminServerTest, QueryStringIsIgnoredForRouting) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /healthz?verbose=1 HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(AdminServerTest, UnknownPathIs404) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /metrics HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 404);
}

TEST_F(AdminServerTest, PostIs405WithAllow) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("POST /healthz HTTP/1.1\r\nHost: test\r\nContent-Length: 0\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 405);
  EXPECT_EQ(response->headers["allow"], "GET, HEAD");
}

TEST_F(AdminServerTest, HandlerExceptionIs500AndServerKeepsServing) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /throws HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 500);
  ASSERT_TRUE(client.Send(kGetHealth));
  response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
}

TEST_F(AdminServerTest, GarbageRequestLineIs400AndClosed) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("HELLO THERE\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(AdminServerTest, BinaryGarbageIs400) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send(std::string("\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 15)));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 400);
  // Still serving others.
  RawHttpClient other(port());
  ASSERT_TRUE(other.Send(kGetHealth));
  ASSERT_TRUE(other.ReadResponse());
}

TEST_F(AdminServerTest, RequestBodyIs413) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /healthz HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\n\r\nhello"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(AdminServerTest, ChunkedBodyIs413) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(
      client.Send("GET /healthz HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: "
                  "chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 413);
}

TEST_F(AdminServerTest, OversizedHeadersAre431) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send(
      "GET /healthz HTTP/1.1\r\nHost: test\r\nX-Big: " + std::string(16 * 1024, 'a') + "\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 431);
}

TEST_F(AdminServerTest, HeadHasLengthButNoBody) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("HEAD /status HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto head = client.ReadResponse(/*head=*/true);
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(head->headers["content-length"],
            std::to_string(std::string("{\"serving\":true}\n").size()));
  // Were any body bytes sent, they would precede the next response and break its status line.
  ASSERT_TRUE(client.Send(kGetHealth));
  auto get = client.ReadResponse();
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(get->body, "ok\n");
}

TEST_F(AdminServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartServer();
  RawHttpClient client(port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(client.Send(kGetHealth));
    auto response = client.ReadResponse();
    ASSERT_TRUE(response) << "request " << i;
    EXPECT_EQ(response->status, 200);
  }
}

TEST_F(AdminServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send(std::string(kGetHealth) + "GET /nope HTTP/1.1\r\nHost: test\r\n\r\n"));
  auto first = client.ReadResponse();
  auto second = client.ReadResponse();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(second->status, 404);
}

TEST_F(AdminServerTest, ConnectionCloseIsHonoured) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /healthz HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n"));
  auto response = client.ReadResponse();
  ASSERT_TRUE(response);
  EXPECT_EQ(response->status, 200);
  EXPECT_TRUE(client.WaitForClose());
}

TEST_F(AdminServerTest, Http10ClosesAfterResponse) {
  StartServer();
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /healthz HTTP/1.0\r\n\r\n"));
  const std::string all = client.ReadAll();
  EXPECT_EQ(all.rfind("HTTP/1.0 200", 0), 0u) << all;
}

TEST_F(AdminServerTest, SlowClientIsTimedOut) {
  AdminServer::Options options;
  options.io_timeout = 200ms;
  StartServer(options);
  RawHttpClient client(port());
  ASSERT_TRUE(client.Send("GET /heal"));
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(client.WaitForClose());
  EXPECT_LT(std::chrono::steady_clock::now() - started, 3s);
}

TEST_F(AdminServerTest, ConnectionsBeyondTheCapAreClosed) {
  AdminServer::Options options;
  options.max_connections = 2;
  StartServer(options);
  std::optional<RawHttpClient> first(port());
  RawHttpClient second(port());
  for (auto* client : {&*first, &second}) {
    ASSERT_TRUE(client->Send(kGetHealth));
    ASSERT_TRUE(client->ReadResponse());
  }
  RawHttpClient third(port());
  ASSERT_TRUE(third.connected());  // the kernel accepts; the server then closes it
  third.Send(kGetHealth);
  EXPECT_TRUE(third.WaitForClose());
  // Room again once one leaves.
  first.reset();
  bool served = false;
  for (int attempt = 0; attempt < 150 && !served; ++attempt) {
    RawHttpClient fourth(port(), 1000ms);
    served = fourth.Send(kGetHealth) && fourth.ReadResponse().has_value();
    if (!served) std::this_thread::sleep_for(20ms);
  }
  EXPECT_TRUE(served);
}

TEST_F(AdminServerTest, BindConflictGivesAClearError) {
  StartServer();
  boost::asio::io_context other_io;
  AdminServer second(other_io, ListenAddress{"127.0.0.1", port()});
  const absl::Status status = second.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status.message(),
            "cannot listen on 127.0.0.1:" + std::to_string(port()) + ": Address already in use");
}

TEST_F(AdminServerTest, UnusableHostIsInvalidArgument) {
  boost::asio::io_context other_io;
  AdminServer server(other_io, ListenAddress{"admin.example.com", 0});
  EXPECT_EQ(server.Start().code(), absl::StatusCode::kInvalidArgument);
}

TEST_F(AdminServerTest, StartTwiceFails) {
  StartServer();
  EXPECT_EQ(server_->Start().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(AdminServerTest, StopClosesConnectedClientsAndTheListener) {
  StartServer();
  const uint16_t bound = port();
  RawHttpClient idle(bound);
  RawHttpClient served(bound);
  ASSERT_TRUE(served.Send(kGetHealth));
  ASSERT_TRUE(served.ReadResponse());
  ASSERT_TRUE(idle.connected());

  server_->Stop();
  EXPECT_TRUE(served.WaitForClose());
  EXPECT_TRUE(idle.WaitForClose());
  RawHttpClient late(bound, 500ms);
  EXPECT_FALSE(late.connected() && late.Send(kGetHealth) && late.ReadResponse().has_value());
  server_->Stop();  // idempotent
}

TEST(AdminServerLifetimeTest, StopWithoutRunningIoContextDoesNotHang) {
  boost::asio::io_context io;
  AdminServer server(io, ListenAddress{"127.0.0.1", 0});
  ASSERT_TRUE(server.Start().ok());
  io.stop();
  const auto started = std::chrono::steady_clock::now();
  server.Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 1s);
}

}  // namespace
}  // namespace omnihub::hub
