// The simulator's socket side in process: a raw client on an ephemeral port negotiates plain
// TN3270, signs on, and sees the slow and disconnect quirks; Stop() ends everything.
#include "tools/simulators/mainframe/server.h"

#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <chrono>
#include <thread>

#include "tools/simulators/mainframe/data_stream.h"
#include "tools/simulators/mainframe/ebcdic.h"
#include "tools/simulators/mainframe/telnet.h"

namespace omnihub::mainframe_sim {
namespace {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;
using namespace telnet;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

const world::World& TestWorld() {
  static const world::World world = world::Generate({.seed = 42, .customers = 50});
  return world;
}

// Runs a Server on its own io thread; stops it on destruction.
class RunningServer {
 public:
  explicit RunningServer(ServerOptions options) : server_(io_, TestWorld(), std::move(options)) {
    server_.Start();
    thread_ = std::thread([this] { io_.run(); });
  }
  ~RunningServer() {
    asio::post(io_, [this] { server_.Stop(); });
    thread_.join();
  }
  uint16_t port() const { return server_.endpoint().port(); }

 private:
  asio::io_context io_;
  Server server_;
  std::thread thread_;
};

// A blocking client that speaks plain TN3270.
class Client {
 public:
  explicit Client(uint16_t port) {
    socket_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    asio::write(socket_,
                asio::buffer(Bytes({kIac, kWont, kTn3270e, kIac, kWill, kTerminalType, kIac, kSb,
                                    kTerminalType, 0}) +
                             "IBM-3278-2" +
                             Bytes({kIac, kSe, kIac, kWill, kEndOfRecord, kIac, kDo, kEndOfRecord,
                                    kIac, kWill, kBinary, kIac, kDo, kBinary})));
  }
  // Reads until IAC EOR; false when the connection closed first.
  bool ReadRecord() {
    for (;;) {
      const size_t end = received_.find(Bytes({kIac, kEor}));
      if (end != std::string::npos) {
        received_.erase(0, end + 2);
        return true;
      }
      char buffer[4096];
      boost::system::error_code error;
      const size_t n = socket_.read_some(asio::buffer(buffer), error);
      if (error) return false;
      received_.append(buffer, n);
    }
  }
  void SignOn() {
    const std::string record =
        Bytes({kAidEnter, 0x40, 0x40, kOrderSba}) + EncodeAddress(6 * 80 + 26) + ToEbcdic("USER") +
        Bytes({kOrderSba}) + EncodeAddress(8 * 80 + 26) + ToEbcdic("OMNIHUB") + Bytes({kIac, kEor});
    asio::write(socket_, asio::buffer(record));
  }

 private:
  asio::io_context io_;
  tcp::socket socket_{io_};
  std::string received_;
};

TEST(Server, ServesTheSignOnScreenAndAnswersInput) {
  RunningServer server({.host = "127.0.0.1", .port = 0});
  ASSERT_NE(server.port(), 0);
  Client client(server.port());
  ASSERT_TRUE(client.ReadRecord());
  client.SignOn();
  EXPECT_TRUE(client.ReadRecord());
}

TEST(Server, SlowModeDelaysScreens) {
  RunningServer server({.host = "127.0.0.1", .port = 0, .slow_ms = 300});
  Client client(server.port());
  ASSERT_TRUE(client.ReadRecord());
  const auto start = std::chrono::steady_clock::now();
  client.SignOn();
  ASSERT_TRUE(client.ReadRecord());
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(300));
}

TEST(Server, DisconnectModeDropsTheConnectionOnInput) {
  RunningServer server({.host = "127.0.0.1", .port = 0, .disconnect_rate = 1.0});
  Client client(server.port());
  ASSERT_TRUE(client.ReadRecord());  // the first screen is always sent
  client.SignOn();
  EXPECT_FALSE(client.ReadRecord());
}

TEST(Server, StopClosesOpenSessions) {
  auto server = std::make_unique<RunningServer>(ServerOptions{.host = "127.0.0.1", .port = 0});
  Client client(server->port());
  ASSERT_TRUE(client.ReadRecord());
  server.reset();
  EXPECT_FALSE(client.ReadRecord());
}

}  // namespace
}  // namespace omnihub::mainframe_sim
