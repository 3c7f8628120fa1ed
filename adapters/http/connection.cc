#include "adapters/http/connection.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <sys/socket.h>

#include <boost/asio/ip/address.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl.hpp>

#include "adapters/http/errors.h"

namespace omnihub::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

Connection::Connection(Strand strand, const BaseUrl& url, asio::ssl::context* tls,
                       const TlsOptions& tls_options, const LimitOptions& limits)
    : strand_(strand),
      url_(url),
      tls_options_(tls_options),
      limits_(limits),
      server_name_(tls_options.server_name.empty() ? url.host : tls_options.server_name),
      resolver_(strand) {
  if (tls != nullptr) {
    tls_.emplace(strand, *tls);
  } else {
    plain_.emplace(strand);
  }
}

beast::tcp_stream& Connection::Lowest() { return tls_ ? beast::get_lowest_layer(*tls_) : *plain_; }

void Connection::AsyncConnect(std::chrono::steady_clock::duration connect_timeout,
                              std::function<void(absl::Status)> done) {
  auto self = shared_from_this();
  const auto expiry = std::chrono::steady_clock::now() + connect_timeout;
  resolver_.async_resolve(
      url_.host, url_.port,
      [this, self, expiry, done = std::move(done)](
          const beast::error_code& ec, asio::ip::tcp::resolver::results_type results) mutable {
        if (ec) {
          return done(absl::UnavailableError("cannot resolve " + url_.host + ": " + ec.message()));
        }
        Lowest().expires_at(expiry);
        Lowest().async_connect(results, [this, self, done = std::move(done)](
                                            const beast::error_code& connect_ec,
                                            const asio::ip::tcp::endpoint&) mutable {
          if (connect_ec) {
            const std::string why = connect_ec == beast::error::timeout ? std::string("timed out")
                                                                        : connect_ec.message();
            return done(
                absl::UnavailableError("connect to " + url_.host_header + " failed: " + why));
          }
          if (!tls_) {
            Lowest().expires_never();
            connected_ = true;
            return done(absl::OkStatus());
          }
          Handshake(std::move(done));
        });
      });
}

void Connection::Handshake(std::function<void(absl::Status)> done) {
  SSL* ssl = tls_->native_handle();
  boost::system::error_code not_ip;
  asio::ip::make_address(server_name_, not_ip);
  if (not_ip) SSL_set_tlsext_host_name(ssl, server_name_.c_str());
  if (tls_options_.verify_peer) {
    X509_VERIFY_PARAM* param = SSL_get0_param(ssl);
    if (not_ip) {
      X509_VERIFY_PARAM_set1_host(param, server_name_.c_str(), 0);
    } else {
      X509_VERIFY_PARAM_set1_ip_asc(param, server_name_.c_str());
    }
    SSL_set_verify(ssl, SSL_VERIFY_PEER, nullptr);
  } else {
    SSL_set_verify(ssl, SSL_VERIFY_NONE, nullptr);
  }
  auto self = shared_from_this();
  tls_->async_handshake(asio::ssl::stream_base::client, [this, self, done = std::move(done)](
                                                            const beast::error_code& ec) {
    if (ec) {
      const long verify = SSL_get_verify_result(tls_->native_handle());
      if (tls_options_.verify_peer && verify != X509_V_OK) {
        verification_failed_ = true;
        return done(absl::UnavailableError(
            "TLS certificate verification failed for " + server_name_ + ": " +
            X509_verify_cert_error_string(verify) +
            " (trust its CA with TlsOptions::ca_file, or check the host name)"));
      }
      const std::string why = ec == beast::error::timeout ? "timed out" : ec.message();
      return done(
          absl::UnavailableError("TLS handshake with " + url_.host_header + " failed: " + why));
    }
    Lowest().expires_never();
    connected_ = true;
    done(absl::OkStatus());
  });
}

void Connection::AsyncExchange(std::shared_ptr<const BeastRequest> request, bool head_request,
                               ExchangeHandler done) {
  reusable_ = false;  // until a complete response says otherwise
  auto self = shared_from_this();
  auto written = [this, self, request, head_request, done = std::move(done)](
                     const beast::error_code& ec, std::size_t) mutable {
    if (ec) {
      return done(absl::UnavailableError("sending the request to " + url_.host_header +
                                         " failed: " + ec.message()),
                  true);
    }
    ReadResponse(head_request, std::move(done));
  };
  if (tls_) {
    bhttp::async_write(*tls_, *request, std::move(written));
  } else {
    bhttp::async_write(*plain_, *request, std::move(written));
  }
}

void Connection::ReadResponse(bool head_request, ExchangeHandler done) {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(limits_.max_header_bytes));
  parser_->body_limit(limits_.max_body_bytes);
  if (head_request) parser_->skip(true);
  auto self = shared_from_this();
  // The header is read on its own because Boost 1.74's parser loses the body_limit error for a
  // too large Content-Length in eager mode (async_read): the length is checked here instead.
  auto header_read = [this, self, done = std::move(done)](const beast::error_code& ec,
                                                          std::size_t) mutable {
    if (ec) return Fail(ec, done);
    const auto length = parser_->content_length();
    if (length && *length > limits_.max_body_bytes) return Fail(bhttp::error::body_limit, done);
    auto body_read = [this, self, done = std::move(done)](const beast::error_code& body_ec,
                                                          std::size_t) {
      if (body_ec) return Fail(body_ec, done);
      BeastResponse message = parser_->release();
      ++exchanges_;
      // Stray bytes after the message (a body longer than its Content-Length) would corrupt the
      // next response: such a connection is not reused.
      reusable_ = message.keep_alive() && !message.need_eof() && buffer_.size() == 0;
      idle_since_ = std::chrono::steady_clock::now();
      done(std::move(message), false);
    };
    if (tls_) {
      bhttp::async_read(*tls_, buffer_, *parser_, std::move(body_read));
    } else {
      bhttp::async_read(*plain_, buffer_, *parser_, std::move(body_read));
    }
  };
  if (tls_) {
    bhttp::async_read_header(*tls_, buffer_, *parser_, std::move(header_read));
  } else {
    bhttp::async_read_header(*plain_, buffer_, *parser_, std::move(header_read));
  }
}

void Connection::Fail(const beast::error_code& ec, const ExchangeHandler& done) {
  const bool nothing = !parser_->got_some();
  Close();
  done(ReadStatus(ec, nothing, limits_.max_header_bytes, limits_.max_body_bytes, url_.host_header),
       nothing);
}

void Connection::Close() {
  connected_ = false;
  reusable_ = false;
  resolver_.cancel();
  beast::error_code ignored;
  Lowest().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
  Lowest().socket().close(ignored);
}

bool Connection::LooksAlive() {
  auto& socket = Lowest().socket();
  if (!connected_ || !socket.is_open() || buffer_.size() != 0) return false;
  char byte;
  const ssize_t n = ::recv(socket.native_handle(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return false;            // the server closed it
  if (n > 0) return tls_.has_value();  // TLS may send records (tickets); plain HTTP must not
  return errno == EAGAIN || errno == EWOULDBLOCK;
}

}  // namespace omnihub::http
