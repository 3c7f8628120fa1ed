// A simulator's HTTP side: a Boost.Beast acceptor and one asynchronous keep-alive session per
// connection, all on the caller's io_context (no thread per connection). Each request goes to the
// simulator's handler; an answer marked `truncate` is sent with its full Content-Length but half
// its body, then the connection is closed.
//
// `slow_ms` delays every response by a timer (the session waits, the io thread does not). Bodies
// over `max_body_bytes` are refused with 413 (`Dialect::too_large_body`); a session idle for
// `idle_timeout_s` is closed.
//
// Thread-safety: construct, Start and Stop on one thread; the io_context may run on several
// threads (each session is used by one handler at a time), so the handler must be thread-safe.
// Stop() must run on an io thread (e.g. from a signal_set handler, or posted) or after run()
// returned.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "tools/simulators/http/exchange.h"

namespace omnihub::sim_http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;  // 0: ephemeral
  int slow_ms = 0;
  size_t max_body_bytes = 64 * 1024;
  int idle_timeout_s = 60;
};

// What tells one simulator's answers from another's at the HTTP level.
struct Dialect {
  std::string server;          // the Server header
  std::string content_type;    // of the server's own 413 answer
  std::string too_large_body;  // the body of that answer, in the API's error format
};

class Server {
 public:
  using Handler = std::function<Response(const Request&)>;

  // Binds and listens (throws boost::system::system_error when the address is unusable).
  Server(boost::asio::io_context& io, Handler handler, Dialect dialect, ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

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

}  // namespace omnihub::sim_http
