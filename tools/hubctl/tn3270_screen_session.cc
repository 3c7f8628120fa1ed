#include "tools/hubctl/tn3270_screen_session.h"

#include <optional>

#include "absl/strings/str_cat.h"

namespace omnihub::hubctl {

using tn3270::Aid;
using tn3270::Client;

ScreenSession::ScreenSession(tn3270::ClientOptions options,
                             std::chrono::milliseconds screen_timeout, Observer observer)
    : options_(std::move(options)),
      screen_timeout_(screen_timeout),
      observer_(std::move(observer)),
      client_(Client::Create(io_.get_executor(), options_)) {}

ScreenSession::~ScreenSession() {
  client_->Close();
  io_.poll();
}

absl::Status ScreenSession::Wait(const std::function<void(Client::Handler)>& start) {
  std::optional<absl::Status> result;
  start([&result](absl::Status status) { result = std::move(status); });
  while (!result) {
    if (io_.stopped()) io_.restart();
    io_.run_one();
  }
  return *result;
}

absl::Status ScreenSession::Connect() {
  absl::Status status =
      Wait([this](Client::Handler done) { client_->AsyncConnect(screen_timeout_, done); });
  if (!status.ok()) {
    return absl::Status(status.code(),
                        absl::StrCat(options_.host, ":", options_.port, ": ", status.message()));
  }
  observer_(client_->screen(), "");
  return absl::OkStatus();
}

absl::Status ScreenSession::Run(const std::vector<KeyAction>& actions) {
  for (const KeyAction& action : actions) {
    if (action.kind == KeyAction::Kind::kAid || action.kind == KeyAction::Kind::kWait) {
      typed_since_screen_ += DescribeKeyAction(action);
      absl::Status status = Wait([this, &action](Client::Handler done) {
        if (action.kind == KeyAction::Kind::kAid) {
          client_->AsyncSendAid(action.aid, screen_timeout_, done);
        } else {
          client_->AsyncWaitForScreen(screen_timeout_, done);
        }
      });
      if (!status.ok()) {
        return absl::Status(status.code(),
                            absl::StrCat(DescribeKeyAction(action), ": ", status.message()));
      }
      observer_(client_->screen(), typed_since_screen_);
      typed_since_screen_.clear();
      continue;
    }
    tn3270::Screen& screen = client_->screen();
    // Where the text goes decides whether the transcript may show it.
    bool hidden = false;
    if (action.kind == KeyAction::Kind::kLabeledField) {
      const auto field = FieldAfterLabel(screen, action.label);
      hidden = field && field->is_hidden();
    } else if (action.kind == KeyAction::Kind::kText) {
      const auto field = screen.FieldAt(screen.cursor());
      hidden = field && field->is_hidden();
    }
    if (absl::Status status = ApplyKeystroke(screen, client_->keyboard(), action); !status.ok()) {
      return status;
    }
    KeyAction shown = action;
    if (hidden) shown.text = std::string(action.text.size(), '*');
    typed_since_screen_ += DescribeKeyAction(shown);
  }
  return absl::OkStatus();
}

std::string ScreenSession::Describe() const {
  const auto& telnet = client_->telnet();
  std::string mode = "negotiating";
  if (telnet.mode() == tn3270::SessionMode::kTn3270) mode = "TN3270";
  if (telnet.mode() == tn3270::SessionMode::kTn3270e) mode = "TN3270E";
  std::string text =
      absl::StrCat(options_.host, ":", options_.port, "  ", mode, "  ", telnet.terminal_type());
  if (!telnet.device_name().empty()) absl::StrAppend(&text, "  LU ", telnet.device_name());
  if (options_.tls) absl::StrAppend(&text, "  TLS");
  return text;
}

}  // namespace omnihub::hubctl
