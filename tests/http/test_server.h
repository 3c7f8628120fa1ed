// TestServer: an in-test HTTP server on 127.0.0.1:0 (Beast, blocking, a thread per connection)
// whose replies are raw bytes chosen by the test, so it can misbehave on purpose.
#pragma once

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace omnihub::http::testing {

using ServerRequest = boost::beast::http::request<boost::beast::http::string_body>;

struct Reply {
  std::string raw;                     // bytes written as the response
  bool close = false;                  // close the connection after writing
  std::chrono::milliseconds delay{0};  // wait before writing (cut short when the server stops)
};

// "HTTP/1.1 <status> X\r\nContent-Length: <n>\r\n<extra_headers>\r\n<body>".
// `extra_headers` lines end with "\r\n".
Reply Respond(int status, const std::string& body, const std::string& extra_headers = "");

// Thread-safe counters; the handler runs on the connection's thread.
class TestServer {
 public:
  // index: 0-based number of the request over the server's life.
  using Handler = std::function<Reply(const ServerRequest&, int index)>;

  explicit TestServer(Handler handler, std::shared_ptr<boost::asio::ssl::context> tls = nullptr);
  ~TestServer();

  std::uint16_t port() const { return port_; }
  int accepted() const { return accepted_.load(); }
  int requests() const { return requests_.load(); }

 private:
  void AcceptLoop();
  template <typename Stream>
  void Serve(Stream& stream);
  void Wait(std::chrono::milliseconds delay);

  Handler handler_;
  std::shared_ptr<boost::asio::ssl::context> tls_;
  boost::asio::io_context io_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  std::atomic<int> accepted_{0};
  std::atomic<int> requests_{0};
  std::atomic<bool> stopping_{false};
  std::mutex mutex_;
  std::condition_variable stop_cv_;
  std::vector<int> sockets_;  // native handles, shut down on stop
  std::vector<std::thread> threads_;
  std::thread accept_thread_;
};

}  // namespace omnihub::http::testing
