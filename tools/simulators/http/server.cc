#include "tools/simulators/http/server.h"

#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <mutex>
#include <set>
#include <sstream>

namespace omnihub::sim_http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;

struct Server::Shared {
  Handler handler;
  Dialect dialect;
  ServerOptions options;
  std::mutex mutex;
  std::set<std::weak_ptr<Session>, std::owner_less<std::weak_ptr<Session>>> sessions;
  bool stopped = false;
};

class Server::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Shared> shared)
      : stream_(std::move(socket)), timer_(stream_.get_executor()), shared_(std::move(shared)) {}

  void Start() { Read(); }

  void Close() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      boost::system::error_code ignored;
      self->timer_.cancel();
      self->stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
      self->stream_.close();
    });
  }

 private:
  void Read() {
    parser_.emplace();
    parser_->body_limit(shared_->options.max_body_bytes);
    parser_->header_limit(16 * 1024);
    stream_.expires_after(std::chrono::seconds(shared_->options.idle_timeout_s));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, size_t) { self->OnRead(ec); });
  }

  void OnRead(beast::error_code ec) {
    if (ec == http::error::body_limit) {
      truncate_ = false;
      Respond(TooLarge(), false);
      return;
    }
    if (ec == http::error::end_of_stream || ec) {
      Shutdown();
      return;
    }
    auto& message = parser_->get();
    Request request;
    request.method = std::string(message.method_string());
    request.target = std::string(message.target());
    for (const auto& field : message) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(message.body());
    const bool keep_alive = message.keep_alive();
    const unsigned version = message.version();
    sim_http::Response answer = shared_->handler(request);
    Response response{static_cast<http::status>(answer.status), version};
    for (auto& [name, value] : answer.headers) response.set(name, value);
    response.set(http::field::server, shared_->dialect.server);
    response.body() = std::move(answer.body);
    response.keep_alive(keep_alive);
    response.prepare_payload();
    truncate_ = answer.truncate;
    const int slow_ms = shared_->options.slow_ms;
    if (slow_ms <= 0) {
      Respond(std::move(response), keep_alive);
      return;
    }
    pending_ = std::move(response);
    timer_.expires_after(std::chrono::milliseconds(slow_ms));
    timer_.async_wait([self = shared_from_this(), keep_alive](beast::error_code wait_ec) {
      if (wait_ec) return;
      self->Respond(std::move(self->pending_), keep_alive);
    });
  }

  using Response = http::response<http::string_body>;

  Response TooLarge() const {
    Response response{http::status::payload_too_large, 11};
    response.set(http::field::server, shared_->dialect.server);
    response.set(http::field::content_type, shared_->dialect.content_type);
    response.body() = shared_->dialect.too_large_body;
    response.keep_alive(false);
    response.prepare_payload();
    return response;
  }

  void Respond(Response response, bool keep_alive) {
    if (truncate_) {
      WriteTruncated(std::move(response));
      return;
    }
    auto owned = std::make_shared<Response>(std::move(response));
    stream_.expires_after(std::chrono::seconds(shared_->options.idle_timeout_s));
    http::async_write(stream_, *owned,
                      [self = shared_from_this(), owned, keep_alive](beast::error_code ec, size_t) {
                        if (ec || !keep_alive) {
                          self->Shutdown();
                          return;
                        }
                        self->Read();
                      });
  }

  // The head with the full Content-Length, then half the body, then the connection closes.
  void WriteTruncated(Response response) {
    std::ostringstream text;
    text << response;
    const std::string full = text.str();
    const size_t head = full.size() - response.body().size();
    auto owned = std::make_shared<std::string>(full.substr(0, head + response.body().size() / 2));
    asio::async_write(
        stream_.socket(), asio::buffer(*owned),
        [self = shared_from_this(), owned](beast::error_code, size_t) { self->Shutdown(); });
  }

  void Shutdown() {
    boost::system::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  asio::steady_timer timer_;
  std::shared_ptr<Shared> shared_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  Response pending_;
  bool truncate_ = false;  // the answer being sent is cut short
};

Server::Server(asio::io_context& io, Handler handler, Dialect dialect, ServerOptions options)
    : acceptor_(io), shared_(std::make_shared<Shared>()) {
  shared_->handler = std::move(handler);
  shared_->dialect = std::move(dialect);
  shared_->options = std::move(options);
  const tcp::endpoint endpoint(asio::ip::make_address(shared_->options.host),
                               shared_->options.port);
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen();
}

Server::~Server() = default;

tcp::endpoint Server::endpoint() const { return acceptor_.local_endpoint(); }

void Server::Start() { Accept(); }

void Server::Stop() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  std::lock_guard lock(shared_->mutex);
  shared_->stopped = true;
  for (const auto& weak : shared_->sessions) {
    if (auto session = weak.lock()) session->Close();
  }
  shared_->sessions.clear();
}

void Server::Accept() {
  acceptor_.async_accept(asio::make_strand(acceptor_.get_executor()),
                         [this, shared = shared_](beast::error_code ec, tcp::socket socket) {
                           if (ec == asio::error::operation_aborted) return;  // closed
                           if (ec) {  // e.g. out of descriptors: keep accepting
                             Accept();
                             return;
                           }
                           auto session = std::make_shared<Session>(std::move(socket), shared);
                           {
                             std::lock_guard lock(shared->mutex);
                             if (shared->stopped) return;
                             // Forget sessions that ended, so the set stays small.
                             std::erase_if(shared->sessions,
                                           [](const auto& weak) { return weak.expired(); });
                             shared->sessions.insert(session);
                           }
                           session->Start();
                           Accept();
                         });
}

}  // namespace omnihub::sim_http
