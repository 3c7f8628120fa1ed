// The host's "session in use" screen at sign-on (the mainframe simulator's fault mode): the
// connector recognises it by the mapping's error-screen markers and answers UNAVAILABLE with the
// screen's message in the status; once the condition clears, the pool signs on again and the
// connector answers.
#include <gtest/gtest.h>

#include <thread>

#include "mainframe_adapter.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RunningSim;

absl::StatusOr<sdk::SourceData> FetchJane(sdk::Adapter& adapter) {
  return testing::FetchProfile(adapter, testing::kDemoAccount);
}

TEST(Tn3270SessionInUse, IsUnavailableWithTheScreensMessageAndThePoolRecoversWhenItClears) {
  RunningSim sim({.host = "127.0.0.1", .port = 0, .session_in_use = true});
  IoThreads io(2);
  auto made = testing::MakeMainframeAdapter(io.executor(), sim.port(), {{"pool_size", "1"}});
  ASSERT_TRUE(made.ok()) << made.status();
  auto& adapter = *made;

  const auto refused = FetchJane(*adapter);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kUnavailable) << refused.status();
  const std::string message(refused.status().message());
  EXPECT_NE(message.find("already signed on elsewhere (session in use)"), std::string::npos)
      << message;
  EXPECT_NE(message.find("OMN0409E SESSION IN USE - USERID CSR0001 IS ALREADY SIGNED ON"),
            std::string::npos)
      << "the screen's message line is in the status: " << message;
  EXPECT_EQ(message.find("OMNIHUB"), std::string::npos) << "no password in a status";

  // The other session ends: the next sign-on after the pool's back-off succeeds.
  sim.SetSessionInUse(false);
  absl::StatusOr<sdk::SourceData> answered = absl::UnknownError("not asked");
  for (int attempt = 0; attempt < 300 && !answered.ok(); ++attempt) {
    answered = FetchJane(*adapter);
    if (!answered.ok()) {
      EXPECT_EQ(answered.status().code(), absl::StatusCode::kUnavailable) << answered.status();
      std::this_thread::sleep_for(100ms);
    }
  }
  ASSERT_TRUE(answered.ok()) << "the pool signed on again once the session was free: "
                             << answered.status();
  ASSERT_TRUE(answered->profile.has_value());
  EXPECT_EQ(answered->profile->family_name(), "Doe");
}

}  // namespace
}  // namespace omnihub::tn3270
