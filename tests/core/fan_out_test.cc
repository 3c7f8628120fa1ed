// The fan-out: parallel calls, deadlines, partial results, cancellation.
#include "hub/aggregate/fan_out.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "adapters/sdk/testing/fake_adapter.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::Clock;
using omnihub::sdk::testing::FakeAdapter;

class FanOutTest : public ::testing::Test {
 protected:
  FanOutTest() : work_(boost::asio::make_work_guard(io_)) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~FanOutTest() override {
    work_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }

  std::shared_ptr<FakeAdapter> Add(const std::string& system, std::chrono::milliseconds latency) {
    auto adapter = std::make_shared<FakeAdapter>(
        io_.get_executor(), system, omnihub::sdk::Capabilities{Capability::kOrders}, latency);
    adapters_.push_back(adapter);
    customer_.accounts.push_back({system, "A-" + system, "test"});
    return adapter;
  }

  // Runs a fan-out for ORDERS and waits for its outcomes.
  std::vector<SourceOutcome> Run(std::chrono::milliseconds budget,
                                 std::shared_ptr<FanOutHandle>* handle = nullptr,
                                 std::function<void()> after_start = nullptr) {
    FanOut fan_out({adapters_.begin(), adapters_.end()}, io_.get_executor());
    std::promise<std::vector<SourceOutcome>> result;
    std::atomic<int> done_calls{0};
    auto started = fan_out.Run(customer_, FanOutRequest{{omnihub::v1::SECTION_ORDERS}, 20, ""},
                               Clock::now() + budget, [&](std::vector<SourceOutcome> outcomes) {
                                 if (done_calls.fetch_add(1) == 0) result.set_value(outcomes);
                               });
    if (handle) *handle = started;
    if (after_start) after_start();
    auto outcomes = result.get_future().get();
    std::this_thread::sleep_for(20ms);
    EXPECT_EQ(done_calls.load(), 1) << "done must run exactly once";
    return outcomes;
  }

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::vector<std::shared_ptr<FakeAdapter>> adapters_;
  GoldenCustomer customer_{"C-test", {}, {}, "Test Customer", "LS1 4AB", {}, {}};
};

TEST_F(FanOutTest, CallsSourcesInParallelNotOneAfterAnother) {
  Add("a", 100ms);
  Add("b", 200ms);
  Add("c", 300ms);
  const auto started = Clock::now();
  auto outcomes = Run(2s);
  const auto elapsed = Clock::now() - started;
  ASSERT_EQ(outcomes.size(), 3u);
  for (const auto& outcome : outcomes) EXPECT_TRUE(outcome.status.ok()) << outcome.system;
  // Sequential calls would take 600 ms; in parallel the slowest (300 ms) sets the pace.
  EXPECT_GE(elapsed, 300ms);
  EXPECT_LT(elapsed, 550ms);
  EXPECT_GE(*outcomes[2].latency, 300ms);
}

TEST_F(FanOutTest, DeadlineGivesPartialResultsAndCancelsTheLateSource) {
  auto fast = Add("fast", 10ms);
  auto slow = Add("slow", 5000ms);
  const auto started = Clock::now();
  auto outcomes = Run(200ms);
  const auto elapsed = Clock::now() - started;
  EXPECT_LT(elapsed, 1000ms);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[1].status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(slow->cancellations(), 1) << "the late call must be cancelled, not left running";
  EXPECT_EQ(fast->cancellations(), 0);
}

TEST_F(FanOutTest, FailingSourceDoesNotFailTheOthers) {
  Add("good", 10ms);
  auto bad = Add("bad", 10ms);
  bad->error = absl::UnavailableError("connection refused");
  auto outcomes = Run(1s);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_TRUE(outcomes[0].status.ok());
  EXPECT_EQ(outcomes[1].status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(outcomes[1].status.message(), "connection refused");
}

TEST_F(FanOutTest, SystemWithoutAnAccountIsNotFoundWithoutACall) {
  Add("erp", 10ms);
  auto other = std::make_shared<FakeAdapter>(io_.get_executor(), "pos",
                                             omnihub::sdk::Capabilities{Capability::kOrders}, 10ms);
  adapters_.push_back(other);  // no account of the customer in "pos"
  auto outcomes = Run(1s);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[1].system, "pos");
  EXPECT_EQ(outcomes[1].status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(other->calls(), 0);
}

TEST_F(FanOutTest, AdaptersWithoutTheCapabilityAreNotAsked) {
  Add("erp", 10ms);
  auto loyalty_only = std::make_shared<FakeAdapter>(
      io_.get_executor(), "mainframe", omnihub::sdk::Capabilities{Capability::kLoyalty}, 10ms);
  adapters_.push_back(loyalty_only);
  customer_.accounts.push_back({"mainframe", "M1", "test"});
  auto outcomes = Run(1s);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(loyalty_only->calls(), 0);
}

TEST_F(FanOutTest, CallerCancellationCancelsOutstandingCalls) {
  auto slow = Add("slow", 5000ms);
  std::shared_ptr<FanOutHandle> handle;
  const auto started = Clock::now();
  auto outcomes = Run(10s, &handle, [&] {
    std::this_thread::sleep_for(50ms);
    handle->Cancel();
  });
  EXPECT_LT(Clock::now() - started, 1000ms);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(slow->cancellations(), 1);
}

TEST_F(FanOutTest, AccountIdsAndLimitsReachTheAdapter) {
  auto erp = Add("erp", 1ms);
  customer_.accounts.push_back({"erp", "A-erp-2", "test"});
  Run(1s);
  auto request = erp->last_request();
  EXPECT_EQ(request.account_ids, (std::vector<std::string>{"A-erp", "A-erp-2"}));
  EXPECT_EQ(request.recent_limit, 20);
  ASSERT_EQ(request.sections.size(), 1u);
}

}  // namespace
}  // namespace omnihub::hub
