// End to end: the hubctl binary's `3270 screen` against the mainframe simulator (in process, on
// 127.0.0.1:0): sign on by field labels, open the inquiry, print the screen with fields, record
// the transcript, plain TN3270, and the errors (unreachable host, bad keys).
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <boost/asio/ip/tcp.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "running_sim.h"

namespace {

using omnihub::tn3270::testing::RunningSim;

struct Result {
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

Result Hubctl(const std::string& arguments) {
  const std::string command = std::string(HUBCTL_BINARY) + " " + arguments + " 2>&1";
  Result result;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  std::size_t n;
  while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0) result.output.append(buffer, n);
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string Target(const RunningSim& sim) { return "127.0.0.1:" + std::to_string(sim.port()); }

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

constexpr char kSignOnAndInquire[] =
    "'[USERID]=CSR0001[PASSWORD]=OMNIHUB<ENTER>[OPTION]=1[ACCOUNT]=00104217<ENTER>'";

TEST(Hubctl3270Screen, ShowsTheFirstScreen) {
  RunningSim sim;
  const Result result = Hubctl("3270 screen " + Target(sim));
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("TN3270E  IBM-3278-2-E"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("OMNIHUB RETAIL - CICS SIGN-ON"), std::string::npos);
  EXPECT_NE(result.output.find("    0123456789"), std::string::npos);
  EXPECT_NE(result.output.find("cursor 6,26"), std::string::npos) << result.output;
}

TEST(Hubctl3270Screen, SignsOnByLabelsAndShowsTheInquiryWithFields) {
  RunningSim sim;
  const Result result = Hubctl("3270 screen --host 127.0.0.1 --port " + std::to_string(sim.port()) +
                               " --fields --keys " + kSignOnAndInquire);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("CUSTOMER INQUIRY"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("DOE JANE"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("OMNI001"), std::string::npos);
  EXPECT_NE(result.output.find("protected intensified"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("2,21       8  input"), std::string::npos) << result.output;
}

TEST(Hubctl3270Screen, RecordsEveryScreenWithoutTheHiddenPassword) {
  RunningSim sim;
  const auto file = std::filesystem::temp_directory_path() /
                    ("hubctl_3270_record_" + std::to_string(getpid()) + ".txt");
  const Result result = Hubctl("3270 screen " + Target(sim) + " --record " + file.string() +
                               " --keys " + kSignOnAndInquire + "'<PF3>'");
  ASSERT_EQ(result.exit_code, 0) << result.output;
  const std::string transcript = ReadFile(file);
  std::filesystem::remove(file);
  EXPECT_NE(transcript.find("=== screen 1: first screen ==="), std::string::npos) << transcript;
  EXPECT_NE(transcript.find("=== screen 2: after [USERID]=CSR0001[PASSWORD]=*******<Enter>"),
            std::string::npos)
      << transcript;
  EXPECT_NE(transcript.find("=== screen 3: after [OPTION]=1[ACCOUNT]=00104217<Enter>"),
            std::string::npos)
      << transcript;
  EXPECT_NE(transcript.find("=== screen 4: after <PF3>"), std::string::npos) << transcript;
  EXPECT_EQ(transcript.find("=== screen 5"), std::string::npos);
  EXPECT_EQ(transcript.find("PASSWORD]=OMNIHUB"), std::string::npos);
  EXPECT_NE(transcript.find("OMN0102I SIGN-ON COMPLETE"), std::string::npos);
}

TEST(Hubctl3270Screen, RecordsOneFilePerScreenIntoADirectory) {
  RunningSim sim;
  const auto dir =
      std::filesystem::temp_directory_path() / ("hubctl_3270_dir_" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const Result result = Hubctl("3270 screen " + Target(sim) + " --record " + dir.string() +
                               " --keys " + kSignOnAndInquire);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "screen-01.txt"));
  EXPECT_TRUE(std::filesystem::exists(dir / "screen-03.txt"));
  EXPECT_NE(ReadFile(dir / "screen-03.txt").find("DOE JANE"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(Hubctl3270Screen, SpeaksPlainTn3270WhenAsked) {
  RunningSim sim;
  const Result result =
      Hubctl("3270 screen " + Target(sim) + " --tn3270 --keys " + kSignOnAndInquire);
  ASSERT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("  TN3270  IBM-3278-2-E"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("DOE JANE"), std::string::npos);
}

TEST(Hubctl3270Screen, AnUnreachableHostExitsThree) {
  std::uint16_t closed_port;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    closed_port = acceptor.local_endpoint().port();
  }
  const Result result = Hubctl("3270 screen 127.0.0.1:" + std::to_string(closed_port));
  EXPECT_EQ(result.exit_code, 3) << result.output;
  EXPECT_NE(result.output.find("connecting to 127.0.0.1:"), std::string::npos) << result.output;
}

TEST(Hubctl3270Screen, BadKeysAndAMissingLabelAreExplained) {
  RunningSim sim;
  Result result = Hubctl("3270 screen " + Target(sim) + " --keys '<PF99>'");
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("unknown key <PF99>"), std::string::npos) << result.output;

  result = Hubctl("3270 screen " + Target(sim) + " --keys '[SURNAME]=DOE<ENTER>'");
  EXPECT_EQ(result.exit_code, 5) << result.output;
  EXPECT_NE(result.output.find("[SURNAME]: no input field"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("CICS SIGN-ON"), std::string::npos);  // the screen it was on
}

}  // namespace
