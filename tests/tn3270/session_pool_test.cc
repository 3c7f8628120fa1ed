// The session pool against the in-process mainframe simulator (127.0.0.1:0): sign-on once and
// reuse, exclusive leases, the bounded queue under deadlines, reset and replacement of sessions
// left on an unexpected screen, sign-on again after drops, slow screens, an unreachable host.
#include "adapters/tn3270/pool/session_pool.h"

#include <gtest/gtest.h>

#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <future>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "adapters/tn3270/pool/password_sign_on.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RunningSim;

std::string ScreenId(const Screen& screen) { return screen.RegionText(0, 1, 7); }

SessionPoolOptions SimPool(std::uint16_t port, int size) {
  SessionPoolOptions options;
  options.system = "mainframe";
  options.client.port = port;
  options.size = size;
  options.sign_on = PasswordSignOn("CSR0001", "OMNIHUB");
  options.is_home = [](const Screen& screen) { return ScreenId(screen) == "OMNM001"; };
  options.reconnect_backoff = 20ms;
  options.reconnect_backoff_max = 100ms;
  return options;
}

std::shared_ptr<SessionPool> MakePool(IoThreads& io, SessionPoolOptions options) {
  auto pool = SessionPool::Create(io.executor(), std::move(options));
  EXPECT_TRUE(pool.ok()) << pool.status();
  return pool.ok() ? *pool : nullptr;
}

absl::StatusOr<Lease> AcquireWait(SessionPool& pool, std::chrono::milliseconds timeout = 5s) {
  std::promise<absl::StatusOr<Lease>> promise;
  auto future = promise.get_future();
  pool.Acquire(PoolClock::now() + timeout,
               [&promise](absl::StatusOr<Lease> lease) { promise.set_value(std::move(lease)); });
  return future.get();
}

SessionPoolStats StatsWait(SessionPool& pool) {
  std::promise<SessionPoolStats> promise;
  pool.AsyncStats([&promise](SessionPoolStats stats) { promise.set_value(stats); });
  return promise.get_future().get();
}

// Runs `fn` on the client's strand and waits for it.
template <typename Fn>
auto OnStrand(Client& client, Fn fn) {
  std::promise<decltype(fn())> promise;
  client.AsyncRun([&] { promise.set_value(fn()); });
  return promise.get_future().get();
}

// Types `text` into the field at (row, col) (optional) and presses `aid`; waits for the screen.
absl::Status Press(Client& client, Aid aid, std::chrono::milliseconds timeout = 3s) {
  std::promise<absl::Status> promise;
  client.AsyncSendAid(aid, timeout, [&promise](absl::Status status) { promise.set_value(status); });
  return promise.get_future().get();
}

absl::Status TypeAt(Client& client, int row, int col, const std::string& text) {
  return OnStrand(client, [&] {
    absl::Status moved = client.keyboard().MoveCursor(row, col);
    return moved.ok() ? client.keyboard().Type(text) : moved;
  });
}

std::string CurrentScreenId(Client& client) {
  return OnStrand(client, [&] { return ScreenId(client.screen()); });
}

// Menu -> option 1 with the account -> the inquiry screen.
absl::Status OpenInquiry(Client& client, const std::string& account,
                         std::chrono::milliseconds timeout = 3s) {
  if (auto typed = TypeAt(client, 12, 24, "1"); !typed.ok()) return typed;
  if (auto typed = TypeAt(client, 14, 24, account); !typed.ok()) return typed;
  return Press(client, Aid::kEnter, timeout);
}

TEST(SessionPool, RejectsOptionsThatCannotWork) {
  IoThreads io(1);
  SessionPoolOptions options = SimPool(1, 0);
  auto pool = SessionPool::Create(io.executor(), options);
  EXPECT_EQ(pool.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(pool.status().message().find("size"), std::string::npos) << pool.status();
  options = SimPool(1, 2);
  options.sign_on = nullptr;
  EXPECT_EQ(SessionPool::Create(io.executor(), options).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(SessionPool, SignsOnOnceAndReusesTheSessions) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 2));
  pool->Start();
  for (int i = 0; i < 10; ++i) {
    auto lease = AcquireWait(*pool);
    ASSERT_TRUE(lease.ok()) << lease.status();
    EXPECT_EQ(CurrentScreenId(lease->client()), "OMNM001");
    ASSERT_TRUE(OpenInquiry(lease->client(), testing::kDemoAccount).ok());
    EXPECT_EQ(CurrentScreenId(lease->client()), "OMNI001");
    ASSERT_TRUE(Press(lease->client(), Aid::kPf3).ok());  // back to the menu, as a script would
  }
  // The second session signs on in the background; on a loaded machine the ten leases may all
  // have gone to the first before it is done.
  auto stats = StatsWait(*pool);
  for (int i = 0; i < 500 && stats.sign_ons < 2; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stats = StatsWait(*pool);
  }
  EXPECT_EQ(stats.sign_ons, 2u);
  EXPECT_EQ(stats.leases, 10u);
  EXPECT_EQ(stats.replacements, 0u);
  EXPECT_EQ(stats.resets, 0u);
  pool->Shutdown();
}

TEST(SessionPool, NeverLendsOneSessionToTwoRequestsAtOnce) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 3));
  std::mutex mutex;
  std::set<Client*> in_use;
  int overlaps = 0;
  int max_in_use = 0;
  std::vector<std::thread> callers;
  for (int t = 0; t < 8; ++t) {
    callers.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        auto lease = AcquireWait(*pool, 10s);
        if (!lease.ok()) {
          ADD_FAILURE() << lease.status();
          return;
        }
        Client* client = &lease->client();
        {
          std::lock_guard lock(mutex);
          if (!in_use.insert(client).second) ++overlaps;
          max_in_use = std::max(max_in_use, static_cast<int>(in_use.size()));
        }
        EXPECT_TRUE(Press(*client, Aid::kClear).ok());  // one host round trip while holding it
        {
          std::lock_guard lock(mutex);
          in_use.erase(client);
        }
      }
    });
  }
  for (auto& caller : callers) caller.join();
  EXPECT_EQ(overlaps, 0);
  EXPECT_LE(max_in_use, 3);
  EXPECT_EQ(StatsWait(*pool).leases, 40u);
  pool->Shutdown();
}

TEST(SessionPool, FullQueueIsResourceExhaustedAndWaitingEndsAtTheDeadline) {
  RunningSim sim;
  IoThreads io;
  auto options = SimPool(sim.port(), 1);
  options.max_waiting = 1;
  auto pool = MakePool(io, options);
  auto held = AcquireWait(*pool);
  ASSERT_TRUE(held.ok()) << held.status();

  std::promise<absl::StatusOr<Lease>> waiting;
  pool->Acquire(PoolClock::now() + 200ms,
                [&waiting](absl::StatusOr<Lease> lease) { waiting.set_value(std::move(lease)); });
  auto rejected = AcquireWait(*pool, 5s);  // the queue (1) is full
  EXPECT_EQ(rejected.status().code(), absl::StatusCode::kResourceExhausted) << rejected.status();
  EXPECT_NE(rejected.status().message().find("busy"), std::string::npos);

  auto expired = waiting.get_future().get();
  EXPECT_EQ(expired.status().code(), absl::StatusCode::kDeadlineExceeded) << expired.status();

  held->Release();
  EXPECT_TRUE(AcquireWait(*pool).ok());  // the returned session is lent again
  const auto stats = StatsWait(*pool);
  EXPECT_EQ(stats.rejected, 1u);
  EXPECT_EQ(stats.expired, 1u);
  pool->Shutdown();
}

TEST(SessionPool, AWaitingRequestCanBeCancelled) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 1));
  auto held = AcquireWait(*pool);
  ASSERT_TRUE(held.ok());
  std::promise<absl::StatusOr<Lease>> waiting;
  const auto ticket = pool->Acquire(
      PoolClock::now() + 30s,
      [&waiting](absl::StatusOr<Lease> lease) { waiting.set_value(std::move(lease)); });
  pool->CancelAcquire(ticket);
  EXPECT_EQ(waiting.get_future().get().status().code(), absl::StatusCode::kCancelled);
  pool->Shutdown();
}

TEST(SessionPool, ASessionLeftOnAnotherScreenIsResetToTheMenu) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 1));
  {
    auto lease = AcquireWait(*pool);
    ASSERT_TRUE(lease.ok());
    ASSERT_TRUE(OpenInquiry(lease->client(), testing::kDemoAccount).ok());
    ASSERT_EQ(CurrentScreenId(lease->client()), "OMNI001");
  }  // returned on the inquiry screen
  auto lease = AcquireWait(*pool);
  ASSERT_TRUE(lease.ok());
  EXPECT_EQ(CurrentScreenId(lease->client()), "OMNM001");
  const auto stats = StatsWait(*pool);
  EXPECT_EQ(stats.resets, 1u);
  EXPECT_EQ(stats.sign_ons, 1u);
  EXPECT_EQ(stats.replacements, 0u);
  pool->Shutdown();
}

TEST(SessionPool, ASessionThatCannotBeResetIsReplacedAndSignedOnAgain) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 1));
  std::shared_ptr<Client> first;
  {
    auto lease = AcquireWait(*pool);
    ASSERT_TRUE(lease.ok());
    first = lease->client_ptr();
    ASSERT_TRUE(Press(lease->client(), Aid::kPf3).ok());  // PF3 on the menu signs off
    ASSERT_EQ(CurrentScreenId(lease->client()), "OMNS001");
  }
  auto lease = AcquireWait(*pool);
  ASSERT_TRUE(lease.ok()) << lease.status();
  EXPECT_NE(lease->client_ptr(), first);
  EXPECT_EQ(CurrentScreenId(lease->client()), "OMNM001");
  const auto stats = StatsWait(*pool);
  EXPECT_EQ(stats.replacements, 1u);
  EXPECT_EQ(stats.sign_ons, 2u);
  pool->Shutdown();
}

TEST(SessionPool, ADiscardedSessionIsReplaced) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 1));
  {
    auto lease = AcquireWait(*pool);
    ASSERT_TRUE(lease.ok());
    lease->Discard();
  }
  auto lease = AcquireWait(*pool);
  ASSERT_TRUE(lease.ok()) << lease.status();
  EXPECT_EQ(CurrentScreenId(lease->client()), "OMNM001");
  EXPECT_EQ(StatsWait(*pool).replacements, 1u);
  pool->Shutdown();
}

TEST(SessionPool, SignsOnAgainAfterTheHostDropsSessions) {
  // The simulator drops the connection instead of answering 30% of inputs (sign-on included).
  RunningSim sim({.host = "127.0.0.1", .port = 0, .disconnect_rate = 0.3, .seed = 7});
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 2));
  int done = 0;
  int dropped = 0;
  for (int attempt = 0; attempt < 400 && done < 20; ++attempt) {
    auto lease = AcquireWait(*pool);
    if (!lease.ok()) {
      // Every session down at once: UNAVAILABLE, retry after the back-off.
      ASSERT_EQ(lease.status().code(), absl::StatusCode::kUnavailable) << lease.status();
      std::this_thread::sleep_for(30ms);
      continue;
    }
    const absl::Status status = OpenInquiry(lease->client(), testing::kDemoAccount);
    if (!status.ok()) {
      EXPECT_FALSE(lease->client().connected()) << status;
      ++dropped;
      continue;
    }
    EXPECT_EQ(CurrentScreenId(lease->client()), "OMNI001");
    ++done;
  }
  EXPECT_EQ(done, 20);
  EXPECT_GT(dropped, 0);
  const auto stats = StatsWait(*pool);
  EXPECT_GT(stats.sign_ons, 2u);  // signed on again after drops
  EXPECT_GT(stats.replacements, 0u);
  pool->Shutdown();
}

TEST(SessionPool, ASlowAnswerAfterTheCallerGaveUpIsAwaitedAndTheSessionReset) {
  RunningSim sim({.host = "127.0.0.1", .port = 0, .slow_ms = 300});
  IoThreads io;
  auto options = SimPool(sim.port(), 1);
  auto pool = MakePool(io, options);
  {
    auto lease = AcquireWait(*pool, 10s);
    ASSERT_TRUE(lease.ok()) << lease.status();
    const absl::Status status = OpenInquiry(lease->client(), testing::kDemoAccount, 50ms);
    EXPECT_EQ(status.code(), absl::StatusCode::kDeadlineExceeded) << status;
  }  // returned with the keyboard locked and the inquiry screen on its way
  auto lease = AcquireWait(*pool, 10s);
  ASSERT_TRUE(lease.ok()) << lease.status();
  EXPECT_EQ(CurrentScreenId(lease->client()), "OMNM001");
  const auto stats = StatsWait(*pool);
  EXPECT_EQ(stats.resets, 1u);
  EXPECT_EQ(stats.replacements, 0u);
  pool->Shutdown();
}

TEST(SessionPool, AnUnreachableHostIsUnavailableAtOnce) {
  std::uint16_t closed_port;
  {
    boost::asio::io_context io;
    boost::asio::ip::tcp::acceptor acceptor(
        io, boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 0));
    closed_port = acceptor.local_endpoint().port();
  }
  IoThreads io;
  auto options = SimPool(closed_port, 2);
  options.reconnect_backoff = 10s;
  auto pool = MakePool(io, options);
  auto first = AcquireWait(*pool, 30s);
  EXPECT_EQ(first.status().code(), absl::StatusCode::kUnavailable) << first.status();
  EXPECT_NE(first.status().message().find("no session to 127.0.0.1:"), std::string::npos)
      << first.status();
  auto second = AcquireWait(*pool, 30s);  // within the back-off: no new attempt
  EXPECT_EQ(second.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(second.status().message().find("next attempt in"), std::string::npos)
      << second.status();
  EXPECT_EQ(StatsWait(*pool).failed_sign_ons, 2u);
  pool->Shutdown();
}

TEST(SessionPool, AWrongPasswordIsUnavailableWithTheHostsMessage) {
  RunningSim sim;
  IoThreads io;
  auto options = SimPool(sim.port(), 1);
  options.sign_on = PasswordSignOn("CSR0001", "WRONG");
  auto pool = MakePool(io, options);
  auto lease = AcquireWait(*pool);
  EXPECT_EQ(lease.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(lease.status().message().find("OMN0100E PASSWORD NOT VALID"), std::string::npos)
      << lease.status();
  pool->Shutdown();
}

TEST(SessionPool, ShutdownAnswersWaitingRequests) {
  RunningSim sim;
  IoThreads io;
  auto pool = MakePool(io, SimPool(sim.port(), 1));
  auto held = AcquireWait(*pool);
  ASSERT_TRUE(held.ok());
  std::promise<absl::StatusOr<Lease>> waiting;
  pool->Acquire(PoolClock::now() + 30s,
                [&waiting](absl::StatusOr<Lease> lease) { waiting.set_value(std::move(lease)); });
  pool->Shutdown();
  EXPECT_EQ(waiting.get_future().get().status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(AcquireWait(*pool).status().code(), absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace omnihub::tn3270
