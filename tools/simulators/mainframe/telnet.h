// The host's side of telnet for 3270 terminals: option negotiation (TN3270E per RFC 2355 with
// DEVICE-TYPE and no FUNCTIONS; fallback to plain TN3270 per RFC 1576 with TERMINAL-TYPE, BINARY
// and END-OF-RECORD when the client refuses TN3270E), IAC unescaping, splitting the inbound byte
// stream into records at IAC EOR, and framing outbound records.
//
// Pure and byte-driven (no I/O): the session feeds what it reads and writes what it gets back.
// Not synchronised: one instance per connection.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace omnihub::mainframe_sim {

namespace telnet {
inline constexpr uint8_t kIac = 255;
inline constexpr uint8_t kDont = 254;
inline constexpr uint8_t kDo = 253;
inline constexpr uint8_t kWont = 252;
inline constexpr uint8_t kWill = 251;
inline constexpr uint8_t kSb = 250;
inline constexpr uint8_t kSe = 240;
inline constexpr uint8_t kEor = 239;
inline constexpr uint8_t kBinary = 0;
inline constexpr uint8_t kTerminalType = 24;
inline constexpr uint8_t kEndOfRecord = 25;
inline constexpr uint8_t kTn3270e = 40;
// TN3270E sub-negotiation codes (RFC 2355).
inline constexpr uint8_t kConnect = 1;
inline constexpr uint8_t kDeviceType = 2;
inline constexpr uint8_t kFunctions = 3;
inline constexpr uint8_t kIs = 4;
inline constexpr uint8_t kRequest = 7;
inline constexpr uint8_t kSend = 8;
}  // namespace telnet

class TelnetHost {
 public:
  // What the host sends first: IAC DO TN3270E.
  std::string Open();
  // Consumes received bytes. Returns the negotiation replies to send; appends each complete
  // inbound 3270 data record (unescaped, TN3270E header removed) to `records`. Records that
  // arrive before negotiation finished, and TN3270E records of other data types, are dropped.
  std::string Feed(std::string_view bytes, std::vector<std::string>* records);
  // Negotiation finished: 3270 records may flow.
  bool ready() const { return ready_; }
  bool tn3270e() const { return tn3270e_; }
  const std::string& terminal_type() const { return terminal_type_; }
  // Frames one outbound 3270 record: TN3270E header (3270-DATA) when negotiated, IAC doubled,
  // IAC EOR appended.
  std::string Frame(std::string_view record);

 private:
  enum class State { kData, kIac, kOption, kSub, kSubIac };

  void OnCommand(uint8_t verb, uint8_t option, std::string& out);
  void OnSubnegotiation(std::string_view payload, std::string& out);
  void OnRecordEnd(std::vector<std::string>* records);
  void MaybeReadyPlain();

  State state_ = State::kData;
  uint8_t verb_ = 0;
  std::string sub_;
  std::string record_;
  bool ready_ = false;
  bool tn3270e_ = false;
  std::string terminal_type_;
  // Per option: we sent WILL / DO; the client agreed with DO / WILL.
  std::array<bool, 256> sent_will_{};
  std::array<bool, 256> sent_do_{};
  std::array<bool, 256> client_do_{};
  std::array<bool, 256> client_will_{};
  uint16_t sequence_ = 0;
};

}  // namespace omnihub::mainframe_sim
