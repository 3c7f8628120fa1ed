#include "tools/hubctl/admin_http.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace omnihub::hubctl {
namespace {

constexpr size_t kMaxReply = 1 << 20;

class Socket {
 public:
  explicit Socket(int fd) : fd_(fd) {}
  ~Socket() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }

 private:
  int fd_;
};

}  // namespace

AdminReply AdminGet(const std::string& address, const std::string& path,
                    std::chrono::milliseconds timeout) {
  AdminReply reply;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  const size_t colon = address.rfind(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == address.size()) {
    reply.error = "the admin address must be HOST:PORT, got '" + address + "'";
    return reply;
  }
  std::string host = address.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  const std::string port = address.substr(colon + 1);
  addrinfo hints{};
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV | (host == "localhost" ? 0 : AI_NUMERICHOST);
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), port.c_str(), &hints, &found); rc != 0) {
    reply.error = "cannot use the admin address " + address + ": " + gai_strerror(rc);
    return reply;
  }
  Socket socket_fd(::socket(found->ai_family, found->ai_socktype | SOCK_NONBLOCK, 0));
  const int connected =
      socket_fd.fd() < 0 ? -1 : connect(socket_fd.fd(), found->ai_addr, found->ai_addrlen);
  const int connect_errno = errno;
  freeaddrinfo(found);
  if (socket_fd.fd() < 0 || (connected != 0 && connect_errno != EINPROGRESS)) {
    reply.error = "cannot reach the admin port at " + address + ": " + std::strerror(connect_errno);
    return reply;
  }
  auto wait = [&](short events) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd descriptor{socket_fd.fd(), events, 0};
    return poll(&descriptor, 1, static_cast<int>(left.count())) == 1;
  };
  if (!wait(POLLOUT)) {
    reply.error = "no answer from the admin port at " + address + " in time";
    return reply;
  }
  int socket_error = 0;
  socklen_t length = sizeof(socket_error);
  getsockopt(socket_fd.fd(), SOL_SOCKET, SO_ERROR, &socket_error, &length);
  if (socket_error != 0) {
    reply.error = "cannot reach the admin port at " + address + ": " + std::strerror(socket_error);
    return reply;
  }
  const std::string request =
      "GET " + path + " HTTP/1.1\r\nHost: " + address + "\r\nConnection: close\r\n\r\n";
  size_t sent = 0;
  while (sent < request.size()) {
    if (!wait(POLLOUT)) break;
    const ssize_t n =
        send(socket_fd.fd(), request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (sent < request.size()) {
    reply.error = "the admin port at " + address + " closed the connection";
    return reply;
  }
  std::string received;
  char buffer[8192];
  while (received.size() <= kMaxReply) {
    if (!wait(POLLIN)) {
      reply.error = "no complete answer from the admin port at " + address + " in time";
      return reply;
    }
    const ssize_t n = recv(socket_fd.fd(), buffer, sizeof(buffer), 0);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) break;
    received.append(buffer, static_cast<size_t>(n));
  }
  if (received.size() > kMaxReply) {
    reply.error = "the admin port's answer is larger than 1 MiB";
    return reply;
  }
  const size_t head_end = received.find("\r\n\r\n");
  if (!received.starts_with("HTTP/1.") || head_end == std::string::npos || received.size() < 12) {
    reply.error = "the admin port at " + address + " did not answer with HTTP";
    return reply;
  }
  reply.status = std::atoi(received.substr(9, 3).c_str());
  reply.body = received.substr(head_end + 4);
  return reply;
}

}  // namespace omnihub::hubctl
