// End to end: starts mainframe-sim on an ephemeral port and drives it with the real 3270 emulator
// s3270 (scripted through its stdin/stdout): sign on, open the inquiry, look up the demo
// customer's account and read her name from the screen. Both TN3270E and plain TN3270 (s3270's
// "N:" host prefix). Skipped when /usr/bin/s3270 is not installed. Every process started here is
// stopped (SIGTERM, then SIGKILL) when the test ends.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr char kS3270[] = "/usr/bin/s3270";

// True when `text` ends with the whole line `line`.
bool EndsWithLine(const std::string& text, const std::string& line) {
  const std::string tail = line + "\n";
  if (text == tail) return true;
  return text.size() > tail.size() && text.ends_with(tail) &&
         text[text.size() - tail.size() - 1] == '\n';
}

// A child process with optional stdin/stdout pipes; stopped in the destructor.
class Child {
 public:
  Child(std::vector<std::string> argv, bool piped) {
    int to_child[2] = {-1, -1};
    int from_child[2] = {-1, -1};
    if (piped && (pipe(to_child) != 0 || pipe(from_child) != 0)) return;
    pid_ = fork();
    if (pid_ == 0) {
      if (piped) {
        dup2(to_child[0], 0);
        dup2(from_child[1], 1);
        close(to_child[1]);
        close(from_child[0]);
      }
      std::vector<char*> args;
      for (auto& arg : argv) args.push_back(arg.data());
      args.push_back(nullptr);
      execv(args[0], args.data());
      _exit(127);
    }
    if (piped) {
      close(to_child[0]);
      close(from_child[1]);
      in_ = to_child[1];
      out_ = from_child[0];
    }
  }
  ~Child() {
    if (in_ >= 0) close(in_);
    if (out_ >= 0) close(out_);
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  Child(const Child&) = delete;
  Child& operator=(const Child&) = delete;

  bool started() const { return pid_ > 0; }

  // Sends one s3270 action and returns its output up to and including the "ok"/"error" line
  // (empty on timeout or end of output).
  std::string Run(const std::string& action) {
    const std::string line = action + "\n";
    if (write(in_, line.data(), line.size()) != static_cast<ssize_t>(line.size())) return "";
    std::string output;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      if (EndsWithLine(output, "ok") || EndsWithLine(output, "error")) return output;
      pollfd fd{out_, POLLIN, 0};
      if (poll(&fd, 1, 200) <= 0) continue;
      char buffer[4096];
      const ssize_t n = read(out_, buffer, sizeof buffer);
      if (n <= 0) return output;
      output.append(buffer, static_cast<size_t>(n));
    }
    return output;
  }

 private:
  pid_t pid_ = -1;
  int in_ = -1;
  int out_ = -1;
};

std::string ReadyAddress(const std::filesystem::path& file) {
  for (int i = 0; i < 200; ++i) {
    std::ifstream in(file);
    std::string line;
    if (std::getline(in, line) && line.rfind("tn3270=", 0) == 0) return line.substr(7);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return "";
}

class S3270Test : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (access(kS3270, X_OK) != 0) GTEST_SKIP() << kS3270 << " is not installed";
    ready_file_ =
        std::filesystem::temp_directory_path() /
        ("mainframe-sim-ready-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::remove(ready_file_);
    simulator_ = std::make_unique<Child>(
        std::vector<std::string>{MAINFRAME_SIM_BINARY, "--listen", "127.0.0.1:0", "--ready-file",
                                 ready_file_.string(), "--customers", "100"},
        false);
    ASSERT_TRUE(simulator_->started());
    address_ = ReadyAddress(ready_file_);
    ASSERT_FALSE(address_.empty()) << "mainframe-sim did not write its ready file";
    emulator_ = std::make_unique<Child>(std::vector<std::string>{kS3270, "-model", "2"}, true);
    ASSERT_TRUE(emulator_->started());
  }
  void TearDown() override {
    emulator_.reset();
    simulator_.reset();
    std::filesystem::remove(ready_file_);
  }

  // Runs an action and expects it to succeed.
  std::string Ok(const std::string& action) {
    const std::string output = emulator_->Run(action);
    EXPECT_TRUE(output.size() >= 3 && output.substr(output.size() - 3) == "ok\n")
        << action << " -> " << output;
    return output;
  }

  static inline int counter_ = 0;
  std::filesystem::path ready_file_;
  std::string address_;
  std::unique_ptr<Child> simulator_;
  std::unique_ptr<Child> emulator_;
};

TEST_P(S3270Test, SignsOnAndReadsTheDemoCustomer) {
  Ok("Connect(" + GetParam() + address_ + ")");
  Ok("Wait(10,InputField)");
  EXPECT_NE(Ok("Ascii()").find("OMNS001"), std::string::npos);
  Ok("String(\"csr0001\")");
  Ok("Tab()");
  Ok("String(\"OMNIHUB\")");
  Ok("Enter()");
  Ok("Wait(10,Output)");
  const std::string menu = Ok("Ascii()");
  ASSERT_NE(menu.find("OMNM001"), std::string::npos) << menu;
  Ok("String(\"1\")");
  Ok("Enter()");
  Ok("Wait(10,Output)");
  ASSERT_NE(Ok("Ascii()").find("OMNI001"), std::string::npos);
  Ok("String(\"00104217\")");
  Ok("Enter()");
  Ok("Wait(10,Output)");
  const std::string inquiry = Ok("Ascii()");
  EXPECT_NE(inquiry.find("DOE JANE"), std::string::npos) << inquiry;
  EXPECT_NE(inquiry.find("LS1 4AB"), std::string::npos) << inquiry;
  // A wrong account number shows the not-found message on the same screen.
  Ok("EraseEOF()");
  Ok("String(\"99999999\")");
  Ok("Enter()");
  Ok("Wait(10,Output)");
  EXPECT_NE(Ok("Ascii()").find("ACCOUNT 99999999 NOT FOUND"), std::string::npos);
  Ok("PF(3)");
  Ok("Wait(10,Output)");
  EXPECT_NE(Ok("Ascii()").find("OMNM001"), std::string::npos);
  Ok("Disconnect()");
}

INSTANTIATE_TEST_SUITE_P(Modes, S3270Test, ::testing::Values("", "N:"), [](const auto& param_info) {
  return param_info.param.empty() ? std::string("Tn3270e") : std::string("PlainTn3270");
});

}  // namespace
