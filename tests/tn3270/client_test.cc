// The Boost.Asio client against a scripted fake host on 127.0.0.1:0 (no fixed port, no real host).
#include "adapters/tn3270/client.h"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <future>
#include <optional>
#include <string>
#include <thread>

#include "test_streams.h"
#include "tests/support/self_signed_certificate.h"

namespace omnihub::tn3270 {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using omnihub::testing::SelfSignedCertificate;
using testing::B;
using testing::Concat;
using testing::E;
using testing::SignOnScreen;
using namespace std::chrono_literals;

// A TN3270E host that follows a fixed script on one connection, with blocking I/O on its own
// thread. It records what the client sent as its first AID record.
class FakeHost {
 public:
  // With `tls`, the host speaks TLS (server side of that context) before telnet.
  explicit FakeHost(bool tn3270e, std::shared_ptr<asio::ssl::context> tls = nullptr)
      : acceptor_(io_, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)) {
    port_ = acceptor_.local_endpoint().port();
    thread_ = std::thread([this, tn3270e, tls] { Run(tn3270e, tls); });
  }
  ~FakeHost() {
    try {
      release_.set_value();
    } catch (const std::future_error&) {
      // already released
    }
    if (thread_.joinable()) thread_.join();
  }

  std::uint16_t port() const { return port_; }
  std::future<Bytes> first_aid() { return first_aid_.get_future(); }
  void Release() { release_.set_value(); }

 private:
  template <typename Stream>
  std::string ReadUntil(Stream& socket, const std::string& delimiter) {
    boost::system::error_code ec;
    const std::size_t n = asio::read_until(socket, buffer_, delimiter, ec);
    if (ec) return std::string();
    std::string out(asio::buffers_begin(buffer_.data()), asio::buffers_begin(buffer_.data()) + n);
    buffer_.consume(n);
    return out;
  }
  template <typename Stream>
  void Send(Stream& socket, const Bytes& bytes) {
    boost::system::error_code ec;
    asio::write(socket, asio::buffer(bytes), ec);
  }

  void Run(bool tn3270e, const std::shared_ptr<asio::ssl::context>& tls) {
    tcp::socket socket(io_);
    acceptor_.accept(socket);
    if (!tls) {
      Script(socket, tn3270e);
      return;
    }
    asio::ssl::stream<tcp::socket&> stream(socket, *tls);
    boost::system::error_code ec;
    stream.handshake(asio::ssl::stream_base::server, ec);
    if (ec) {
      first_aid_.set_value(Bytes{});
      return;
    }
    Script(stream, tn3270e);
  }

  template <typename Stream>
  void Script(Stream& socket, bool tn3270e) {
    const Bytes eor = B({0xFF, 0xEF});
    Bytes header;
    if (tn3270e) {
      Send(socket, B({0xFF, 0xFD, 0x28}));                          // DO TN3270E
      ReadUntil(socket, "\xFF\xFB\x28");                            // WILL TN3270E
      Send(socket, B({0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0}));  // SEND DEVICE-TYPE
      ReadUntil(socket, "\xFF\xF0");                                // DEVICE-TYPE REQUEST
      Send(socket, Concat({B({0xFF, 0xFA, 0x28, 0x02, 0x04}),
                           Bytes{'I', 'B', 'M', '-', '3', '2', '7', '8', '-', '2', '-', 'E'},
                           B({0x01, 'L', 'U', '1', 0xFF, 0xF0})}));  // DEVICE-TYPE IS ... CONNECT
      ReadUntil(socket, "\xFF\xF0");                                 // FUNCTIONS REQUEST
      Send(socket, B({0xFF, 0xFA, 0x28, 0x03, 0x04, 0xFF, 0xF0}));   // FUNCTIONS IS (none)
      header = B({0x00, 0x00, 0x00, 0x00, 0x00});                    // 3270-DATA, seq 0
    } else {
      // DO TERMINAL-TYPE, SB TERMINAL-TYPE SEND, DO/WILL EOR, DO/WILL BINARY.
      Send(socket, B({0xFF, 0xFD, 0x18}));
      ReadUntil(socket, "\xFF\xFB\x18");
      Send(socket, B({0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0}));
      ReadUntil(socket, "\xFF\xF0");
      Send(socket, B({0xFF, 0xFD, 0x19, 0xFF, 0xFB, 0x19, 0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x00}));
    }
    Send(socket, Concat({header, SignOnScreen(), eor}));
    // The client's Enter with its modified fields (after the negotiation replies).
    std::string record = ReadUntil(socket, "\xFF\xEF");
    const std::size_t aid = record.find('\x7D');
    first_aid_.set_value(
        aid == std::string::npos
            ? Bytes{}
            : Bytes(record.begin() + static_cast<std::ptrdiff_t>(aid), record.end() - 2));
    // Next screen: Write with keyboard restore, SBA 400 = (5,0), a message.
    Send(socket, Concat({header, B({0xF1, 0xC2, 0x11, 0xC6, 0x50}), E("WELCOME"), eor}));
    // After the next AID, say nothing until released (the client's deadline expires), then close.
    ReadUntil(socket, "\xFF\xEF");
    release_.get_future().wait();
  }

  asio::io_context io_;
  tcp::acceptor acceptor_;
  std::uint16_t port_ = 0;
  asio::streambuf buffer_;
  std::thread thread_;
  std::promise<Bytes> first_aid_;
  std::promise<void> release_;
};

// Runs the io_context until the operation's handler has run.
absl::Status RunOperation(asio::io_context& io, const std::function<void(Client::Handler)>& start) {
  std::optional<absl::Status> result;
  start([&](absl::Status st) { result = st; });
  io.restart();
  while (!result && io.run_one_for(10s) > 0) {
  }
  return result.value_or(absl::InternalError("handler never ran"));
}

void SignOnConversation(bool tn3270e, bool tls = false) {
  std::shared_ptr<asio::ssl::context> server_tls;
  ClientOptions options;
  if (tls) {
    const auto [cert, key] = SelfSignedCertificate("mainframe.test");
    server_tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
    server_tls->use_certificate(asio::buffer(cert), asio::ssl::context::pem);
    server_tls->use_private_key(asio::buffer(key), asio::ssl::context::pem);
    options.tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
    options.tls->add_certificate_authority(asio::buffer(cert));
    options.tls->set_verify_mode(asio::ssl::verify_peer);
    options.tls_server_name = "mainframe.test";
  }
  FakeHost host(tn3270e, server_tls);
  asio::io_context io;
  options.port = host.port();
  auto client = Client::Create(io.get_executor(), options);

  ASSERT_TRUE(RunOperation(io, [&](auto h) { client->AsyncConnect(5s, h); }).ok());
  EXPECT_EQ(client->telnet().mode(), tn3270e ? SessionMode::kTn3270e : SessionMode::kTn3270);
  if (tn3270e) {
    EXPECT_EQ(client->telnet().device_name(), "LU1");
  }
  EXPECT_EQ(client->screen().TrimmedFieldText(*client->screen().FieldAt(1)), "HELLO");
  EXPECT_EQ(client->screen().cursor(), 87);

  ASSERT_TRUE(client->keyboard().Type("IBMUSER").ok());
  ASSERT_TRUE(RunOperation(io, [&](auto h) { client->AsyncSendAid(Aid::kEnter, 5s, h); }).ok());
  EXPECT_EQ(host.first_aid().get(),
            Concat({B({0x7D, 0xC1, 0x5E, 0x11, 0xC1, 0xD7}), E("IBMUSER")}));
  EXPECT_EQ(client->screen().RegionText(5, 0, 7), "WELCOME");

  // A second operation while one is pending is refused at once.
  std::optional<absl::Status> second;
  const absl::Status slow = RunOperation(io, [&](auto h) {
    client->AsyncSendAid(Aid::kPf3, 200ms, h);
    client->AsyncWaitForScreen(1s, [&](absl::Status st) { second = st; });
  });
  EXPECT_EQ(slow.code(), absl::StatusCode::kDeadlineExceeded);
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(client->connected());

  // Cancel ends a wait; then the host closes and the next wait fails with Unavailable.
  EXPECT_EQ(RunOperation(io,
                         [&](auto h) {
                           client->AsyncWaitForScreen(5s, h);
                           client->Cancel();
                         })
                .code(),
            absl::StatusCode::kCancelled);
  EXPECT_EQ(RunOperation(io,
                         [&](auto h) {
                           client->AsyncWaitForScreen(5s, h);
                           host.Release();
                         })
                .code(),
            absl::StatusCode::kUnavailable);
  EXPECT_FALSE(client->connected());
}

TEST(ClientTest, Tn3270eSignOnConversation) { SignOnConversation(true); }

TEST(ClientTest, PlainTn3270SignOnConversation) { SignOnConversation(false); }

TEST(ClientTest, Tn3270eOverTls) { SignOnConversation(true, /*tls=*/true); }

TEST(ClientTest, TlsWithWrongServerNameIsUnavailable) {
  const auto [cert, key] = SelfSignedCertificate("mainframe.test");
  auto server_tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_server);
  server_tls->use_certificate(asio::buffer(cert), asio::ssl::context::pem);
  server_tls->use_private_key(asio::buffer(key), asio::ssl::context::pem);
  FakeHost host(true, server_tls);
  asio::io_context io;
  ClientOptions options;
  options.port = host.port();
  options.tls = std::make_shared<asio::ssl::context>(asio::ssl::context::tls_client);
  options.tls->add_certificate_authority(asio::buffer(cert));
  options.tls->set_verify_mode(asio::ssl::verify_peer);
  options.tls_server_name = "other.test";
  auto client = Client::Create(io.get_executor(), options);
  const absl::Status st = RunOperation(io, [&](auto h) { client->AsyncConnect(5s, h); });
  EXPECT_EQ(st.code(), absl::StatusCode::kUnavailable) << st;
  EXPECT_NE(std::string(st.message()).find("TLS handshake"), std::string::npos) << st;
}

TEST(ClientTest, ConnectionRefusedIsUnavailable) {
  asio::io_context io;
  std::uint16_t port = 0;
  {
    tcp::acceptor probe(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
    port = probe.local_endpoint().port();
  }  // closed again: nothing listens there now
  ClientOptions options;
  options.port = port;
  auto client = Client::Create(io.get_executor(), options);
  EXPECT_EQ(RunOperation(io, [&](auto h) { client->AsyncConnect(5s, h); }).code(),
            absl::StatusCode::kUnavailable);
}

TEST(ClientTest, SilentHostHitsConnectDeadline) {
  asio::io_context io;
  tcp::acceptor silent(io, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0));
  ClientOptions options;
  options.port = silent.local_endpoint().port();
  auto client = Client::Create(io.get_executor(), options);
  EXPECT_EQ(RunOperation(io, [&](auto h) { client->AsyncConnect(100ms, h); }).code(),
            absl::StatusCode::kDeadlineExceeded);
  EXPECT_FALSE(client->connected());
}

}  // namespace
}  // namespace omnihub::tn3270
