// One terminal connection's protocol, without sockets: telnet negotiation, then each inbound 3270
// record -> the application -> the next screen as an outbound record. The socket code (server.h)
// feeds it bytes and writes back what it returns.
//
// Not synchronised: one instance per connection. `world` must outlive it.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "tools/simulators/mainframe/application.h"
#include "tools/simulators/mainframe/telnet.h"
#include "tools/simulators/world/world.h"

namespace omnihub::mainframe_sim {

class HostSession {
 public:
  explicit HostSession(const world::World& world);

  // Bytes to send when the connection opens.
  std::string Open();
  // Consumes received bytes; returns the bytes to send (negotiation replies, the first screen once
  // negotiation finishes, one screen per inbound record). `now` stamps added notes and messages.
  std::string Receive(std::string_view bytes, std::chrono::system_clock::time_point now);

  // The host's "session in use" condition for the inputs that follow (AppInput::session_in_use).
  void set_session_in_use(bool in_use) { session_in_use_ = in_use; }

  // Screens sent so far (the slow and disconnect quirks act on screens).
  int screens_sent() const { return screens_sent_; }
  const Screen& screen() const { return application_.current(); }
  const TelnetHost& telnet() const { return telnet_; }

 private:
  TelnetHost telnet_;
  Application application_;
  bool started_ = false;
  bool session_in_use_ = false;
  int screens_sent_ = 0;
};

}  // namespace omnihub::mainframe_sim
