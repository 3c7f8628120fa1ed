#include "adapters/tn3270/telnet.h"

#include <algorithm>
#include <utility>

namespace omnihub::tn3270 {
namespace {

using namespace telnet;  // NOLINT: protocol constants

constexpr std::size_t kMaxSubnegotiation = 1024;
constexpr std::uint8_t kMaxRefusals = 3;  // per option: answers to a host that keeps asking
constexpr int kMaxDeviceRequests = 3;
constexpr int kMaxFunctionRounds = 3;

bool Contains(const std::vector<Tn3270eFunction>& list, Tn3270eFunction f) {
  return std::find(list.begin(), list.end(), f) != list.end();
}

}  // namespace

std::string TerminalTypeName(const TerminalOptions& options) {
  const int model = std::clamp(options.model, 2, 5);
  std::string name = "IBM-3278-" + std::to_string(model);
  if (options.extended) name += "-E";
  return name;
}

TelnetSession::TelnetSession(TerminalOptions options)
    : options_(std::move(options)), terminal_type_(TerminalTypeName(options_)) {
  options_.model = std::clamp(options_.model, 2, 5);
}

absl::Status TelnetSession::Feed(ByteView bytes) {
  feed_status_ = absl::OkStatus();
  for (std::uint8_t b : bytes) {
    switch (state_) {
      case ParseState::kData:
        if (b == kIac) {
          state_ = ParseState::kIac;
        } else if (record_.size() < options_.max_record_size) {
          record_.push_back(b);
        } else {
          record_overflow_ = true;
        }
        break;
      case ParseState::kIac:
        state_ = ParseState::kData;
        if (b == kIac) {
          if (record_.size() < options_.max_record_size) {
            record_.push_back(kIac);
          } else {
            record_overflow_ = true;
          }
        } else if (b == kEor) {
          FinishRecord();
        } else if (b == kDo || b == kDont || b == kWill || b == kWont) {
          verb_ = b;
          state_ = ParseState::kVerb;
        } else if (b == kSb) {
          sb_.clear();
          sb_overflow_ = false;
          state_ = ParseState::kSb;
        }
        // Other commands (NOP, GA, AYT, stray SE, ...) carry nothing for 3270: ignored.
        break;
      case ParseState::kVerb:
        state_ = ParseState::kData;
        OnVerb(verb_, b);
        break;
      case ParseState::kSb:
        if (b == kIac) {
          state_ = ParseState::kSbIac;
        } else if (sb_.size() < kMaxSubnegotiation) {
          sb_.push_back(b);
        } else {
          sb_overflow_ = true;
        }
        break;
      case ParseState::kSbIac:
        if (b == kIac) {
          state_ = ParseState::kSb;
          if (sb_.size() < kMaxSubnegotiation) {
            sb_.push_back(kIac);
          } else {
            sb_overflow_ = true;
          }
        } else {
          // IAC SE ends the subnegotiation; any other command also ends a malformed one.
          state_ = ParseState::kData;
          if (b == kSe && !sb_overflow_) OnSubnegotiation();
        }
        break;
    }
  }
  return feed_status_;
}

void TelnetSession::FinishRecord() {
  Record record;
  record.data = std::move(record_);
  record_.clear();
  if (record_overflow_) {
    record_overflow_ = false;
    if (feed_status_.ok()) {
      feed_status_ = absl::ResourceExhaustedError("record from host longer than " +
                                                  std::to_string(options_.max_record_size) +
                                                  " bytes: dropped");
    }
    return;
  }
  if (Tn3270eActive()) {
    auto header = Tn3270eHeader::Decode(record.data);
    if (!header.ok()) {
      if (feed_status_.ok()) feed_status_ = header.status();
      return;
    }
    record.header = *header;
    record.data.erase(record.data.begin(), record.data.begin() + Tn3270eHeader::kSize);
  }
  records_.push_back(std::move(record));
}

Bytes TelnetSession::TakeOutput() { return std::exchange(output_, Bytes{}); }

std::optional<Record> TelnetSession::PopRecord() {
  if (records_.empty()) return std::nullopt;
  Record record = std::move(records_.front());
  records_.pop_front();
  return record;
}

bool TelnetSession::Tn3270eActive() const {
  return local_[kOptTn3270e] && device_accepted_ && functions_agreed_;
}

SessionMode TelnetSession::mode() const {
  if (Tn3270eActive()) return SessionMode::kTn3270e;
  if (!local_[kOptTn3270e] && local_[kOptBinary] && remote_[kOptBinary] &&
      local_[kOptEndOfRecord] && remote_[kOptEndOfRecord]) {
    return SessionMode::kTn3270;
  }
  return SessionMode::kNegotiating;
}

bool TelnetSession::HasFunction(Tn3270eFunction function) const {
  return Contains(functions_, function);
}

bool TelnetSession::SupportsLocal(std::uint8_t option) const {
  switch (option) {
    case kOptBinary:
    case kOptEndOfRecord:
    case kOptTerminalType:
      return true;
    case kOptTn3270e:
      return options_.tn3270e && !tn3270e_refused_;
    default:
      return false;
  }
}

bool TelnetSession::SupportsRemote(std::uint8_t option) const {
  return option == kOptBinary || option == kOptEndOfRecord;
}

void TelnetSession::SendVerb(std::uint8_t verb, std::uint8_t option) {
  output_.insert(output_.end(), {kIac, verb, option});
}

void TelnetSession::SendRefusal(std::uint8_t verb, std::uint8_t option) {
  if (refusals_[option] >= kMaxRefusals) return;
  ++refusals_[option];
  SendVerb(verb, option);
}

void TelnetSession::OnVerb(std::uint8_t verb, std::uint8_t option) {
  switch (verb) {
    case kDo:
      if (SupportsLocal(option)) {
        if (!local_[option]) {
          local_[option] = true;
          SendVerb(kWill, option);
        }
      } else {
        if (option == kOptTn3270e && local_[option]) FallBackToTn3270();
        SendRefusal(kWont, option);
      }
      break;
    case kDont:
      if (option == kOptTn3270e) {
        if (local_[option]) {
          FallBackToTn3270();  // sends WONT TN3270E
        } else {
          tn3270e_refused_ = true;
        }
      } else if (local_[option]) {
        local_[option] = false;
        SendVerb(kWont, option);
      }
      break;
    case kWill:
      if (SupportsRemote(option)) {
        if (!remote_[option]) {
          remote_[option] = true;
          SendVerb(kDo, option);
        }
      } else {
        SendRefusal(kDont, option);
      }
      break;
    case kWont:
      if (option == kOptTn3270e && local_[option]) FallBackToTn3270();
      if (remote_[option]) {
        remote_[option] = false;
        SendVerb(kDont, option);
      }
      break;
    default:
      break;
  }
}

void TelnetSession::FallBackToTn3270() {
  tn3270e_refused_ = true;
  device_accepted_ = false;
  functions_agreed_ = false;
  functions_.clear();
  if (local_[kOptTn3270e]) {
    local_[kOptTn3270e] = false;
    SendVerb(kWont, kOptTn3270e);
  }
}

void TelnetSession::SendSubnegotiation(std::uint8_t option, ByteView payload) {
  output_.insert(output_.end(), {kIac, kSb, option});
  for (std::uint8_t b : payload) {
    output_.push_back(b);
    if (b == kIac) output_.push_back(kIac);
  }
  output_.insert(output_.end(), {kIac, kSe});
}

void TelnetSession::OnSubnegotiation() {
  if (sb_.empty()) return;
  const std::uint8_t option = sb_[0];
  const ByteView payload = ByteView(sb_).subspan(1);
  if (option == kOptTerminalType) {
    if (local_[kOptTerminalType] && !payload.empty() && payload[0] == kTtypeSend) {
      Bytes reply{kTtypeIs};
      reply.insert(reply.end(), terminal_type_.begin(), terminal_type_.end());
      SendSubnegotiation(kOptTerminalType, reply);
    }
  } else if (option == kOptTn3270e) {
    if (local_[kOptTn3270e]) OnTn3270eSubnegotiation(payload);
  }
}

void TelnetSession::SendDeviceTypeRequest() {
  Bytes payload{kEDeviceType, kERequest};
  payload.insert(payload.end(), terminal_type_.begin(), terminal_type_.end());
  if (!options_.lu_name.empty()) {
    payload.push_back(options_.associate ? kEAssociate : kEConnect);
    payload.insert(payload.end(), options_.lu_name.begin(), options_.lu_name.end());
  }
  SendSubnegotiation(kOptTn3270e, payload);
}

void TelnetSession::SendFunctions(std::uint8_t sub_command,
                                  const std::vector<Tn3270eFunction>& functions) {
  Bytes payload{kEFunctions, sub_command};
  for (Tn3270eFunction f : functions) payload.push_back(static_cast<std::uint8_t>(f));
  SendSubnegotiation(kOptTn3270e, payload);
}

void TelnetSession::OnTn3270eSubnegotiation(ByteView payload) {
  if (payload.size() < 2) return;
  const std::uint8_t first = payload[0];
  const std::uint8_t second = payload[1];
  if (first == kESend && second == kEDeviceType) {
    if (++device_requests_ > kMaxDeviceRequests) {
      FallBackToTn3270();
      return;
    }
    device_accepted_ = false;
    functions_agreed_ = false;
    SendDeviceTypeRequest();
  } else if (first == kEDeviceType && second == kEIs) {
    const ByteView rest = payload.subspan(2);
    auto connect = std::find(rest.begin(), rest.end(), kEConnect);
    device_type_.assign(rest.begin(), connect);
    device_name_.clear();
    if (connect != rest.end()) device_name_.assign(connect + 1, rest.end());
    device_accepted_ = true;
    functions_agreed_ = false;
    function_rounds_ = 0;
    SendFunctions(kERequest, options_.functions);
  } else if (first == kEDeviceType && second == kEReject) {
    if (payload.size() >= 4 && payload[2] == kEReason && payload[3] <= 7) {
      reject_reason_ = static_cast<RejectReason>(payload[3]);
    } else {
      reject_reason_ = RejectReason::kUnknownError;
    }
    FallBackToTn3270();
  } else if (first == kEFunctions && (second == kEIs || second == kERequest)) {
    if (!device_accepted_) return;
    std::vector<Tn3270eFunction> offered;
    bool subset = true;
    for (std::uint8_t b : payload.subspan(2)) {
      const auto f = static_cast<Tn3270eFunction>(b);
      if (b <= 4 && Contains(options_.functions, f)) {
        if (!Contains(offered, f)) offered.push_back(f);
      } else {
        subset = false;
      }
    }
    if (second == kEIs) {
      // The host's decision; anything we did not ask for is ignored.
      functions_ = offered;
      functions_agreed_ = true;
    } else if (subset) {
      functions_ = offered;
      functions_agreed_ = true;
      SendFunctions(kEIs, functions_);
    } else if (++function_rounds_ > kMaxFunctionRounds) {
      FallBackToTn3270();
    } else {
      SendFunctions(kERequest, offered);
    }
  }
}

void TelnetSession::SendRecord(ByteView data, DataType type) {
  Bytes framed;
  if (Tn3270eActive()) {
    Tn3270eHeader header;
    header.data_type = type;
    header.seq_number = send_seq_++;
    header.AppendTo(framed);
  }
  framed.insert(framed.end(), data.begin(), data.end());
  for (std::uint8_t b : framed) {
    output_.push_back(b);
    if (b == kIac) output_.push_back(kIac);
  }
  output_.insert(output_.end(), {kIac, kEor});
}

void TelnetSession::SendResponse(const Tn3270eHeader& request, bool positive) {
  if (!Tn3270eActive() || !HasFunction(Tn3270eFunction::kResponses)) return;
  const bool wanted = request.response_flag == kResponseAlways ||
                      (request.response_flag == kResponseError && !positive);
  if (!wanted) return;
  Tn3270eHeader header;
  header.data_type = DataType::kResponse;
  header.response_flag = positive ? kResponsePositive : kResponseNegative;
  header.seq_number = request.seq_number;
  Bytes framed;
  header.AppendTo(framed);
  framed.push_back(positive ? kResponseDeviceEnd : kResponseCommandReject);
  for (std::uint8_t b : framed) {
    output_.push_back(b);
    if (b == kIac) output_.push_back(kIac);
  }
  output_.insert(output_.end(), {kIac, kEor});
}

}  // namespace omnihub::tn3270
