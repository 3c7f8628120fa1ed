// AdminServer: hubd's small HTTP/1.1 server for operators and probes (/healthz, /readyz, /status),
// on Boost.Beast over the hub's own io_context. GET and HEAD only; no request bodies.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>

#include "absl/status/status.h"
#include "hub/config/listen_address.h"

namespace omnihub::hub {

class AdminListener;

// Serves the routes its owner registers. Hardened for an admin port: request headers are capped,
// bodies refused (413), slow clients timed out, concurrent connections capped (beyond the cap a
// connection is accepted and closed at once), malformed requests answered 400 and closed; other
// methods than GET and HEAD get 405 with an Allow header, unknown paths 404. Keep-alive is
// supported. The query string is ignored when routing.
//
// Thread-safety: register every route with Handle() before Start(); then Start(), port() and
// Stop() may be called from any thread. Handlers run on the io_context's threads, possibly
// concurrently with each other, and must not block for long. A handler that throws yields 500.
class AdminServer {
 public:
  struct Response {
    int status = 200;
    std::string content_type = "text/plain; charset=utf-8";
    std::string body;
  };
  using Handler = std::function<Response()>;

  struct Options {
    // Request line plus headers; larger requests get 431 and are closed.
    size_t max_header_bytes = 8 * 1024;
    // Time a client has to send a whole request (and to take the response); then it is closed.
    std::chrono::milliseconds io_timeout{10'000};
    // Connections served at once; more are accepted and closed immediately.
    size_t max_connections = 256;
  };

  // `io` must outlive this server. Nothing happens until Start().
  AdminServer(boost::asio::io_context& io, ListenAddress address);
  AdminServer(boost::asio::io_context& io, ListenAddress address, Options options);
  ~AdminServer();  // Stop()s.

  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;

  // Serves `handler` at exactly `path` (e.g. "/healthz"); a later call for the same path replaces
  // the earlier one. Has no effect once Start() has been called.
  void Handle(std::string path, Handler handler);

  // Binds and starts accepting on the io_context. UNAVAILABLE with the address and the system's
  // reason when binding fails ("cannot listen on 127.0.0.1:9464: Address already in use");
  // INVALID_ARGUMENT for a host that is not an IP literal or "localhost"; FAILED_PRECONDITION
  // when already started.
  absl::Status Start();

  // The bound port (the ephemeral one when configured with port 0); 0 before Start().
  uint16_t port() const { return port_; }

  // Closes the listening socket and every connection. Idempotent. From a thread that is not
  // running the io_context, waits (briefly) until the closes have happened on it.
  void Stop();

 private:
  boost::asio::io_context& io_;
  ListenAddress address_;
  Options options_;
  std::map<std::string, Handler> routes_;
  std::shared_ptr<AdminListener> listener_;
  uint16_t port_ = 0;
};

}  // namespace omnihub::hub
