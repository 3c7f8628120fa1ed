#include "adapters/tn3270/client.h"

#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>
#include <utility>

#include "adapters/tn3270/data_stream.h"

namespace omnihub::tn3270 {

namespace asio = boost::asio;
using asio::ip::tcp;

std::shared_ptr<Client> Client::Create(const asio::any_io_executor& executor,
                                       ClientOptions options) {
  return std::shared_ptr<Client>(new Client(executor, std::move(options)));
}

Client::Client(const asio::any_io_executor& executor, ClientOptions options)
    : strand_(asio::make_strand(executor)),
      options_(std::move(options)),
      resolver_(strand_),
      socket_(strand_),
      deadline_(strand_),
      telnet_(options_.terminal),
      screen_(options_.terminal.model, options_.code_page),
      keyboard_(screen_) {}

Client::~Client() = default;

void Client::Start(Duration timeout, Handler handler) {
  if (pending_) {
    asio::post(strand_, [handler = std::move(handler)] {
      handler(absl::FailedPreconditionError("another operation is pending on this session"));
    });
    return;
  }
  pending_ = std::move(handler);
  writes_at_start_ = writes_;
  const std::uint64_t op = ++operation_;
  deadline_.expires_after(timeout);
  deadline_.async_wait([self = shared_from_this(), op](const boost::system::error_code& ec) {
    if (ec || op != self->operation_ || !self->pending_) return;
    absl::Status expired =
        absl::DeadlineExceededError("no screen from the host before the deadline");
    if (!self->connected_ || self->telnet_.mode() == SessionMode::kNegotiating) {
      self->Fail(std::move(expired));  // a half-made connection is of no use: close it
    } else {
      self->Finish(std::move(expired));
    }
  });
}

void Client::Finish(absl::Status status) {
  if (!pending_) return;
  Handler handler = std::exchange(pending_, nullptr);
  ++operation_;
  deadline_.cancel();
  asio::post(strand_,
             [handler = std::move(handler), status = std::move(status)] { handler(status); });
}

void Client::Fail(absl::Status status) {
  if (connected_ || socket_.is_open()) {
    boost::system::error_code ignored;
    socket_.shutdown(tcp::socket::shutdown_both, ignored);
    socket_.close(ignored);
  }
  connected_ = false;
  Finish(std::move(status));
}

void Client::AsyncConnect(Duration timeout, Handler handler) {
  asio::dispatch(strand_, [self = shared_from_this(), timeout,
                           handler = std::move(handler)]() mutable {
    if (self->connected_ || self->socket_.is_open()) {
      asio::post(self->strand_, [handler = std::move(handler)] {
        handler(absl::FailedPreconditionError("already connected"));
      });
      return;
    }
    self->Start(timeout, std::move(handler));
    if (!self->pending_) return;
    self->resolver_.async_resolve(
        self->options_.host, std::to_string(self->options_.port),
        [self](const boost::system::error_code& ec, const tcp::resolver::results_type& results) {
          if (!self->pending_) return;
          if (ec) {
            self->Fail(
                absl::UnavailableError("resolving " + self->options_.host + ": " + ec.message()));
            return;
          }
          asio::async_connect(
              self->socket_, results,
              [self](const boost::system::error_code& cec, const tcp::endpoint&) {
                if (!self->pending_) {  // cancelled or expired meanwhile
                  self->Fail(absl::CancelledError("connect abandoned"));
                  return;
                }
                if (cec) {
                  self->Fail(absl::UnavailableError("connecting to " + self->options_.host + ": " +
                                                    cec.message()));
                  return;
                }
                self->OnConnected();
              });
        });
  });
}

void Client::OnConnected() {
  connected_ = true;
  boost::system::error_code ignored;
  socket_.set_option(tcp::no_delay(true), ignored);
  if (!options_.tls) {
    ReadLoop();
    return;
  }
  tls_ = std::make_unique<asio::ssl::stream<tcp::socket&>>(socket_, *options_.tls);
  const std::string name =
      options_.tls_server_name.empty() ? options_.host : options_.tls_server_name;
  SSL_set_tlsext_host_name(tls_->native_handle(), name.c_str());
  tls_->set_verify_callback(asio::ssl::host_name_verification(name));
  tls_->async_handshake(asio::ssl::stream_base::client,
                        [self = shared_from_this()](const boost::system::error_code& ec) {
                          if (ec) {
                            self->Fail(absl::UnavailableError(self->HandshakeError(ec)));
                            return;
                          }
                          self->ReadLoop();
                        });
}

std::string Client::HandshakeError(const boost::system::error_code& ec) const {
  const std::string host = options_.host + ":" + std::to_string(options_.port);
  const long verify = SSL_get_verify_result(tls_->native_handle());
  if (verify != X509_V_OK) {
    // The most common failure by far, and the one whose fix (the CA file) is the caller's.
    return "TLS handshake with " + host + ": certificate verification failed (" +
           X509_verify_cert_error_string(verify) +
           "); check the CA certificates the host is verified with (tls_ca)";
  }
  return "TLS handshake with " + host + ": " + ec.message();
}

void Client::ReadLoop() {
  if (reading_ || !connected_) return;
  reading_ = true;
  auto on_read = [self = shared_from_this()](const boost::system::error_code& ec, std::size_t n) {
    self->reading_ = false;
    if (ec) {
      self->Fail(absl::UnavailableError(ec == asio::error::eof
                                            ? std::string("the host closed the connection")
                                            : "reading from the host: " + ec.message()));
      return;
    }
    self->OnBytes(n);
    self->ReadLoop();
  };
  if (tls_) {
    tls_->async_read_some(asio::buffer(read_buffer_), std::move(on_read));
  } else {
    socket_.async_read_some(asio::buffer(read_buffer_), std::move(on_read));
  }
}

void Client::OnBytes(std::size_t n) {
  if (absl::Status st = telnet_.Feed(ByteView(read_buffer_.data(), n)); !st.ok()) {
    last_stream_error_ = st;
  }
  while (auto record = telnet_.PopRecord()) {
    if (record->header && record->header->data_type != DataType::k3270Data) continue;
    auto result = ApplyHostRecord(screen_, record->data);
    if (!result.ok()) {
      last_stream_error_ = result.status();
    } else {
      if (!result->reply.empty()) telnet_.SendRecord(result->reply);
      if (result->command == Command::kWrite || result->command == Command::kEraseWrite ||
          result->command == Command::kEraseWriteAlternate ||
          result->command == Command::kEraseAllUnprotected ||
          result->command == Command::kWriteStructuredField) {
        ++writes_;
      }
    }
    if (record->header) telnet_.SendResponse(*record->header, result.ok());
  }
  Flush();
  CheckReady();
}

void Client::CheckReady() {
  if (!pending_ || !connected_) return;
  if (telnet_.mode() == SessionMode::kNegotiating) return;
  if (writes_ > writes_at_start_ && !screen_.keyboard_locked()) Finish(absl::OkStatus());
}

void Client::Flush() {
  if (telnet_.HasOutput()) {
    Bytes out = telnet_.TakeOutput();
    pending_output_.insert(pending_output_.end(), out.begin(), out.end());
  }
  if (writing_ || pending_output_.empty() || !connected_) return;
  writing_ = true;
  write_buffer_ = std::exchange(pending_output_, Bytes{});
  auto on_write = [self = shared_from_this()](const boost::system::error_code& ec, std::size_t) {
    self->writing_ = false;
    if (ec) {
      self->Fail(absl::UnavailableError("writing to the host: " + ec.message()));
      return;
    }
    self->Flush();
  };
  if (tls_) {
    asio::async_write(*tls_, asio::buffer(write_buffer_), std::move(on_write));
  } else {
    asio::async_write(socket_, asio::buffer(write_buffer_), std::move(on_write));
  }
}

void Client::AsyncSendAid(Aid aid, Duration timeout, Handler handler) {
  asio::dispatch(strand_,
                 [self = shared_from_this(), aid, timeout, handler = std::move(handler)]() mutable {
                   if (!self->connected_ || self->telnet_.mode() == SessionMode::kNegotiating) {
                     asio::post(self->strand_, [handler = std::move(handler)] {
                       handler(absl::FailedPreconditionError("not connected"));
                     });
                     return;
                   }
                   self->Start(timeout, std::move(handler));
                   if (!self->pending_) return;
                   auto inbound = self->keyboard_.Press(aid);
                   if (!inbound.ok()) {
                     self->Finish(inbound.status());
                     return;
                   }
                   self->telnet_.SendRecord(*inbound);
                   self->Flush();
                 });
}

void Client::AsyncWaitForScreen(Duration timeout, Handler handler) {
  asio::dispatch(strand_,
                 [self = shared_from_this(), timeout, handler = std::move(handler)]() mutable {
                   if (!self->connected_) {
                     asio::post(self->strand_, [handler = std::move(handler)] {
                       handler(absl::FailedPreconditionError("not connected"));
                     });
                     return;
                   }
                   self->Start(timeout, std::move(handler));
                 });
}

void Client::Cancel() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    self->resolver_.cancel();
    self->Finish(absl::CancelledError("operation cancelled"));
  });
}

void Client::AsyncRun(std::function<void()> fn) { asio::post(strand_, std::move(fn)); }

void Client::Close() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    self->resolver_.cancel();
    self->Fail(absl::CancelledError("session closed"));
  });
}

}  // namespace omnihub::tn3270
