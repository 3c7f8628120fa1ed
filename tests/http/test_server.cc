#include "tests/http/test_server.h"

#include <sys/socket.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>

namespace omnihub::http::testing {

namespace asio = boost::asio;
using asio::ip::tcp;

Reply Respond(int status, const std::string& body, const std::string& extra_headers) {
  Reply reply;
  reply.raw = "HTTP/1.1 " + std::to_string(status) +
              " X\r\nContent-Length: " + std::to_string(body.size()) + "\r\n" + extra_headers +
              "\r\n" + body;
  return reply;
}

TestServer::TestServer(Handler handler, std::shared_ptr<asio::ssl::context> tls)
    : handler_(std::move(handler)),
      tls_(std::move(tls)),
      acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
  port_ = acceptor_.local_endpoint().port();
  accept_thread_ = std::thread([this] { AcceptLoop(); });
}

TestServer::~TestServer() {
  stopping_ = true;
  {
    // Wake the blocking accept with a connection of our own.
    boost::system::error_code ignored;
    tcp::socket wake(io_);
    wake.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_), ignored);
    accept_thread_.join();
  }
  {
    std::lock_guard lock(mutex_);
    for (int fd : sockets_) ::shutdown(fd, SHUT_RDWR);
  }
  stop_cv_.notify_all();
  for (auto& thread : threads_) thread.join();
}

void TestServer::AcceptLoop() {
  while (true) {
    auto socket = std::make_shared<tcp::socket>(io_);
    boost::system::error_code ec;
    acceptor_.accept(*socket, ec);
    if (ec || stopping_) return;
    ++accepted_;
    std::lock_guard lock(mutex_);
    sockets_.push_back(socket->native_handle());
    threads_.emplace_back([this, socket] {
      if (tls_) {
        asio::ssl::stream<tcp::socket&> stream(*socket, *tls_);
        boost::system::error_code handshake_ec;
        stream.handshake(asio::ssl::stream_base::server, handshake_ec);
        if (!handshake_ec) Serve(stream);
      } else {
        Serve(*socket);
      }
      std::lock_guard done_lock(mutex_);
      std::erase(sockets_, socket->native_handle());
      boost::system::error_code ignored;
      socket->close(ignored);
    });
  }
}

void TestServer::Wait(std::chrono::milliseconds delay) {
  std::unique_lock lock(mutex_);
  stop_cv_.wait_for(lock, delay, [this] { return stopping_.load(); });
}

template <typename Stream>
void TestServer::Serve(Stream& stream) {
  boost::beast::flat_buffer buffer;
  while (!stopping_) {
    ServerRequest request;
    boost::system::error_code ec;
    boost::beast::http::read(stream, buffer, request, ec);
    if (ec) return;
    const Reply reply = handler_(request, requests_++);
    if (reply.delay.count() > 0) Wait(reply.delay);
    if (stopping_) return;
    asio::write(stream, asio::buffer(reply.raw), ec);
    if (ec || reply.close) return;
  }
}

}  // namespace omnihub::http::testing
