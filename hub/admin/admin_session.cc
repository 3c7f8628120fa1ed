#include "hub/admin/admin_session.h"

#include <algorithm>
#include <boost/asio/buffer.hpp>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>

namespace omnihub::hub {
namespace beast = boost::beast;
namespace http = boost::beast::http;
using boost::asio::ip::tcp;
namespace {

constexpr std::chrono::milliseconds kDrainTime{2000};

}  // namespace

AdminSession::AdminSession(tcp::socket socket, std::shared_ptr<const AdminRoutes> routes,
                           const AdminServer::Options& options, std::function<void()> on_close)
    : stream_(std::move(socket)),
      buffer_(options.max_header_bytes + 1024),
      routes_(std::move(routes)),
      options_(options),
      on_close_(std::move(on_close)) {}

AdminSession::~AdminSession() {
  if (on_close_) on_close_();
}

void AdminSession::Start() {
  boost::asio::dispatch(stream_.get_executor(),
                        beast::bind_front_handler(&AdminSession::Read, shared_from_this()));
}

void AdminSession::Close() {
  boost::asio::post(stream_.get_executor(), [self = shared_from_this()] {
    beast::error_code ignored;
    self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    self->stream_.close();
  });
}

void AdminSession::Read() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(options_.max_header_bytes));
  parser_->body_limit(0);  // the admin API takes no request bodies
  stream_.expires_after(options_.io_timeout);
  http::async_read(stream_, buffer_, *parser_,
                   beast::bind_front_handler(&AdminSession::OnRead, shared_from_this()));
}

void AdminSession::OnRead(beast::error_code error, size_t /*bytes*/) {
  if (error == http::error::end_of_stream) return Shutdown();
  if (error == http::error::body_limit || error == http::error::unexpected_body) {
    return Send(AdminErrorResponse(413, "request bodies are not accepted"));
  }
  if (error == http::error::header_limit || error == http::error::buffer_overflow) {
    return Send(AdminErrorResponse(431, "request headers too large"));
  }
  if (error && error.category() == http::make_error_code(http::error::bad_target).category()) {
    return Send(AdminErrorResponse(400, "bad request"));
  }
  if (error) return stream_.close();  // timeout, reset, or closed by Stop()
  Send(RouteAdminRequest(*routes_, parser_->get()));
}

void AdminSession::Send(AdminResponse response) {
  response_.emplace(std::move(response));
  const bool close = response_->need_eof();
  stream_.expires_after(options_.io_timeout);
  http::async_write(stream_, *response_,
                    beast::bind_front_handler(&AdminSession::OnWrite, shared_from_this(), close));
}

void AdminSession::OnWrite(bool close, beast::error_code error, size_t /*bytes*/) {
  response_.reset();
  if (error) return stream_.close();
  if (close) return Shutdown();
  Read();
}

void AdminSession::Shutdown() {
  beast::error_code ignored;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  stream_.expires_after(std::min<std::chrono::milliseconds>(options_.io_timeout, kDrainTime));
  Drain();
}

void AdminSession::Drain() {
  stream_.async_read_some(boost::asio::buffer(discard_),
                          [self = shared_from_this()](beast::error_code error, size_t) {
                            if (error) return self->stream_.close();
                            self->Drain();
                          });
}

}  // namespace omnihub::hub
