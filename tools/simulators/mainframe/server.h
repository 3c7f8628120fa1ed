// The simulator's TCP side: a Boost.Asio acceptor and one asynchronous session per connection, all
// on the caller's io_context (no thread per session). Each session owns a HostSession.
//
// Quirk modes for tests: `slow_ms` delays every screen; `disconnect_rate` (0..1) drops the
// connection instead of answering an input, with a PRNG seeded by `seed`; `session_in_use`
// refuses every sign-on with "OMN0409E SESSION IN USE" (switched at run time by SetSessionInUse).
//
// Thread-safety: run the io_context on one thread; Stop() must be called on that thread (e.g.
// from a signal_set handler) or after run() returned.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <cstdint>
#include <memory>
#include <random>
#include <string>

#include "tools/simulators/world/world.h"

namespace omnihub::mainframe_sim {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 3270;  // 0: ephemeral
  int slow_ms = 0;
  double disconnect_rate = 0.0;
  uint64_t seed = 1;
  bool session_in_use = false;
  // TLS: when both are set, every connection starts with a TLS handshake (PEM files: the server's
  // certificate chain and its private key).
  std::string tls_certificate_file = {};
  std::string tls_private_key_file = {};
};

class Server {
 public:
  // Binds and listens (throws boost::system::system_error when the address is unusable or the TLS
  // certificate or key cannot be loaded; std::invalid_argument when only one of them is set).
  Server(boost::asio::io_context& io, const world::World& world, ServerOptions options);
  ~Server();

  // The bound endpoint (the real port when options.port was 0).
  boost::asio::ip::tcp::endpoint endpoint() const;
  void Start();
  // Closes the acceptor and every open session.
  void Stop();
  // Switches the "session in use" condition for the sign-ons that follow. Thread-safe.
  void SetSessionInUse(bool in_use);

 private:
  class Session;
  struct Shared;

  void Accept();

  boost::asio::ip::tcp::acceptor acceptor_;
  std::shared_ptr<Shared> shared_;
};

}  // namespace omnihub::mainframe_sim
