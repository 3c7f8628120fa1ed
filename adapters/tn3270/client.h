// Client: one TN3270/TN3270E session to a host over TCP (TLS optional) on Boost.Asio: connect,
// negotiate, keep the screen model current, send AID keys with the modified fields, each operation
// under its own deadline and cancellable.
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "absl/status/status.h"
#include "adapters/tn3270/aid.h"
#include "adapters/tn3270/input.h"
#include "adapters/tn3270/screen.h"
#include "adapters/tn3270/telnet.h"

namespace omnihub::tn3270 {

struct ClientOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 3270;
  TerminalOptions terminal;
  CodePage code_page = CodePage::kCp037;
  // TLS to the host (the context carries certificates and verification settings). The server
  // name for SNI and verification defaults to `host`.
  std::shared_ptr<boost::asio::ssl::context> tls;
  std::string tls_server_name;
};

// Owns one connection. Operations are asynchronous and one at a time (a second one while another
// is pending fails with FailedPrecondition at once); their handlers run on the client's strand.
// A "screen" is ready when the host has written at least once since the operation started and the
// keyboard is unlocked (the WCC keyboard restore), which is how a 3270 host says "your turn".
// Deadlines and Cancel() end the pending operation (DeadlineExceeded / Cancelled) and leave the
// connection up; a host that closes or a socket error ends it with Unavailable.
// Use through std::shared_ptr (Create); screen(), keyboard() and telnet() may be used only from
// within a handler or while no operation is pending.
class Client : public std::enable_shared_from_this<Client> {
 public:
  using Handler = std::function<void(absl::Status)>;
  using Duration = std::chrono::steady_clock::duration;

  static std::shared_ptr<Client> Create(const boost::asio::any_io_executor& executor,
                                        ClientOptions options);
  ~Client();

  // Resolves, connects (TLS handshake if configured), negotiates TN3270E or TN3270 and waits
  // for the first screen.
  void AsyncConnect(Duration timeout, Handler handler);
  // Sends `aid` with the modified fields (Keyboard::Press) and waits for the next screen.
  void AsyncSendAid(Aid aid, Duration timeout, Handler handler);
  // Waits for the next screen without sending anything.
  void AsyncWaitForScreen(Duration timeout, Handler handler);
  // Ends the pending operation with Cancelled; the connection stays up.
  void Cancel();
  // Closes the connection; a pending operation ends with Cancelled.
  void Close();
  // Runs `fn` on the client's strand (posted), where screen(), keyboard() and telnet() may be
  // used even while the host might be writing, and where operations can be started atomically
  // with a look at the screen.
  void AsyncRun(std::function<void()> fn);

  // Safe from any thread.
  bool connected() const { return connected_.load(std::memory_order_acquire); }
  Screen& screen() { return screen_; }
  Keyboard& keyboard() { return keyboard_; }
  const TelnetSession& telnet() const { return telnet_; }
  // The last data stream error (a record the host sent that could not be applied), if any.
  const absl::Status& last_stream_error() const { return last_stream_error_; }

 private:
  Client(const boost::asio::any_io_executor& executor, ClientOptions options);

  void Start(Duration timeout, Handler handler);
  void Finish(absl::Status status);
  void Fail(absl::Status status);
  void OnConnected();
  // A status message for a failed TLS handshake: names certificate verification when that failed.
  std::string HandshakeError(const boost::system::error_code& ec) const;
  void ReadLoop();
  void OnBytes(std::size_t n);
  void Flush();
  void CheckReady();

  boost::asio::strand<boost::asio::any_io_executor> strand_;
  ClientOptions options_;
  boost::asio::ip::tcp::resolver resolver_;
  boost::asio::ip::tcp::socket socket_;
  std::unique_ptr<boost::asio::ssl::stream<boost::asio::ip::tcp::socket&>> tls_;
  boost::asio::steady_timer deadline_;

  TelnetSession telnet_;
  Screen screen_;
  Keyboard keyboard_;
  absl::Status last_stream_error_;

  std::atomic<bool> connected_{false};
  bool reading_ = false;
  bool writing_ = false;
  Bytes write_buffer_;
  Bytes pending_output_;
  std::array<std::uint8_t, 4096> read_buffer_{};

  Handler pending_;
  std::uint64_t writes_ = 0;           // host writes applied so far
  std::uint64_t writes_at_start_ = 0;  // ... when the pending operation started
  std::uint64_t operation_ = 0;        // identifies the pending operation for its timer
};

}  // namespace omnihub::tn3270
