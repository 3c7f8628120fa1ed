// Asynchronous TCP sessions of the mainframe simulator.
#include "tools/simulators/mainframe/server.h"

#include <array>
#include <atomic>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <set>
#include <stdexcept>

#include "tools/simulators/mainframe/host_session.h"

namespace omnihub::mainframe_sim {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Shared {
  Shared(const world::World& world, ServerOptions options, std::mt19937_64 random)
      : world(world), options(std::move(options)), random(random) {}

  const world::World& world;
  ServerOptions options;
  std::mt19937_64 random;
  std::set<std::shared_ptr<Session>> sessions;
  std::atomic<bool> session_in_use{false};
  std::unique_ptr<asio::ssl::context> tls;  // null: plain TCP
};

class Server::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Shared> shared)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        shared_(std::move(shared)),
        host_(shared_->world) {}

  void Start() {
    if (!shared_->tls) return Write(host_.Open());
    tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, *shared_->tls);
    tls_->async_handshake(asio::ssl::stream_base::server,
                          [self = shared_from_this()](boost::system::error_code error) {
                            if (error) return self->Finish();
                            self->Write(self->host_.Open());
                          });
  }

  void Close() {
    boost::system::error_code ignored;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void Read() {
    auto on_read = [self = shared_from_this()](boost::system::error_code error, size_t n) {
      if (error) return self->Finish();
      self->OnRead(n);
    };
    if (tls_) return tls_->async_read_some(asio::buffer(buffer_), std::move(on_read));
    socket_.async_read_some(asio::buffer(buffer_), std::move(on_read));
  }

  void OnRead(size_t n) {
    host_.set_session_in_use(shared_->session_in_use.load(std::memory_order_relaxed));
    const int before = host_.screens_sent();
    std::string out =
        host_.Receive(std::string_view(buffer_.data(), n), std::chrono::system_clock::now());
    const bool answered_input = host_.screens_sent() > before && before > 0;
    if (answered_input && shared_->options.disconnect_rate > 0 &&
        std::uniform_real_distribution<double>(0, 1)(shared_->random) <
            shared_->options.disconnect_rate) {
      return Finish();
    }
    if (out.empty()) return Read();
    if (answered_input && shared_->options.slow_ms > 0) {
      timer_.expires_after(std::chrono::milliseconds(shared_->options.slow_ms));
      timer_.async_wait([self = shared_from_this(),
                         out = std::move(out)](boost::system::error_code error) mutable {
        if (error) return self->Finish();
        self->Write(std::move(out));
      });
      return;
    }
    Write(std::move(out));
  }

  void Write(std::string bytes) {
    pending_ = std::move(bytes);
    auto on_write = [self = shared_from_this()](boost::system::error_code error, size_t) {
      if (error) return self->Finish();
      self->Read();
    };
    if (tls_) return asio::async_write(*tls_, asio::buffer(pending_), std::move(on_write));
    asio::async_write(socket_, asio::buffer(pending_), std::move(on_write));
  }

  void Finish() {
    Close();
    shared_->sessions.erase(shared_from_this());
  }

  tcp::socket socket_;
  std::unique_ptr<asio::ssl::stream<tcp::socket&>> tls_;  // over socket_, when TLS is on
  asio::steady_timer timer_;
  std::shared_ptr<Shared> shared_;
  HostSession host_;
  std::array<char, 4096> buffer_{};
  std::string pending_;
};

Server::Server(asio::io_context& io, const world::World& world, ServerOptions options)
    : acceptor_(io, tcp::endpoint(asio::ip::make_address(options.host), options.port)),
      shared_(std::make_shared<Shared>(world, options, std::mt19937_64(options.seed))) {
  shared_->session_in_use = options.session_in_use;
  const auto& certificate = shared_->options.tls_certificate_file;
  const auto& key = shared_->options.tls_private_key_file;
  if (certificate.empty() != key.empty()) {
    throw std::invalid_argument("TLS needs both a certificate file and a private key file");
  }
  if (!certificate.empty()) {
    shared_->tls = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_server);
    shared_->tls->set_options(asio::ssl::context::default_workarounds |
                              asio::ssl::context::no_sslv2 | asio::ssl::context::no_sslv3 |
                              asio::ssl::context::no_tlsv1 | asio::ssl::context::no_tlsv1_1);
    shared_->tls->use_certificate_chain_file(certificate);
    shared_->tls->use_private_key_file(key, asio::ssl::context::pem);
  }
}

Server::~Server() { Stop(); }

tcp::endpoint Server::endpoint() const { return acceptor_.local_endpoint(); }

void Server::Start() { Accept(); }

void Server::Stop() {
  boost::system::error_code ignored;
  acceptor_.close(ignored);
  auto sessions = std::move(shared_->sessions);
  shared_->sessions.clear();
  for (const auto& session : sessions) session->Close();
}

void Server::SetSessionInUse(bool in_use) { shared_->session_in_use = in_use; }

void Server::Accept() {
  acceptor_.async_accept([this](boost::system::error_code error, tcp::socket socket) {
    if (error) return;  // closed by Stop()
    auto session = std::make_shared<Session>(std::move(socket), shared_);
    shared_->sessions.insert(session);
    session->Start();
    Accept();
  });
}

}  // namespace omnihub::mainframe_sim
