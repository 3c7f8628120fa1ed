// Telnet option negotiation for TN3270 (RFC 1576) and TN3270E (RFC 2355), transport-agnostic:
// feed the bytes received from the host, take the bytes to send and the decoded records.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "adapters/tn3270/bytes.h"
#include "adapters/tn3270/tn3270e_header.h"

namespace omnihub::tn3270 {

namespace telnet {
inline constexpr std::uint8_t kIac = 255;
inline constexpr std::uint8_t kDont = 254;
inline constexpr std::uint8_t kDo = 253;
inline constexpr std::uint8_t kWont = 252;
inline constexpr std::uint8_t kWill = 251;
inline constexpr std::uint8_t kSb = 250;
inline constexpr std::uint8_t kSe = 240;
inline constexpr std::uint8_t kEor = 239;  // the END-OF-RECORD command (IAC EOR)

inline constexpr std::uint8_t kOptBinary = 0;
inline constexpr std::uint8_t kOptTerminalType = 24;
inline constexpr std::uint8_t kOptEndOfRecord = 25;
inline constexpr std::uint8_t kOptTn3270e = 40;

// TERMINAL-TYPE subnegotiation.
inline constexpr std::uint8_t kTtypeIs = 0;
inline constexpr std::uint8_t kTtypeSend = 1;

// TN3270E subnegotiation codes (RFC 2355 section 11).
inline constexpr std::uint8_t kEAssociate = 0;
inline constexpr std::uint8_t kEConnect = 1;
inline constexpr std::uint8_t kEDeviceType = 2;
inline constexpr std::uint8_t kEFunctions = 3;
inline constexpr std::uint8_t kEIs = 4;
inline constexpr std::uint8_t kEReason = 5;
inline constexpr std::uint8_t kEReject = 6;
inline constexpr std::uint8_t kERequest = 7;
inline constexpr std::uint8_t kESend = 8;
}  // namespace telnet

// TN3270E functions (RFC 2355 section 11).
enum class Tn3270eFunction : std::uint8_t {
  kBindImage = 0,
  kDataStreamCtl = 1,
  kResponses = 2,
  kScsCtlCodes = 3,
  kSysreq = 4,
};

// TN3270E DEVICE-TYPE REJECT reason codes.
enum class RejectReason : std::uint8_t {
  kConnPartner = 0,
  kDeviceInUse = 1,
  kInvAssociate = 2,
  kInvName = 3,
  kInvDeviceType = 4,
  kTypeNameError = 5,
  kUnknownError = 6,
  kUnsupportedReq = 7,
};

struct TerminalOptions {
  // 3278 model 2..5 (24x80, 32x80, 43x80, 27x132 alternate sizes); clamped into that range.
  int model = 2;
  // Appends "-E" to the terminal type: the host may use the extended data stream (SFE, SA, MF,
  // Query Reply). The data stream processor supports it, so this is normally on.
  bool extended = true;
  // Offer TN3270E when the host asks for it; false = plain TN3270 only (WONT TN3270E).
  bool tn3270e = true;
  // TN3270E: a specific LU (terminal resource) to CONNECT to, or a printer to ASSOCIATE with;
  // empty = let the host choose.
  std::string lu_name;
  bool associate = false;
  // TN3270E functions requested; the host may narrow them. The default (none) is what every
  // TN3270E server must accept. Requesting kResponses obliges the caller to SendResponse() to
  // records whose header asks for one.
  std::vector<Tn3270eFunction> functions;
  // Records (after IAC unescaping) longer than this are dropped with an error.
  std::size_t max_record_size = 64 * 1024;
};

// "IBM-3278-<model>[-E]".
std::string TerminalTypeName(const TerminalOptions& options);

enum class SessionMode {
  kNegotiating,  // neither TN3270 nor TN3270E is complete yet
  kTn3270,       // RFC 1576: BINARY and END-OF-RECORD in both directions
  kTn3270e,      // RFC 2355: device type accepted and functions agreed
};

// One record from the host: the bytes before IAC EOR, unescaped. `header` is set in TN3270E mode.
struct Record {
  std::optional<Tn3270eHeader> header;
  Bytes data;
};

// The telnet layer of one TN3270 session, from the client's side. Answers option negotiation by
// itself (queued in the output), refuses options it does not implement (DONT/WONT), never answers
// a request for a state it is already in (RFC 854), and bounds repeated refusals and TN3270E
// re-negotiation, so a confused host cannot make it loop. Falls back from TN3270E to plain TN3270
// when the host says WONT/DONT TN3270E or rejects the device type.
// Not thread-safe: one owner (the connection's strand) drives it.
class TelnetSession {
 public:
  explicit TelnetSession(TerminalOptions options = {});

  // Consumes bytes from the host. Negotiation replies go to the output, complete records to the
  // record queue. Returns the first error met in these bytes (a record dropped because it was
  // too long or its TN3270E header was malformed); processing continues past it, so the session
  // stays usable.
  absl::Status Feed(ByteView bytes);

  // Bytes to send to the host (negotiation replies and SendRecord() output), emptying the buffer.
  Bytes TakeOutput();
  bool HasOutput() const { return !output_.empty(); }

  std::optional<Record> PopRecord();
  std::size_t pending_records() const { return records_.size(); }

  // Queues a record to the host: the TN3270E header first in TN3270E mode (sequence numbers
  // counting up), 0xFF doubled, IAC EOR at the end.
  void SendRecord(ByteView data, DataType type = DataType::k3270Data);
  // TN3270E RESPONSES: answers a host record whose header asked for a response. A no-op unless
  // TN3270E with the RESPONSES function is in effect and the header asked for one.
  void SendResponse(const Tn3270eHeader& request, bool positive);

  SessionMode mode() const;
  bool tn3270e_refused() const { return tn3270e_refused_; }
  const std::string& terminal_type() const { return terminal_type_; }
  const TerminalOptions& options() const { return options_; }
  // TN3270E: the device type and LU name the host confirmed (DEVICE-TYPE IS ... CONNECT name).
  const std::string& device_type() const { return device_type_; }
  const std::string& device_name() const { return device_name_; }
  // TN3270E: the functions agreed on.
  const std::vector<Tn3270eFunction>& functions() const { return functions_; }
  bool HasFunction(Tn3270eFunction function) const;
  // The reason of the last DEVICE-TYPE REJECT, if any.
  std::optional<RejectReason> reject_reason() const { return reject_reason_; }

 private:
  enum class ParseState { kData, kIac, kVerb, kSb, kSbIac };

  void OnVerb(std::uint8_t verb, std::uint8_t option);
  void OnSubnegotiation();
  void OnTn3270eSubnegotiation(ByteView payload);
  void FinishRecord();
  void SendVerb(std::uint8_t verb, std::uint8_t option);
  void SendRefusal(std::uint8_t verb, std::uint8_t option);
  void SendSubnegotiation(std::uint8_t option, ByteView payload);
  void SendDeviceTypeRequest();
  void SendFunctions(std::uint8_t sub_command, const std::vector<Tn3270eFunction>& functions);
  void FallBackToTn3270();
  bool SupportsLocal(std::uint8_t option) const;
  bool SupportsRemote(std::uint8_t option) const;
  bool Tn3270eActive() const;

  TerminalOptions options_;
  std::string terminal_type_;

  ParseState state_ = ParseState::kData;
  std::uint8_t verb_ = 0;
  Bytes sb_;
  bool sb_overflow_ = false;
  Bytes record_;
  bool record_overflow_ = false;
  absl::Status feed_status_;

  std::array<bool, 256> local_{};   // we WILL (host said DO and we agreed)
  std::array<bool, 256> remote_{};  // host WILL (we said DO)
  std::array<std::uint8_t, 256> refusals_{};

  bool tn3270e_refused_ = false;
  bool device_accepted_ = false;
  bool functions_agreed_ = false;
  int device_requests_ = 0;
  int function_rounds_ = 0;
  std::string device_type_;
  std::string device_name_;
  std::vector<Tn3270eFunction> functions_;
  std::optional<RejectReason> reject_reason_;
  std::uint16_t send_seq_ = 0;

  Bytes output_;
  std::deque<Record> records_;
};

}  // namespace omnihub::tn3270
