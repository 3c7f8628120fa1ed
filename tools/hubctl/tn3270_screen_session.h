// ScreenSession: a blocking, one-thread driver of one TN3270 connection for hubctl: connect, run
// the --keys actions one by one, hand every new screen to an observer.
#pragma once

#include <boost/asio/io_context.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "adapters/tn3270/client.h"
#include "tools/hubctl/tn3270_keys.h"

namespace omnihub::hubctl {

// Not thread-safe; runs its own io_context on the calling thread, only inside its methods.
class ScreenSession {
 public:
  // Called with each screen the host sends (the first one, and the answer to each AID or WAIT)
  // and the keystrokes that led to it since the previous screen (hidden input masked).
  using Observer = std::function<void(const tn3270::Screen& screen, const std::string& keys)>;

  ScreenSession(tn3270::ClientOptions options, std::chrono::milliseconds screen_timeout,
                Observer observer);
  ~ScreenSession();

  // Connects, negotiates and waits for the first screen.
  absl::Status Connect();
  // Runs the actions in order; stops at the first failure (named by the action).
  absl::Status Run(const std::vector<KeyAction>& actions);

  const tn3270::Client& client() const { return *client_; }
  std::string Describe() const;  // "127.0.0.1:3270 TN3270E IBM-3278-2-E"

 private:
  absl::Status Wait(const std::function<void(tn3270::Client::Handler)>& start);

  boost::asio::io_context io_;
  tn3270::ClientOptions options_;
  std::chrono::milliseconds screen_timeout_;
  Observer observer_;
  std::shared_ptr<tn3270::Client> client_;
  std::string typed_since_screen_;
};

}  // namespace omnihub::hubctl
