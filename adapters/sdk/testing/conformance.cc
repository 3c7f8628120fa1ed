#include "adapters/sdk/testing/conformance.h"

#include <atomic>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

namespace omnihub::sdk::testing {
namespace {

using std::chrono::milliseconds;
using v1::Section;

// Collects the results of many asynchronous calls and counts callbacks.
class Collector {
 public:
  FetchCallback Callback() {
    return [this](absl::StatusOr<SourceData> result) {
      std::lock_guard lock(mutex_);
      results_.push_back(result.status());
      changed_.notify_all();
    };
  }
  // Waits until `count` callbacks arrived or `timeout` passed; returns what arrived.
  std::vector<absl::Status> WaitFor(size_t count, milliseconds timeout) {
    std::unique_lock lock(mutex_);
    changed_.wait_for(lock, timeout, [&] { return results_.size() >= count; });
    return results_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<absl::Status> results_;
};

std::vector<Section> DeclaredSections(const Adapter& adapter) {
  std::vector<Section> sections;
  for (auto section : {v1::SECTION_PROFILE, v1::SECTION_ORDERS, v1::SECTION_CONTACTS,
                       v1::SECTION_PAYMENTS, v1::SECTION_LOYALTY}) {
    if (adapter.info().capabilities.Has(CapabilityForSection(section))) {
      sections.push_back(section);
    }
  }
  return sections;
}

SearchRequest Search(std::string surname, std::string postal_code = "", int limit = 20) {
  return {.surname = std::move(surname), .postal_code = std::move(postal_code), .limit = limit};
}

FetchRequest RequestFor(const Adapter& adapter, std::vector<std::string> accounts) {
  FetchRequest request;
  request.account_ids = std::move(accounts);
  request.sections = DeclaredSections(adapter);
  return request;
}

}  // namespace

std::string ConformanceName(const ::testing::TestParamInfo<ConformanceTarget>& info) {
  return info.param.name;
}

absl::StatusOr<SourceData> FetchAndWait(Adapter& adapter, const FetchRequest& request,
                                        std::shared_ptr<CallContext> context) {
  std::promise<absl::StatusOr<SourceData>> promise;
  auto future = promise.get_future();
  adapter.Fetch(request, std::move(context),
                [&promise](absl::StatusOr<SourceData> result) { promise.set_value(result); });
  return future.get();
}

absl::StatusOr<SearchResult> SearchAndWait(Adapter& adapter, const SearchRequest& request,
                                           std::shared_ptr<CallContext> context) {
  std::promise<absl::StatusOr<SearchResult>> promise;
  auto future = promise.get_future();
  adapter.SearchCustomers(request, std::move(context), [&promise](absl::StatusOr<SearchResult> r) {
    promise.set_value(std::move(r));
  });
  return future.get();
}

TEST_P(AdapterConformance, DeclaresSystemAndCapabilities) {
  auto adapter = GetParam().make_healthy();
  ASSERT_NE(adapter, nullptr);
  EXPECT_FALSE(adapter->info().system.empty());
  EXPECT_FALSE(adapter->info().type.empty());
  EXPECT_FALSE(adapter->info().capabilities.empty());
}

TEST_P(AdapterConformance, KnownAccountAnswersWithinDeadline) {
  const auto& target = GetParam();
  ASSERT_FALSE(target.known_accounts.empty());
  auto adapter = target.make_healthy();
  auto started = Clock::now();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {target.known_accounts.front()}),
                             CallContext::WithTimeout(target.healthy_deadline));
  auto elapsed = Clock::now() - started;
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_LE(elapsed, target.healthy_deadline + milliseconds(200));
  // Every record says where it came from.
  const std::string& system = adapter->info().system;
  for (const auto& order : result->orders) EXPECT_EQ(order.source_system(), system);
  for (const auto& contact : result->contacts) EXPECT_EQ(contact.source_system(), system);
  for (const auto& payment : result->payments) EXPECT_EQ(payment.source_system(), system);
  if (result->loyalty) {
    EXPECT_EQ(result->loyalty->source_system(), system);
  }
}

TEST_P(AdapterConformance, UnknownAccountIsNotFound) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {target.unknown_account}),
                             CallContext::WithTimeout(target.healthy_deadline));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound) << result.status();
}

TEST_P(AdapterConformance, NoAccountsIsInvalidArgument) {
  auto adapter = GetParam().make_healthy();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {}),
                             CallContext::WithTimeout(GetParam().healthy_deadline));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
}

TEST_P(AdapterConformance, HostileAccountIdsNeverCrash) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  const std::vector<std::string> hostile = {std::string(100000, '9'),
                                            "' OR '1'='1",
                                            "\xff\xfe\x80 not utf-8",
                                            std::string("a\0b", 3),
                                            "../../../../etc/passwd",
                                            "<x>&amp;</x>",
                                            "%00%0d%0a"};
  for (const auto& account : hostile) {
    auto result = FetchAndWait(*adapter, RequestFor(*adapter, {account}),
                               CallContext::WithTimeout(target.healthy_deadline));
    EXPECT_TRUE(result.status().code() == absl::StatusCode::kNotFound ||
                result.status().code() == absl::StatusCode::kInvalidArgument)
        << "account of " << account.size() << " bytes gave " << result.status();
  }
}

TEST_P(AdapterConformance, CallsBackExactlyOnce) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  std::atomic<int> calls{0};
  std::promise<void> first;
  adapter->Fetch(RequestFor(*adapter, {target.known_accounts.front()}),
                 CallContext::WithTimeout(target.healthy_deadline),
                 [&](absl::StatusOr<SourceData>) {
                   if (calls.fetch_add(1) == 0) first.set_value();
                 });
  ASSERT_EQ(first.get_future().wait_for(target.healthy_deadline + milliseconds(500)),
            std::future_status::ready);
  std::this_thread::sleep_for(milliseconds(100));  // a second callback would arrive by now
  EXPECT_EQ(calls.load(), 1);
}

TEST_P(AdapterConformance, Survives64ConcurrentCalls) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  Collector collector;
  constexpr size_t kCalls = 64;
  std::vector<std::thread> callers;
  for (size_t i = 0; i < kCalls; ++i) {
    callers.emplace_back([&, i] {
      const auto& account = target.known_accounts[i % target.known_accounts.size()];
      adapter->Fetch(RequestFor(*adapter, {account}),
                     CallContext::WithTimeout(target.healthy_deadline * 2), collector.Callback());
    });
  }
  for (auto& caller : callers) caller.join();
  auto results = collector.WaitFor(kCalls, target.healthy_deadline * 2 + milliseconds(1000));
  ASSERT_EQ(results.size(), kCalls);
  for (const auto& status : results) EXPECT_TRUE(status.ok()) << status;
}

TEST_P(AdapterConformance, SlowBackendEndsAtTheDeadline) {
  const auto& target = GetParam();
  if (!target.make_slow) GTEST_SKIP() << "target has no slow backend";
  auto adapter = target.make_slow();
  auto started = Clock::now();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {target.known_accounts.front()}),
                             CallContext::WithTimeout(milliseconds(100)));
  auto elapsed = Clock::now() - started;
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded) << result.status();
  EXPECT_LT(elapsed, milliseconds(100) + milliseconds(900));
  EXPECT_LT(elapsed, target.slow_backend_at_least);
}

TEST_P(AdapterConformance, HonoursCancellation) {
  const auto& target = GetParam();
  if (!target.make_slow) GTEST_SKIP() << "target has no slow backend";
  auto adapter = target.make_slow();
  auto context = CallContext::WithTimeout(target.slow_backend_at_least * 10);
  Collector collector;
  auto started = Clock::now();
  adapter->Fetch(RequestFor(*adapter, {target.known_accounts.front()}), context,
                 collector.Callback());
  std::this_thread::sleep_for(milliseconds(50));
  context->Cancel();
  auto results = collector.WaitFor(1, target.slow_backend_at_least);
  auto elapsed = Clock::now() - started;
  ASSERT_EQ(results.size(), 1u) << "no answer after cancellation";
  EXPECT_EQ(results.front().code(), absl::StatusCode::kCancelled) << results.front();
  EXPECT_LT(elapsed, target.slow_backend_at_least);
}

TEST_P(AdapterConformance, FailingBackendIsUnavailable) {
  const auto& target = GetParam();
  if (!target.make_failing) GTEST_SKIP() << "target has no failing backend";
  auto adapter = target.make_failing();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {target.known_accounts.front()}),
                             CallContext::WithTimeout(target.healthy_deadline));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable) << result.status();
  EXPECT_FALSE(result.status().message().empty());
}

TEST_P(AdapterConformance, GarbageFromBackendIsAClearError) {
  const auto& target = GetParam();
  if (!target.make_garbage) GTEST_SKIP() << "target has no garbage backend";
  auto adapter = target.make_garbage();
  auto result = FetchAndWait(*adapter, RequestFor(*adapter, {target.known_accounts.front()}),
                             CallContext::WithTimeout(target.healthy_deadline));
  EXPECT_TRUE(result.status().code() == absl::StatusCode::kDataLoss ||
              result.status().code() == absl::StatusCode::kUnavailable)
      << result.status();
  EXPECT_FALSE(result.status().message().empty());
}

TEST_P(AdapterConformance, SearchWithoutTheCapabilityIsUnimplemented) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  if (adapter->info().capabilities.Has(Capability::kSearch)) GTEST_SKIP() << "declares search";
  auto result =
      SearchAndWait(*adapter, Search("Doe"), CallContext::WithTimeout(target.healthy_deadline));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnimplemented) << result.status();
}

TEST_P(AdapterConformance, SearchFindsAKnownCustomer) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  if (!adapter->info().capabilities.Has(Capability::kSearch)) GTEST_SKIP() << "no search";
  ASSERT_FALSE(target.search_known.surname.empty()) << "the target declares no search_known";
  auto result = SearchAndWait(*adapter, target.search_known,
                              CallContext::WithTimeout(target.healthy_deadline));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_LE(result->hits.size(), static_cast<size_t>(target.search_known.limit));
  bool found = false;
  for (const auto& hit : result->hits) {
    EXPECT_FALSE(hit.identity.account_id.empty());
    if (hit.identity.account_id == target.known_accounts.front()) found = true;
  }
  EXPECT_TRUE(found) << target.known_accounts.front() << " not among " << result->hits.size()
                     << " hits";
}

TEST_P(AdapterConformance, SearchWithNoMatchIsEmpty) {
  const auto& target = GetParam();
  auto adapter = target.make_healthy();
  if (!adapter->info().capabilities.Has(Capability::kSearch)) GTEST_SKIP() << "no search";
  ASSERT_FALSE(target.search_nobody.surname.empty()) << "the target declares no search_nobody";
  auto result = SearchAndWait(*adapter, target.search_nobody,
                              CallContext::WithTimeout(target.healthy_deadline));
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_TRUE(result->hits.empty()) << result->hits.size() << " hits";
  EXPECT_FALSE(result->truncated);
}

TEST_P(AdapterConformance, HostileSearchIsRefusedBeforeTheBackend) {
  const auto& target = GetParam();
  auto adapter = target.make_failing ? target.make_failing() : target.make_healthy();
  if (!adapter->info().capabilities.Has(Capability::kSearch)) GTEST_SKIP() << "no search";
  std::vector<SearchRequest> hostile = {
      Search(""),
      Search("   "),
      Search(std::string(100000, 'S')),
      Search("Smith\n"),
      Search("Smith\r\nOPTION 9"),
      Search(std::string("Sm\0ith", 6)),
      Search("\xff\xfe\x80 not utf-8"),
      Search("Sm\x1bith"),
      Search("Smith", std::string(1000, '9')),
      Search("Smith", "SW1A\t1AA"),
      Search("Smith", "", 0),
      Search("Smith", "", -1),
      Search("Smith", "", 1000000),
  };
  for (const auto& request : hostile) {
    auto result =
        SearchAndWait(*adapter, request, CallContext::WithTimeout(target.healthy_deadline));
    EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument)
        << "surname of " << request.surname.size() << " bytes, postal code of "
        << request.postal_code.size() << " bytes, limit " << request.limit << " gave "
        << result.status();
  }
}

}  // namespace omnihub::sdk::testing
