// Asynchronous TCP sessions of the mainframe simulator.
#include "tools/simulators/mainframe/server.h"

#include <array>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <set>

#include "tools/simulators/mainframe/host_session.h"

namespace omnihub::mainframe_sim {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct Server::Shared {
  const world::World& world;
  ServerOptions options;
  std::mt19937_64 random;
  std::set<std::shared_ptr<Session>> sessions;
};

class Server::Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<Shared> shared)
      : socket_(std::move(socket)),
        timer_(socket_.get_executor()),
        shared_(std::move(shared)),
        host_(shared_->world) {}

  void Start() { Write(host_.Open()); }

  void Close() {
    boost::system::error_code ignored;
    timer_.cancel();
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }

 private:
  void Read() {
    socket_.async_read_some(asio::buffer(buffer_),
                            [self = shared_from_this()](boost::system::error_code error, size_t n) {
                              if (error) return self->Finish();
                              self->OnRead(n);
                            });
  }

  void OnRead(size_t n) {
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
    asio::async_write(socket_, asio::buffer(pending_),
                      [self = shared_from_this()](boost::system::error_code error, size_t) {
                        if (error) return self->Finish();
                        self->Read();
                      });
  }

  void Finish() {
    Close();
    shared_->sessions.erase(shared_from_this());
  }

  tcp::socket socket_;
  asio::steady_timer timer_;
  std::shared_ptr<Shared> shared_;
  HostSession host_;
  std::array<char, 4096> buffer_{};
  std::string pending_;
};

Server::Server(asio::io_context& io, const world::World& world, ServerOptions options)
    : acceptor_(io, tcp::endpoint(asio::ip::make_address(options.host), options.port)),
      shared_(std::make_shared<Shared>(Shared{world, options, std::mt19937_64(options.seed), {}})) {
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
