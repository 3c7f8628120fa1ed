// Telnet negotiation and record framing for the simulator's host side.
#include "tools/simulators/mainframe/telnet.h"

namespace omnihub::mainframe_sim {
namespace {

using namespace telnet;

void Command(std::string& out, uint8_t verb, uint8_t option) {
  out.push_back(static_cast<char>(kIac));
  out.push_back(static_cast<char>(verb));
  out.push_back(static_cast<char>(option));
}

void Sub(std::string& out, uint8_t option, std::string_view payload) {
  out.push_back(static_cast<char>(kIac));
  out.push_back(static_cast<char>(kSb));
  out.push_back(static_cast<char>(option));
  for (char c : payload) {
    out.push_back(c);
    if (static_cast<uint8_t>(c) == kIac) out.push_back(c);
  }
  out.push_back(static_cast<char>(kIac));
  out.push_back(static_cast<char>(kSe));
}

std::string Bytes(std::initializer_list<uint8_t> bytes) {
  std::string out;
  for (uint8_t b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

}  // namespace

std::string TelnetHost::Open() {
  std::string out;
  sent_do_[kTn3270e] = true;
  Command(out, kDo, kTn3270e);
  return out;
}

std::string TelnetHost::Feed(std::string_view bytes, std::vector<std::string>* records) {
  std::string out;
  for (char ch : bytes) {
    const auto byte = static_cast<uint8_t>(ch);
    switch (state_) {
      case State::kData:
        if (byte == kIac) {
          state_ = State::kIac;
        } else {
          record_.push_back(ch);
        }
        break;
      case State::kIac:
        state_ = State::kData;
        if (byte == kIac) {
          record_.push_back(ch);
        } else if (byte == kEor) {
          OnRecordEnd(records);
        } else if (byte == kSb) {
          sub_.clear();
          state_ = State::kSub;
        } else if (byte >= kWill && byte <= kDont) {
          verb_ = byte;
          state_ = State::kOption;
        }  // other commands (NOP, GA, ...) are ignored
        break;
      case State::kOption:
        OnCommand(verb_, byte, out);
        state_ = State::kData;
        break;
      case State::kSub:
        if (byte == kIac) {
          state_ = State::kSubIac;
        } else {
          sub_.push_back(ch);
        }
        break;
      case State::kSubIac:
        if (byte == kSe) {
          OnSubnegotiation(sub_, out);
          state_ = State::kData;
        } else {
          sub_.push_back(ch);  // IAC IAC inside a sub-negotiation
          state_ = State::kSub;
        }
        break;
    }
  }
  return out;
}

void TelnetHost::OnCommand(uint8_t verb, uint8_t option, std::string& out) {
  const bool wanted_from_client =
      option == kTn3270e || option == kTerminalType || option == kBinary || option == kEndOfRecord;
  const bool offered_by_host = option == kBinary || option == kEndOfRecord;
  switch (verb) {
    case kWill:
      client_will_[option] = true;
      if (!wanted_from_client) {
        Command(out, kDont, option);
        return;
      }
      if (!sent_do_[option]) {
        sent_do_[option] = true;
        Command(out, kDo, option);
      }
      if (option == kTn3270e) {
        Sub(out, kTn3270e, Bytes({kSend, kDeviceType}));
      } else if (option == kTerminalType && !tn3270e_) {
        Sub(out, kTerminalType, Bytes({1}));  // SEND
      }
      MaybeReadyPlain();
      return;
    case kWont:
      client_will_[option] = false;
      if (option == kTn3270e && !ready_ && !sent_do_[kTerminalType]) {
        sent_do_[kTerminalType] = true;  // fall back to plain TN3270
        Command(out, kDo, kTerminalType);
      }
      return;
    case kDo:
      client_do_[option] = true;
      if (!offered_by_host) {
        Command(out, kWont, option);
        return;
      }
      if (!sent_will_[option]) {
        sent_will_[option] = true;
        Command(out, kWill, option);
      }
      MaybeReadyPlain();
      return;
    case kDont:
      client_do_[option] = false;
      return;
    default:
      return;
  }
}

void TelnetHost::OnSubnegotiation(std::string_view payload, std::string& out) {
  if (payload.empty()) return;
  const auto option = static_cast<uint8_t>(payload[0]);
  if (option == kTerminalType && payload.size() >= 2 && payload[1] == 0) {  // IS
    terminal_type_ = std::string(payload.substr(2));
    for (uint8_t opt : {kEndOfRecord, kBinary}) {
      if (!sent_do_[opt]) {
        sent_do_[opt] = true;
        Command(out, kDo, opt);
      }
      if (!sent_will_[opt]) {
        sent_will_[opt] = true;
        Command(out, kWill, opt);
      }
    }
    MaybeReadyPlain();
    return;
  }
  if (option != kTn3270e || payload.size() < 3) return;
  const auto kind = static_cast<uint8_t>(payload[1]);
  const auto verb = static_cast<uint8_t>(payload[2]);
  if (kind == kDeviceType && verb == kRequest) {
    std::string type(payload.substr(3));
    const size_t connect = type.find(static_cast<char>(kConnect));
    if (connect != std::string::npos) type.resize(connect);
    terminal_type_ = type;
    Sub(out, kTn3270e, Bytes({kDeviceType, kIs}) + type + static_cast<char>(kConnect) + "OMNLU001");
  } else if (kind == kFunctions && verb == kRequest) {
    if (payload.size() == 3) {
      Sub(out, kTn3270e, Bytes({kFunctions, kIs}));
      tn3270e_ = ready_ = true;
    } else {
      Sub(out, kTn3270e, Bytes({kFunctions, kRequest}));  // we support none of them
    }
  } else if (kind == kFunctions && verb == kIs) {
    tn3270e_ = ready_ = true;
  }
}

void TelnetHost::MaybeReadyPlain() {
  if (ready_ || terminal_type_.empty() || client_will_[kTn3270e]) return;
  if (client_will_[kBinary] && client_will_[kEndOfRecord] && client_do_[kBinary] &&
      client_do_[kEndOfRecord]) {
    ready_ = true;
  }
}

void TelnetHost::OnRecordEnd(std::vector<std::string>* records) {
  std::string record = std::move(record_);
  record_.clear();
  if (!ready_) return;
  if (tn3270e_) {
    if (record.size() < 5 || record[0] != 0) return;  // not 3270-DATA
    record.erase(0, 5);
  }
  records->push_back(std::move(record));
}

std::string TelnetHost::Frame(std::string_view record) {
  std::string payload;
  if (tn3270e_) {
    payload += Bytes(
        {0, 0, 0, static_cast<uint8_t>(sequence_ >> 8), static_cast<uint8_t>(sequence_ & 0xFF)});
    ++sequence_;
  }
  payload += record;
  std::string out;
  out.reserve(payload.size() + 8);
  for (char c : payload) {
    out.push_back(c);
    if (static_cast<uint8_t>(c) == kIac) out.push_back(c);
  }
  out.push_back(static_cast<char>(kIac));
  out.push_back(static_cast<char>(kEor));
  return out;
}

}  // namespace omnihub::mainframe_sim
