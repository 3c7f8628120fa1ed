// AdminSession: one admin HTTP connection: reads requests under a deadline, answers through the
// routes, keeps the connection alive while the client asks to. Internal to omnihub_admin.
#pragma once

#include <array>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/parser.hpp>
#include <functional>
#include <memory>
#include <optional>

#include "hub/admin/admin_routing.h"
#include "hub/admin/admin_server.h"

namespace omnihub::hub {

// Owns itself through shared_ptr while an operation is pending; `on_close` runs when the last
// reference goes. Thread-safety: all work runs on the socket's strand; Close() may be called from
// any thread.
class AdminSession : public std::enable_shared_from_this<AdminSession> {
 public:
  AdminSession(boost::asio::ip::tcp::socket socket, std::shared_ptr<const AdminRoutes> routes,
               const AdminServer::Options& options, std::function<void()> on_close);
  ~AdminSession();

  void Start();
  void Close();

 private:
  void Read();
  void OnRead(boost::beast::error_code error, size_t bytes);
  void Send(AdminResponse response);
  void OnWrite(bool close, boost::beast::error_code error, size_t bytes);
  // Ends the connection politely: stops sending, then reads and discards what the client still
  // sends (briefly) so that closing does not reset the connection before it read our answer.
  void Shutdown();
  void Drain();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::empty_body>> parser_;
  std::optional<AdminResponse> response_;
  std::shared_ptr<const AdminRoutes> routes_;
  AdminServer::Options options_;
  std::function<void()> on_close_;
  std::array<char, 1024> discard_{};
};

}  // namespace omnihub::hub
