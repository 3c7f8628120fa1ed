// Connection: one keep-alive HTTP/1.1 connection (TCP or TLS) to a backend.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/http/options.h"
#include "adapters/http/url.h"

namespace omnihub::http {

using Strand = boost::asio::strand<boost::asio::any_io_executor>;
using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// One connection: resolve + connect (+ TLS handshake with SNI and host-name verification), then
// any number of sequential request/response exchanges while the server keeps it alive.
//
// It knows nothing of deadlines or retries: the owner bounds each operation by calling Close(),
// which makes the pending operation complete with an error. Received headers and bodies are
// limited by `limits`. Not thread-safe: every call and every completion runs on `strand`.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  // `tls` is null for http://; it must outlive the connection.
  Connection(Strand strand, const BaseUrl& url, boost::asio::ssl::context* tls,
             const TlsOptions& tls_options, const LimitOptions& limits);

  // Resolves, connects and (for https) handshakes, each bounded by `connect_timeout` in total.
  // UNAVAILABLE on any failure, with the reason (certificate verification named as such).
  void AsyncConnect(std::chrono::steady_clock::duration connect_timeout,
                    std::function<void(absl::Status)> done);

  // Sends `request` and reads its response. `nothing_received` tells whether a failure happened
  // before any byte of the response arrived (the request may be safe to send again elsewhere).
  // After success, reusable() says whether the connection may carry another exchange.
  using ExchangeHandler = std::function<void(absl::StatusOr<BeastResponse>, bool nothing_received)>;
  void AsyncExchange(std::shared_ptr<const BeastRequest> request, bool head_request,
                     ExchangeHandler done);

  // Closes the socket; a pending operation completes with operation_aborted. Idempotent.
  void Close();

  // For a pooled idle connection: false when the server has closed it (or sent stray bytes).
  bool LooksAlive();

  // True after AsyncConnect failed because the certificate was not trusted (retrying is futile).
  bool verification_failed() const { return verification_failed_; }
  bool connected() const { return connected_; }
  bool reusable() const { return connected_ && reusable_; }
  int exchanges() const { return exchanges_; }
  std::chrono::steady_clock::time_point idle_since() const { return idle_since_; }

 private:
  boost::beast::tcp_stream& Lowest();
  void Handshake(std::function<void(absl::Status)> done);
  void ReadResponse(bool head_request, ExchangeHandler done);
  // Closes the connection and reports a failed read of the response.
  void Fail(const boost::beast::error_code& ec, const ExchangeHandler& done);

  Strand strand_;
  const BaseUrl& url_;
  const TlsOptions& tls_options_;
  const LimitOptions& limits_;
  std::string server_name_;
  boost::asio::ip::tcp::resolver resolver_;
  std::optional<boost::beast::tcp_stream> plain_;
  std::optional<boost::beast::ssl_stream<boost::beast::tcp_stream>> tls_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::response_parser<boost::beast::http::string_body>> parser_;
  bool connected_ = false;
  bool verification_failed_ = false;
  bool reusable_ = false;
  int exchanges_ = 0;
  std::chrono::steady_clock::time_point idle_since_;
};

}  // namespace omnihub::http
