// The aggregate cache in front of fake backends: hits, single flight, per-waiter deadlines,
// stale-while-revalidate with a controllable clock, failed refreshes, invalidation, updates.
#include "hub/cache/aggregate_cache.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/aggregate/merger.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::Clock;
using omnihub::sdk::testing::FakeAdapter;
using omnihub::v1::Section;

// Waits (polling) until `condition` holds; false after 10 s. Never used to measure time.
bool Eventually(const std::function<bool()>& condition) {
  for (int i = 0; i < 10000; ++i) {
    if (condition()) return true;
    std::this_thread::sleep_for(1ms);
  }
  return condition();
}

class AggregateCacheTest : public ::testing::Test {
 protected:
  AggregateCacheTest() : work_(boost::asio::make_work_guard(io_)) {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
    policy_.default_ttl = 60s;
    policy_.max_staleness = 600s;
  }
  ~AggregateCacheTest() override {
    cache_.reset();
    work_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }

  // An ERP with a profile and three orders, answering after `latency`.
  std::shared_ptr<FakeAdapter> AddErp(std::chrono::milliseconds latency) {
    auto erp = std::make_shared<FakeAdapter>(
        io_.get_executor(), "erp",
        omnihub::sdk::Capabilities{Capability::kProfile, Capability::kOrders}, latency);
    erp->data.profile.emplace();
    erp->data.profile->set_email("jane.doe@example.com");
    for (int i = 0; i < 3; ++i) {
      omnihub::v1::Order order;
      order.set_order_number("W" + std::to_string(i));
      erp->data.orders.push_back(order);
    }
    adapters_.push_back(erp);
    customer_.accounts.push_back({"erp", "C1", "test"});
    return erp;
  }

  AggregateCache& Cache() {
    if (!cache_) {
      cache_ = std::make_unique<AggregateCache>(adapters_, io_.get_executor(), policy_, clock_);
    }
    return *cache_;
  }

  struct Answer {
    std::vector<SourceOutcome> outcomes;
    bool at_once = false;  // done ran inside Start(): nothing was waited for
  };

  // One request for `sections` with `limit` recent records, waited for.
  Answer Get(std::vector<Section> sections = {omnihub::v1::SECTION_PROFILE,
                                              omnihub::v1::SECTION_ORDERS},
             int limit = 20, std::chrono::milliseconds budget = 5000ms) {
    std::promise<std::vector<SourceOutcome>> promise;
    std::atomic<bool> done{false};
    auto handle = Cache().Prepare(customer_, FanOutRequest{sections, limit, ""},
                                  Clock::now() + budget, [&](std::vector<SourceOutcome> outcomes) {
                                    done = true;
                                    promise.set_value(std::move(outcomes));
                                  });
    handle->Start();
    Answer answer;
    answer.at_once = done.load();
    answer.outcomes = promise.get_future().get();
    return answer;
  }

  omnihub::v1::SourceStatus StatusOf(const SourceOutcome& outcome) {
    return Merger::Statuses({outcome}).front();
  }

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  GoldenCustomer customer_{"C-jane", {}, {}, "Jane Doe", "LS1 4AB", {}, {}};
  CachePolicy policy_;
  std::shared_ptr<ManualCacheClock> clock_ = std::make_shared<ManualCacheClock>();
  std::unique_ptr<AggregateCache> cache_;
};

TEST_F(AggregateCacheTest, TheSecondRequestIsServedFromMemory) {
  auto erp = AddErp(5ms);
  auto first = Get();
  ASSERT_EQ(first.outcomes.size(), 1u);
  EXPECT_TRUE(first.outcomes[0].status.ok());
  EXPECT_TRUE(first.outcomes[0].latency.has_value()) << "asked the backend";
  auto second = Get();
  EXPECT_TRUE(second.at_once);
  EXPECT_EQ(erp->calls(), 1);
  const auto& hit = second.outcomes[0];
  EXPECT_TRUE(hit.status.ok());
  EXPECT_FALSE(hit.latency.has_value()) << "not asked";
  EXPECT_EQ(hit.data.orders.size(), 3u);
  ASSERT_TRUE(hit.data.profile);
  EXPECT_EQ(hit.data.profile->email(), "jane.doe@example.com");
  EXPECT_EQ(hit.as_of, first.outcomes[0].as_of);
  EXPECT_EQ(StatusOf(hit).state(), omnihub::v1::SOURCE_STATE_OK);
  const auto stats = Cache().Stats();
  EXPECT_EQ(stats.misses, 2u) << "two sections";
  EXPECT_EQ(stats.hits, 2u);
  EXPECT_EQ(stats.entries, 2u);
  EXPECT_GT(stats.bytes, 0u);
}

TEST_F(AggregateCacheTest, AThousandConcurrentMissesMakeOneBackendCall) {
  auto erp = AddErp(200ms);
  constexpr int kRequests = 1000;
  std::atomic<int> ok{0}, answered{0};
  std::promise<void> all_done;
  std::vector<std::shared_ptr<FanOutHandle>> handles(kRequests);
  // Made before the callers start: Cache() creates it lazily and is not itself thread-safe.
  AggregateCache& cache = Cache();
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t) {
    callers.emplace_back([&, t] {
      for (int i = t; i < kRequests; i += 4) {
        handles[i] =
            cache.Prepare(customer_, FanOutRequest{{omnihub::v1::SECTION_ORDERS}, 20, ""},
                            Clock::now() + 10s, [&](std::vector<SourceOutcome> outcomes) {
                              if (outcomes.size() == 1 && outcomes[0].status.ok() &&
                                  outcomes[0].data.orders.size() == 3) {
                                ++ok;
                              }
                              if (++answered == kRequests) all_done.set_value();
                            });
        handles[i]->Start();
      }
    });
  }
  for (auto& caller : callers) caller.join();
  all_done.get_future().wait();
  EXPECT_EQ(ok.load(), kRequests);
  EXPECT_EQ(erp->calls(), 1);
  EXPECT_EQ(erp->cancellations(), 0);
}

TEST_F(AggregateCacheTest, AWaiterWhoseDeadlinePassesTimesOutAloneAndTheSharedCallGoesOn) {
  auto erp = AddErp(300ms);
  std::promise<std::vector<SourceOutcome>> patient;
  auto patient_handle = Cache().Prepare(
      customer_, FanOutRequest{{omnihub::v1::SECTION_ORDERS}, 20, ""}, Clock::now() + 10s,
      [&](std::vector<SourceOutcome> outcomes) { patient.set_value(std::move(outcomes)); });
  patient_handle->Start();
  auto hasty = Get({omnihub::v1::SECTION_ORDERS}, 20, /*budget=*/20ms);
  EXPECT_EQ(hasty.outcomes[0].status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(StatusOf(hasty.outcomes[0]).state(), omnihub::v1::SOURCE_STATE_TIMEOUT);
  auto outcomes = patient.get_future().get();
  EXPECT_TRUE(outcomes[0].status.ok()) << outcomes[0].status;
  EXPECT_EQ(erp->calls(), 1);
  EXPECT_EQ(erp->cancellations(), 0);
}

TEST_F(AggregateCacheTest, TheSharedCallIsCancelledWhenItsLastWaiterGivesUp) {
  auto erp = AddErp(5000ms);
  std::promise<std::vector<SourceOutcome>> result;
  auto handle = Cache().Prepare(
      customer_, FanOutRequest{{omnihub::v1::SECTION_ORDERS}, 20, ""}, Clock::now() + 10s,
      [&](std::vector<SourceOutcome> outcomes) { result.set_value(std::move(outcomes)); });
  handle->Start();
  handle->Cancel();
  EXPECT_EQ(result.get_future().get()[0].status.code(), absl::StatusCode::kCancelled);
  EXPECT_TRUE(Eventually([&] { return erp->cancellations() == 1; }));
  EXPECT_EQ(Cache().flights(), 0u);
}

TEST_F(AggregateCacheTest, AnExpiredSectionIsServedStaleAtOnceWhileOneRefreshRuns) {
  auto erp = AddErp(50ms);
  auto first = Get();
  const auto first_as_of = first.outcomes[0].as_of;
  clock_->Advance(61s);
  for (int i = 0; i < 3; ++i) {
    auto stale = Get();
    EXPECT_TRUE(stale.at_once) << "nothing waited for";
    const auto& outcome = stale.outcomes[0];
    EXPECT_TRUE(outcome.status.ok());
    EXPECT_TRUE(outcome.stale);
    EXPECT_EQ(outcome.as_of, first_as_of);
    EXPECT_EQ(outcome.data.orders.size(), 3u);
    const auto status = StatusOf(outcome);
    EXPECT_EQ(status.state(), omnihub::v1::SOURCE_STATE_STALE);
    EXPECT_NE(status.detail().find("a refresh is running"), std::string::npos) << status.detail();
  }
  EXPECT_TRUE(Eventually([&] { return Cache().flights() == 0; }));
  EXPECT_EQ(erp->calls(), 2) << "the first call and one refresh for three stale serves";
  auto fresh = Get();
  EXPECT_TRUE(fresh.at_once);
  EXPECT_FALSE(fresh.outcomes[0].stale);
  EXPECT_GT(fresh.outcomes[0].as_of, first_as_of);
  const auto stats = Cache().Stats();
  EXPECT_EQ(stats.stale_serves, 6u) << "two sections, three times";
  EXPECT_EQ(stats.refreshes, 1u);
  EXPECT_EQ(stats.refresh_failures, 0u);
}

TEST_F(AggregateCacheTest, PastTheMaximumStalenessASectionIsFetchedNotServed) {
  auto erp = AddErp(5ms);
  Get();
  clock_->Advance(60s + 600s + 1s);
  auto answer = Get();
  EXPECT_FALSE(answer.at_once);
  EXPECT_FALSE(answer.outcomes[0].stale);
  EXPECT_TRUE(answer.outcomes[0].latency.has_value()) << "asked the backend";
  EXPECT_EQ(erp->calls(), 2);
}

TEST_F(AggregateCacheTest, AFailedRefreshKeepsTheLastGoodSectionAndSaysSo) {
  auto erp = AddErp(5ms);
  Get();
  erp->error = absl::UnavailableError("erp is down");
  clock_->Advance(61s);
  Get();  // stale; starts the refresh, which fails
  ASSERT_TRUE(Eventually([&] { return Cache().Stats().refresh_failures == 1; }));
  ASSERT_TRUE(Eventually([&] { return Cache().flights() == 0; }));
  auto answer = Get();
  const auto& outcome = answer.outcomes[0];
  EXPECT_TRUE(outcome.status.ok());
  EXPECT_TRUE(outcome.stale);
  EXPECT_EQ(outcome.data.orders.size(), 3u) << "the last good orders";
  const auto status = StatusOf(outcome);
  EXPECT_EQ(status.state(), omnihub::v1::SOURCE_STATE_STALE);
  EXPECT_NE(status.detail().find("refresh failed: erp is down"), std::string::npos)
      << status.detail();
  // Too old to serve and the backend still down: the source is unavailable for this answer, but
  // the last good section stays held for when the caller can use it again.
  ASSERT_TRUE(Eventually([&] { return Cache().flights() == 0; }));
  clock_->Advance(600s);
  auto too_old = Get();
  EXPECT_EQ(too_old.outcomes[0].status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(Cache().Stats().entries, 2u);
}

TEST_F(AggregateCacheTest, InvalidatingOneSectionRefetchesExactlyThatSection) {
  auto erp = AddErp(5ms);
  Get();
  EXPECT_TRUE(Cache().Invalidate("C-jane", "erp", omnihub::v1::SECTION_ORDERS));
  EXPECT_FALSE(Cache().Invalidate("C-jane", "erp", omnihub::v1::SECTION_ORDERS));
  EXPECT_FALSE(Cache().Invalidate("C-someone-else", "erp", omnihub::v1::SECTION_PROFILE));
  erp->data.orders.resize(1);
  auto answer = Get();
  EXPECT_EQ(erp->calls(), 2);
  EXPECT_EQ(erp->last_request().sections, std::vector<Section>{omnihub::v1::SECTION_ORDERS});
  EXPECT_EQ(answer.outcomes[0].data.orders.size(), 1u) << "the new orders";
  ASSERT_TRUE(answer.outcomes[0].data.profile) << "the held profile";
}

TEST_F(AggregateCacheTest, ASectionHoldingFewerRecordsThanAskedIsFetchedAgain) {
  auto erp = AddErp(5ms);
  erp->data.orders.resize(3);
  Get({omnihub::v1::SECTION_ORDERS}, /*limit=*/2);  // the fake returns 3 >= 2: maybe more exist
  Get({omnihub::v1::SECTION_ORDERS}, /*limit=*/2);
  EXPECT_EQ(erp->calls(), 1);
  Get({omnihub::v1::SECTION_ORDERS}, /*limit=*/50);
  EXPECT_EQ(erp->calls(), 2);
  Get({omnihub::v1::SECTION_ORDERS}, /*limit=*/100);  // 3 < 50: the list was complete
  EXPECT_EQ(erp->calls(), 2);
}

TEST_F(AggregateCacheTest, AnUpdateChangesTheHeldSectionAtOnce) {
  auto erp = AddErp(5ms);
  Get();
  clock_->Advance(59s);
  EXPECT_TRUE(Cache().Update("C-jane", "erp", omnihub::v1::SECTION_ORDERS,
                             [](omnihub::sdk::SourceData& data) {
                               data.orders[0].set_status(omnihub::v1::ORDER_STATUS_CANCELLED);
                             }));
  clock_->Advance(30s);  // the profile is now expired, the updated orders are not
  auto answer = Get({omnihub::v1::SECTION_ORDERS});
  EXPECT_FALSE(answer.outcomes[0].stale);
  EXPECT_EQ(answer.outcomes[0].data.orders[0].status(), omnihub::v1::ORDER_STATUS_CANCELLED);
  EXPECT_EQ(erp->calls(), 1);
  EXPECT_FALSE(Cache().Update("C-nobody", "erp", omnihub::v1::SECTION_ORDERS,
                              [](omnihub::sdk::SourceData&) {}));
}

TEST_F(AggregateCacheTest, NotFoundIsRememberedAndACustomerWithoutAccountsIsNotAsked) {
  auto erp = AddErp(5ms);
  erp->error = absl::NotFoundError("no such account");
  EXPECT_EQ(Get().outcomes[0].status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(Get().outcomes[0].status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(erp->calls(), 1);
  customer_.accounts.clear();
  EXPECT_EQ(Get().outcomes[0].status.code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(erp->calls(), 1);
}

}  // namespace
}  // namespace omnihub::hub
