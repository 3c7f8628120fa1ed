// hubctl 3270 screen: connects to any 3270 host (TN3270E or plain TN3270, TLS optional), types
// the --keys, prints the last screen with rulers (and fields), and records every screen seen.
// Talks to the host directly, not to the hub.
#include <boost/asio/ssl/context.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/tn3270_keys.h"
#include "tools/hubctl/tn3270_screen_session.h"
#include "tools/hubctl/tn3270_screen_view.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

// Where --record writes: one transcript file, or (for an existing directory) one file per screen.
class Recorder {
 public:
  explicit Recorder(std::string path) : path_(std::move(path)) {
    if (path_.empty()) return;
    directory_ = fs::is_directory(path_);
    if (!directory_) {
      file_.open(path_, std::ios::trunc);
      if (!file_) throw UsageError("--record: cannot write " + path_);
    }
  }
  void Add(const std::string& header, const std::string& rendered, const std::string& keys) {
    if (path_.empty()) return;
    ++count_;
    std::ostringstream text;
    text << "=== screen " << count_ << ": "
         << (count_ == 1 ? std::string("first screen") : "after " + keys) << " ===\n"
         << "# " << header << "\n"
         << rendered;
    if (directory_) {
      const fs::path file = fs::path(path_) / absl::StrFormat("screen-%02d.txt", count_);
      std::ofstream out(file, std::ios::trunc);
      out << text.str();
      if (!out) failed_ = "cannot write " + file.string();
    } else {
      file_ << text.str() << "\n";
      if (!file_) failed_ = "cannot write " + path_;
    }
  }
  const std::string& failed() const { return failed_; }
  int count() const { return count_; }

 private:
  std::string path_;
  bool directory_ = false;
  std::ofstream file_;
  int count_ = 0;
  std::string failed_;
};

void SplitHostPort(const std::string& target, std::string& host, int& port) {
  const auto colon = target.rfind(':');
  if (colon == std::string::npos) {
    host = target;
    return;
  }
  host = target.substr(0, colon);
  if (!absl::SimpleAtoi(target.substr(colon + 1), &port)) {
    throw UsageError("HOST:PORT expected, got '" + target + "'");
  }
}

tn3270::ClientOptions ClientOptionsFrom(const po::variables_map& flags) {
  tn3270::ClientOptions options;
  std::string host = flags["host"].as<std::string>();
  int port = flags["port"].as<int>();
  if (flags.count("target")) SplitHostPort(flags["target"].as<std::string>(), host, port);
  if (host.empty()) throw UsageError("name the host: HOST:PORT or --host HOST");
  if (port < 1 || port > 65535) throw UsageError("the port must be in [1, 65535]");
  options.host = host;
  options.port = static_cast<std::uint16_t>(port);
  const int model = flags["model"].as<int>();
  if (model < 2 || model > 5) throw UsageError("--model must be 2, 3, 4 or 5");
  options.terminal.model = model;
  options.terminal.tn3270e = !flags["tn3270"].as<bool>();
  const auto code_page = tn3270::ParseCodePage(flags["code-page"].as<std::string>());
  if (!code_page) throw UsageError("--code-page must be 037, 1047 or 285");
  options.code_page = *code_page;
  if (flags["tls"].as<bool>()) {
    auto tls = std::make_shared<boost::asio::ssl::context>(boost::asio::ssl::context::tls_client);
    if (flags["tls-no-verify"].as<bool>()) {
      tls->set_verify_mode(boost::asio::ssl::verify_none);
    } else {
      tls->set_verify_mode(boost::asio::ssl::verify_peer);
      if (flags.count("tls-ca")) {
        boost::system::error_code error;
        tls->load_verify_file(flags["tls-ca"].as<std::string>(), error);
        if (error) throw UsageError("--tls-ca: " + error.message());
      } else {
        tls->set_default_verify_paths();
      }
    }
    options.tls = std::move(tls);
  }
  return options;
}

int RunScreen(const po::variables_map& flags, HubConnection& hub) {
  tn3270::ClientOptions options = ClientOptionsFrom(flags);
  std::vector<KeyAction> actions;
  if (flags.count("keys")) {
    auto parsed = ParseKeys(flags["keys"].as<std::string>());
    if (!parsed.ok()) throw UsageError(std::string(parsed.status().message()));
    actions = *std::move(parsed);
  }
  const bool show_fields = flags["fields"].as<bool>();
  const bool every_screen = flags["every-screen"].as<bool>();
  Recorder recorder(flags.count("record") ? flags["record"].as<std::string>() : "");

  std::string last;
  ScreenSession* session_ptr = nullptr;
  ScreenSession session(
      options, std::chrono::milliseconds(hub.options().timeout_ms),
      [&](const tn3270::Screen& screen, const std::string& keys) {
        last = RenderScreen(screen, show_fields);
        recorder.Add(session_ptr->Describe(), RenderScreen(screen, true), keys);
        if (every_screen) {
          std::cout << "=== " << (keys.empty() ? std::string("first screen") : "after " + keys)
                    << " ===\n"
                    << last << "\n";
        }
      });
  session_ptr = &session;

  absl::Status status = session.Connect();
  if (status.ok()) status = session.Run(actions);
  if (!last.empty() && !every_screen) std::cout << "# " << session.Describe() << "\n" << last;
  if (!recorder.failed().empty()) {
    std::cerr << "hubctl: --record: " << recorder.failed() << "\n";
    return kExitOtherError;
  }
  if (!status.ok()) {
    std::cerr << "hubctl: " << status.message() << "\n";
    if (!session.client().connected() && last.empty()) return kExitUnreachable;
    return status.code() == absl::StatusCode::kInvalidArgument ||
                   status.code() == absl::StatusCode::kNotFound ||
                   status.code() == absl::StatusCode::kFailedPrecondition ||
                   status.code() == absl::StatusCode::kOutOfRange
               ? kExitInvalidArgument
               : kExitOtherError;
  }
  return kExitOk;
}

}  // namespace

void AddTn3270Commands(std::vector<Command>& commands) {
  commands.push_back(Command{
      .group = "3270",
      .verb = "screen",
      .arguments = "HOST:PORT | --host H [--port P] [--keys K] [--fields] [--record PATH]",
      .summary = "connect to a 3270 host, type --keys, print the screen (tool for mapping scripts)",
      .add_options =
          [](po::options_description& options, po::positional_options_description& positional) {
            options.add_options()("target", po::value<std::string>(), "HOST:PORT")(
                "host", po::value<std::string>()->default_value(""), "the 3270 host")(
                "port", po::value<int>()->default_value(3270), "its port")(
                "keys", po::value<std::string>(),
                "keystrokes: text, <ENTER> <CLEAR> <PF1>..<PF24> <PA1>..<PA3> <TAB> <BACKTAB> "
                "<HOME> <EOF> <WAIT> <@ROW,COL>, [LABEL]=value; << types '<'")(
                "fields", po::bool_switch(),
                "mark field boundaries and list fields with attributes")(
                "every-screen", po::bool_switch(), "print every screen, not only the last")(
                "record", po::value<std::string>(),
                "write every screen seen (with fields) to this file, or one file per screen "
                "into this existing directory")("tls", po::bool_switch(), "TLS to the host")(
                "tls-ca", po::value<std::string>(), "CA certificates (PEM) to verify the host")(
                "tls-no-verify", po::bool_switch(), "do not verify the host's certificate")(
                "tn3270", po::bool_switch(), "plain TN3270 only (refuse TN3270E)")(
                "model", po::value<int>()->default_value(2), "3278 model 2..5")(
                "code-page", po::value<std::string>()->default_value("037"), "037, 1047 or 285");
            positional.add("target", 1);
          },
      .run = RunScreen,
  });
}

}  // namespace omnihub::hubctl
