// HttpClient against TestServer on 127.0.0.1:0: keep-alive, pool limit, deadlines, cancellation,
// retries and the retry budget, hostile responses, gzip, TLS.
#include "adapters/http/client.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdio>
#include <fstream>
#include <future>
#include <thread>

#include "adapters/http/gzip.h"
#include "tests/http/test_server.h"
#include "tests/support/self_signed_certificate.h"

namespace omnihub::http {
namespace {

namespace asio = boost::asio;
using omnihub::testing::SelfSignedCertificate;
using namespace std::chrono_literals;
using sdk::CallContext;
using testing::Reply;
using testing::Respond;
using testing::ServerRequest;
using testing::TestServer;

// Runs the client's io_context on a background thread.
class HttpClientTest : public ::testing::Test {
 protected:
  HttpClientTest() : work_(asio::make_work_guard(io_)), thread_([this] { io_.run(); }) {}
  ~HttpClientTest() override {
    work_.reset();
    io_.stop();
    thread_.join();
  }

  std::shared_ptr<HttpClient> MakeClient(const std::string& base_url,
                                         HttpClientOptions options = {}) {
    options.base_url = base_url;
    if (options.retry.initial_backoff == RetryOptions{}.initial_backoff) {
      options.retry.initial_backoff = 5ms;
    }
    auto client = HttpClient::Create(io_.get_executor(), std::move(options));
    EXPECT_TRUE(client.ok()) << client.status();
    return *client;
  }

  static std::string Url(const TestServer& server) {
    return "http://127.0.0.1:" + std::to_string(server.port());
  }

  static std::future<absl::StatusOr<Response>> SendAsync(HttpClient& client, Request request,
                                                         std::shared_ptr<CallContext> context) {
    auto promise = std::make_shared<std::promise<absl::StatusOr<Response>>>();
    auto future = promise->get_future();
    client.Send(std::move(request), std::move(context),
                [promise](absl::StatusOr<Response> result) { promise->set_value(result); });
    return future;
  }

  static absl::StatusOr<Response> SendSync(HttpClient& client, Request request,
                                           std::chrono::steady_clock::duration timeout = 10s) {
    auto future = SendAsync(client, std::move(request), CallContext::WithTimeout(timeout));
    if (future.wait_for(30s) != std::future_status::ready) {
      return absl::InternalError("callback never ran");
    }
    return future.get();
  }

  asio::io_context io_;
  asio::executor_work_guard<asio::io_context::executor_type> work_;
  std::thread thread_;
};

TEST_F(HttpClientTest, GetSendsPathQueryAndDefaultHeaders) {
  std::string seen_target, seen_host, seen_encoding;
  TestServer server([&](const ServerRequest& request, int) {
    seen_target = std::string(request.target());
    seen_host = std::string(request[boost::beast::http::field::host]);
    seen_encoding = std::string(request[boost::beast::http::field::accept_encoding]);
    return Respond(200, "hello", "Content-Type: text/plain\r\n");
  });
  auto client = MakeClient(Url(server) + "/api/v1");
  auto response = SendSync(*client, Request::Get("/customers" + BuildQuery({{"q", "a b"}})));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->body, "hello");
  EXPECT_EQ(response->Header("content-type").value_or(""), "text/plain");
  EXPECT_EQ(seen_target, "/api/v1/customers?q=a%20b");
  EXPECT_EQ(seen_host, "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(seen_encoding, "gzip");
}

TEST_F(HttpClientTest, PostSendsBody) {
  std::string seen_method, seen_body;
  TestServer server([&](const ServerRequest& request, int) {
    seen_method = std::string(request.method_string());
    seen_body = request.body();
    return Respond(201, "created");
  });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Post("/orders", R"({"a":1})", "application/json"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 201);
  EXPECT_EQ(seen_method, "POST");
  EXPECT_EQ(seen_body, R"({"a":1})");
}

TEST_F(HttpClientTest, HttpErrorStatusIsAResponse) {
  TestServer server([](const ServerRequest&, int) { return Respond(404, "no such customer"); });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Get("/customers/9"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 404);
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(HttpClientTest, HeadResponseHasNoBodyAndKeepsTheConnection) {
  TestServer server([](const ServerRequest& request, int) {
    if (request.method() == boost::beast::http::verb::head) {
      return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 1234\r\n\r\n"};
    }
    return Respond(200, "after head");
  });
  auto client = MakeClient(Url(server));
  Request head;
  head.method = "HEAD";
  auto response = SendSync(*client, head);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->Header("Content-Length").value_or(""), "1234");
  EXPECT_TRUE(response->body.empty());
  auto next = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(next->body, "after head");
  EXPECT_EQ(server.accepted(), 1);
}

TEST_F(HttpClientTest, KeepAliveReusesOneConnection) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "ok"); });
  auto client = MakeClient(Url(server));
  for (int i = 0; i < 5; ++i) {
    auto response = SendSync(*client, Request::Get("/"));
    ASSERT_TRUE(response.ok()) << response.status();
  }
  EXPECT_EQ(server.requests(), 5);
  EXPECT_EQ(server.accepted(), 1);
}

TEST_F(HttpClientTest, PoolLimitsOpenConnections) {
  TestServer server([](const ServerRequest&, int) {
    Reply reply = Respond(200, "ok");
    reply.delay = 100ms;
    return reply;
  });
  HttpClientOptions options;
  options.pool.max_connections = 2;
  auto client = MakeClient(Url(server), options);
  std::vector<std::future<absl::StatusOr<Response>>> futures;
  for (int i = 0; i < 8; ++i) {
    futures.push_back(SendAsync(*client, Request::Get("/"), CallContext::WithTimeout(20s)));
  }
  for (auto& future : futures) {
    ASSERT_EQ(future.wait_for(30s), std::future_status::ready);
    auto response = future.get();
    EXPECT_TRUE(response.ok()) << response.status();
  }
  EXPECT_EQ(server.requests(), 8);
  EXPECT_LE(server.accepted(), 2);
}

TEST_F(HttpClientTest, StalePooledConnectionIsRetriedOnAFreshOne) {
  // The server answers as keep-alive, then closes: the client's pooled connection is dead.
  TestServer server([](const ServerRequest&, int) {
    Reply reply = Respond(200, "ok");
    reply.close = true;
    return reply;
  });
  auto client = MakeClient(Url(server));
  ASSERT_TRUE(SendSync(*client, Request::Get("/")).ok());
  std::this_thread::sleep_for(50ms);  // let the FIN arrive (the test passes without it too)
  auto second = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(server.accepted(), 2);
}

TEST_F(HttpClientTest, DeadlineOnSlowServer) {
  TestServer server([](const ServerRequest&, int) {
    Reply reply = Respond(200, "late");
    reply.delay = 10s;
    return reply;
  });
  auto client = MakeClient(Url(server));
  const auto start = std::chrono::steady_clock::now();
  auto response = SendSync(*client, Request::Get("/"), 300ms);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDeadlineExceeded) << response.status();
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
}

TEST_F(HttpClientTest, DeadlineWhileWaitingForAPooledConnection) {
  TestServer server([](const ServerRequest&, int index) {
    Reply reply = Respond(200, "slow");
    if (index == 0) reply.delay = 1500ms;
    return reply;
  });
  HttpClientOptions options;
  options.pool.max_connections = 1;
  auto client = MakeClient(Url(server), options);
  auto slow = SendAsync(*client, Request::Get("/"), CallContext::WithTimeout(20s));
  while (server.requests() == 0) std::this_thread::sleep_for(5ms);
  auto waiting = SendSync(*client, Request::Get("/"), 200ms);
  EXPECT_EQ(waiting.status().code(), absl::StatusCode::kDeadlineExceeded) << waiting.status();
  EXPECT_NE(waiting.status().message().find("waiting for a connection"), std::string::npos)
      << waiting.status();
  ASSERT_EQ(slow.wait_for(20s), std::future_status::ready);
  EXPECT_TRUE(slow.get().ok());
  // The abandoned wait did not leak the slot: the pool still serves requests.
  EXPECT_TRUE(SendSync(*client, Request::Get("/")).ok());
  EXPECT_EQ(server.accepted(), 1);
}

TEST_F(HttpClientTest, ConnectionDroppedWithoutResponseRetriedOnlyWhenIdempotent) {
  TestServer server([](const ServerRequest&, int) { return Reply{"", true}; });
  auto client = MakeClient(Url(server));
  auto post = SendSync(*client, Request::Post("/refunds", "{}", "application/json"));
  EXPECT_EQ(post.status().code(), absl::StatusCode::kUnavailable) << post.status();
  EXPECT_EQ(server.requests(), 1);
  auto get = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(get.status().code(), absl::StatusCode::kUnavailable) << get.status();
  EXPECT_EQ(server.requests(), 1 + 3);  // max_attempts = 3
}

TEST_F(HttpClientTest, CancellationClosesTheRequest) {
  TestServer server([](const ServerRequest&, int) {
    Reply reply = Respond(200, "late");
    reply.delay = 10s;
    return reply;
  });
  auto client = MakeClient(Url(server));
  auto context = CallContext::WithTimeout(20s);
  auto future = SendAsync(*client, Request::Get("/"), context);
  while (server.requests() == 0) std::this_thread::sleep_for(5ms);
  context->Cancel();
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(HttpClientTest, AlreadyCancelledContextFailsFast) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "ok"); });
  auto client = MakeClient(Url(server));
  auto context = CallContext::WithTimeout(20s);
  context->Cancel();
  auto future = SendAsync(*client, Request::Get("/"), context);
  ASSERT_EQ(future.wait_for(5s), std::future_status::ready);
  EXPECT_EQ(future.get().status().code(), absl::StatusCode::kCancelled);
}

TEST_F(HttpClientTest, ConnectionRefusedIsUnavailable) {
  std::uint16_t port;
  {
    asio::io_context io;
    asio::ip::tcp::acceptor acceptor(io, {asio::ip::make_address("127.0.0.1"), 0});
    port = acceptor.local_endpoint().port();
  }
  auto client = MakeClient("http://127.0.0.1:" + std::to_string(port));
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable) << response.status();
}

TEST_F(HttpClientTest, TooManyRequestsWithRetryAfterIsHonouredEvenForPost) {
  TestServer server([](const ServerRequest&, int index) {
    return index == 0 ? Respond(429, "slow down", "Retry-After: 1\r\n") : Respond(200, "done");
  });
  auto client = MakeClient(Url(server));
  const auto start = std::chrono::steady_clock::now();
  auto response = SendSync(*client, Request::Post("/refunds", "{}", "application/json"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(server.requests(), 2);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 900ms);
}

TEST_F(HttpClientTest, RetryAfterBeyondTheDeadlineReturnsThe429) {
  TestServer server(
      [](const ServerRequest&, int) { return Respond(429, "later", "Retry-After: 60\r\n"); });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Get("/"), 2s);
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(server.requests(), 1);
}

TEST_F(HttpClientTest, ServiceUnavailableRetriedForGetButNotPost) {
  TestServer server([](const ServerRequest& request, int) {
    static std::atomic<int> gets{0};
    if (request.method() == boost::beast::http::verb::get && ++gets >= 3) {
      return Respond(200, "finally");
    }
    return Respond(503, "busy");
  });
  auto client = MakeClient(Url(server));
  auto get = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(get.ok()) << get.status();
  EXPECT_EQ(get->status, 200);
  EXPECT_EQ(server.requests(), 3);

  auto post = SendSync(*client, Request::Post("/", "{}", "application/json"));
  ASSERT_TRUE(post.ok()) << post.status();
  EXPECT_EQ(post->status, 503);
  EXPECT_EQ(server.requests(), 4);
}

TEST_F(HttpClientTest, RetryBudgetStopsHammeringAFailingBackend) {
  TestServer server([](const ServerRequest&, int) { return Respond(503, "down"); });
  HttpClientOptions options;
  options.retry.max_attempts = 5;
  options.retry.budget_ratio = 0.2;
  options.retry.budget_min_retries = 0;
  options.retry.budget_window = 60s;
  auto client = MakeClient(Url(server), options);
  for (int i = 0; i < 10; ++i) {
    auto response = SendSync(*client, Request::Get("/"));
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->status, 503);
  }
  // Without the budget: 50 requests. With it: 10 + at most 20% of 10.
  EXPECT_GE(server.requests(), 10);
  EXPECT_LE(server.requests(), 12);
}

TEST_F(HttpClientTest, TruncatedBodyIsDataLoss) {
  TestServer server([](const ServerRequest&, int) {
    Reply reply{"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b", true};
    return reply;
  });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDataLoss) << response.status();
  EXPECT_EQ(server.requests(), 1);  // not retried
}

TEST_F(HttpClientTest, ShortContentLengthDoesNotPoisonTheNextResponse) {
  TestServer server([](const ServerRequest&, int index) {
    if (index == 0) return Reply{"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcGARBAGE"};
    return Respond(200, "clean");
  });
  auto client = MakeClient(Url(server));
  auto first = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_EQ(first->body, "abc");
  auto second = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(second->body, "clean");
  EXPECT_EQ(server.accepted(), 2);
}

TEST_F(HttpClientTest, MalformedStatusLineIsDataLoss) {
  TestServer server([](const ServerRequest&, int) {
    return Reply{"HTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok", true};
  });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kDataLoss) << response.status();
  EXPECT_NE(response.status().message().find("malformed"), std::string::npos);
}

TEST_F(HttpClientTest, OversizedBodyAndHeadersAreRefused) {
  TestServer server([](const ServerRequest& request, int) {
    if (request.target() == "/big-body") return Respond(200, std::string(4096, 'x'));
    if (request.target() == "/big-chunk") {
      return Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" +
                   std::string(4096, 'c') + "\r\n0\r\n\r\n"};
    }
    if (request.target() == "/many-chunks") {
      std::string chunks;
      for (int i = 0; i < 8; ++i) chunks += "200\r\n" + std::string(512, 'm') + "\r\n";
      return Reply{"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + "0\r\n\r\n"};
    }
    if (request.target() == "/until-eof") {
      return Reply{"HTTP/1.1 200 OK\r\n\r\n" + std::string(4096, 'e'), true};
    }
    return Respond(200, "ok", "X-Junk: " + std::string(8192, 'j') + "\r\n");
  });
  HttpClientOptions options;
  options.limits.max_body_bytes = 1024;
  options.limits.max_header_bytes = 4096;
  auto client = MakeClient(Url(server), options);
  auto body = SendSync(*client, Request::Get("/big-body"));
  EXPECT_EQ(body.status().code(), absl::StatusCode::kResourceExhausted)
      << body.status() << (body.ok() ? body->body.size() : 0);
  EXPECT_NE(body.status().message().find("1024"), std::string::npos);
  for (const char* target : {"/big-chunk", "/many-chunks", "/until-eof"}) {
    auto chunked = SendSync(*client, Request::Get(target));
    EXPECT_EQ(chunked.status().code(), absl::StatusCode::kResourceExhausted)
        << target << ": " << chunked.status();
  }
  auto headers = SendSync(*client, Request::Get("/big-headers"));
  EXPECT_EQ(headers.status().code(), absl::StatusCode::kResourceExhausted) << headers.status();
}

TEST_F(HttpClientTest, GzipBodyIsDecoded) {
  const std::string text = std::string(5000, 'a') + "end";
  TestServer server([&](const ServerRequest&, int) {
    return Respond(200, Gzip(text), "Content-Encoding: gzip\r\n");
  });
  auto client = MakeClient(Url(server));
  auto response = SendSync(*client, Request::Get("/"));
  ASSERT_TRUE(response.ok()) << response.status();
  EXPECT_EQ(response->body, text);
  EXPECT_FALSE(response->Header("Content-Encoding").has_value());
}

TEST_F(HttpClientTest, GzipBombIsRefused) {
  const std::string bomb = Gzip(std::string(16 << 20, '\0'));
  TestServer server(
      [&](const ServerRequest&, int) { return Respond(200, bomb, "Content-Encoding: gzip\r\n"); });
  HttpClientOptions options;
  options.limits.max_body_bytes = 1 << 20;
  auto client = MakeClient(Url(server), options);
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kResourceExhausted) << response.status();
}

TEST_F(HttpClientTest, HeaderInjectionIsRefused) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "ok"); });
  auto client = MakeClient(Url(server));
  Request request = Request::Get("/");
  request.headers.emplace_back("X-Evil", "a\r\nInjected: yes");
  auto response = SendSync(*client, request);
  EXPECT_EQ(response.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(server.requests(), 0);
}

class HttpClientTlsTest : public HttpClientTest {
 protected:
  HttpClientTlsTest() {
    std::tie(cert_, key_) = SelfSignedCertificate("api.shop.test");
    server_tls_ = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    server_tls_->use_certificate(asio::buffer(cert_), asio::ssl::context::pem);
    server_tls_->use_private_key(asio::buffer(key_), asio::ssl::context::pem);
    ca_file_ = ::testing::TempDir() + "http_client_test_ca_" + std::to_string(::getpid()) + ".pem";
    std::ofstream(ca_file_) << cert_;
  }
  ~HttpClientTlsTest() override { std::remove(ca_file_.c_str()); }

  std::string TlsUrl(const TestServer& server) {
    return "https://127.0.0.1:" + std::to_string(server.port());
  }

  std::string cert_, key_, ca_file_;
  std::shared_ptr<asio::ssl::context> server_tls_;
};

TEST_F(HttpClientTlsTest, TrustedCaAndMatchingNameSucceed) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "secret"); }, server_tls_);
  HttpClientOptions options;
  options.tls.ca_file = ca_file_;
  options.tls.server_name = "api.shop.test";
  auto client = MakeClient(TlsUrl(server), options);
  for (int i = 0; i < 3; ++i) {
    auto response = SendSync(*client, Request::Get("/"));
    ASSERT_TRUE(response.ok()) << response.status();
    EXPECT_EQ(response->body, "secret");
  }
  EXPECT_EQ(server.accepted(), 1);
}

TEST_F(HttpClientTlsTest, UntrustedCertificateFailsClearly) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "secret"); }, server_tls_);
  HttpClientOptions options;
  options.tls.server_name = "api.shop.test";
  auto client = MakeClient(TlsUrl(server), options);
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable) << response.status();
  EXPECT_NE(response.status().message().find("certificate verification failed"), std::string::npos)
      << response.status();
  EXPECT_EQ(server.requests(), 0);
  EXPECT_EQ(server.accepted(), 1);  // not retried: another attempt cannot succeed
}

TEST_F(HttpClientTlsTest, WrongHostNameFailsClearly) {
  TestServer server([](const ServerRequest&, int) { return Respond(200, "secret"); }, server_tls_);
  HttpClientOptions options;
  options.tls.ca_file = ca_file_;
  options.tls.server_name = "evil.test";
  auto client = MakeClient(TlsUrl(server), options);
  auto response = SendSync(*client, Request::Get("/"));
  EXPECT_EQ(response.status().code(), absl::StatusCode::kUnavailable) << response.status();
  EXPECT_NE(response.status().message().find("certificate verification failed"), std::string::npos)
      << response.status();
}

TEST_F(HttpClientTlsTest, MissingCaFileIsAConfigurationError) {
  HttpClientOptions options;
  options.base_url = "https://127.0.0.1:1";
  options.tls.ca_file = "/nonexistent/ca.pem";
  auto client = HttpClient::Create(io_.get_executor(), options);
  EXPECT_EQ(client.status().code(), absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace omnihub::http
