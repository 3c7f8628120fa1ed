// The payment simulator's HTTP side: a Boost.Beast acceptor and one asynchronous keep-alive
// session per connection, all on the caller's io_context (no thread per connection). Requests go
// to a PaymentApi; an answer marked `truncate` is sent with its full Content-Length but half its
// body, then the connection is closed.
//
// `slow_ms` delays every response by a timer (the session waits, the io thread does not). Bodies
// over `max_body_bytes` are refused with 413; a session idle for `idle_timeout_s` is closed.
//
// Thread-safety: construct, Start and Stop on one thread; the io_context may run on several
// threads (each session is used by one handler at a time). Stop() must run on an io thread (e.g.
// from a signal_set handler, or posted) or after run() returned.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <string>

#include "tools/simulators/payment/api.h"

namespace omnihub::payment_sim {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8082;  // 0: ephemeral
  int slow_ms = 0;
  size_t max_body_bytes = 64 * 1024;
  int idle_timeout_s = 60;
};

class Server {
 public:
  // Binds and listens (throws boost::system::system_error when the address is unusable).
  Server(boost::asio::io_context& io, std::shared_ptr<PaymentApi> api, ServerOptions options);
  ~Server();

  // The bound endpoint (the real port when options.port was 0).
  boost::asio::ip::tcp::endpoint endpoint() const;
  void Start();
  // Closes the acceptor and every open session.
  void Stop();

 private:
  class Session;
  struct Shared;

  void Accept();

  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace omnihub::payment_sim
