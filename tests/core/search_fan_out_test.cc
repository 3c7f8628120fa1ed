// The search fan-out and how backend hits combine with the identity index's candidates: known
// hits, hits only a backend knows, failing and slow backends, cancellation, hostile hit data.
#include "hub/aggregate/search_fan_out.h"

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <future>
#include <thread>

#include "adapters/sdk/testing/fake_adapter.h"
#include "google/protobuf/util/message_differencer.h"
#include "hub/aggregate/search_matches.h"
#include "tests/core/search_hits.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::Clock;
using omnihub::sdk::SearchHit;
using omnihub::sdk::testing::FakeAdapter;
using testing::Hit;
using testing::Id;

class SearchFanOutTest : public ::testing::Test {
 protected:
  SearchFanOutTest() : work_(boost::asio::make_work_guard(io_)), normalizer_("GB") {
    for (int i = 0; i < 2; ++i) threads_.emplace_back([this] { io_.run(); });
    // The ERP knows Jane (cross-referenced to her mainframe account) and Jo Doe, her neighbour
    // without a mainframe account.
    IdentityIndex::SystemAccounts erp{"erp", {}};
    erp.accounts.push_back(
        {"C1",
         {Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com"),
          Id(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "00104217", "mainframe")},
         "Jane Doe",
         "LS1 4AB"});
    erp.accounts.push_back(
        {"C2", {Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jo@example.com")}, "Jo Doe", "LS1 4AB"});
    erp.accounts.push_back(
        {"C3",
         {Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jd@example.com"),
          Id(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "00200001", "mainframe")},
         "Jane Doh",
         "LS2 9ZZ"});
    index_ = IdentityIndex::Build({erp}, {"erp", "mainframe"}, normalizer_);
  }
  ~SearchFanOutTest() override {
    work_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }

  std::shared_ptr<FakeAdapter> Add(const std::string& system, std::chrono::milliseconds latency,
                                   bool can_search = true) {
    omnihub::sdk::Capabilities capabilities{Capability::kProfile};
    if (can_search) capabilities.Add(Capability::kSearch);
    auto adapter = std::make_shared<FakeAdapter>(io_.get_executor(), system, capabilities, latency);
    adapters_.push_back(adapter);
    return adapter;
  }

  // Searches every adapter for `surname` and waits for the outcomes.
  std::vector<SearchOutcome> Run(const std::string& surname, std::chrono::milliseconds budget,
                                 bool cancel = false) {
    SearchFanOut search({adapters_.begin(), adapters_.end()}, io_.get_executor());
    omnihub::sdk::SearchRequest request;
    request.surname = surname;
    request.postal_code = "LS1 4AB";
    std::promise<std::vector<SearchOutcome>> result;
    std::atomic<int> done_calls{0};
    auto handle =
        search.Prepare(request, Clock::now() + budget, [&](std::vector<SearchOutcome> outcomes) {
          if (done_calls.fetch_add(1) == 0) result.set_value(outcomes);
        });
    handle->Start();
    if (cancel) handle->Cancel();
    auto outcomes = result.get_future().get();
    handle->Cancel();  // after the end: no second `done`
    EXPECT_EQ(done_calls.load(), 1) << "done must run exactly once";
    return outcomes;
  }

  std::vector<omnihub::v1::CustomerMatch> Combine(std::vector<SearchOutcome>& outcomes,
                                                  const std::string& name = "Jane Doe",
                                                  const std::string& postcode = "LS1 4AB",
                                                  int limit = 100) {
    return CombineSearchMatches(*index_, normalizer_, name,
                                index_->FindByName(name, postcode, 1000), limit, outcomes, 1000);
  }

  // An OK outcome of `system` with `hits`, as if it had answered.
  static SearchOutcome Answered(const std::string& system, std::vector<SearchHit> hits) {
    SearchOutcome outcome;
    outcome.source.system = system;
    outcome.result.hits = std::move(hits);
    return outcome;
  }

  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> threads_;
  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  omnihub::sdk::IdentifierNormalizer normalizer_;
  std::shared_ptr<const IdentityIndex> index_;
};

TEST_F(SearchFanOutTest, AsksOnlyTheSystemsThatCanSearchAndReportsEach) {
  auto mainframe = Add("mainframe", 1ms);
  mainframe->search_hits = {Hit("00104217", "DOE", "JANE"), Hit("00999999", "SMITH", "AL")};
  auto erp = Add("erp", 1ms, /*can_search=*/false);
  auto outcomes = Run("Doe", 5s);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].source.system, "mainframe");
  EXPECT_TRUE(outcomes[0].source.status.ok()) << outcomes[0].source.status;
  ASSERT_EQ(outcomes[0].result.hits.size(), 1u);  // the fake filters by surname
  EXPECT_TRUE(outcomes[0].source.latency.has_value());
  EXPECT_EQ(erp->searches(), 0);
  EXPECT_EQ(mainframe->searches(), 1);
}

TEST_F(SearchFanOutTest, AFailingAndASlowSystemAreReportedAndTheOthersStillAnswer) {
  auto mainframe = Add("mainframe", 1ms);
  mainframe->search_hits = {Hit("00104217", "DOE", "JANE")};
  auto failing = Add("broken", 1ms);
  failing->search_error = absl::UnavailableError("broken is down");
  auto slow = Add("slow", 60s);
  auto outcomes = Run("Doe", 300ms);
  ASSERT_EQ(outcomes.size(), 3u);
  EXPECT_TRUE(outcomes[0].source.status.ok());
  EXPECT_EQ(outcomes[0].result.hits.size(), 1u);
  EXPECT_EQ(outcomes[1].source.status.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(outcomes[2].source.status.code(), absl::StatusCode::kDeadlineExceeded);
  EXPECT_EQ(slow->cancellations(), 1) << "the slow search must be cancelled at the deadline";

  auto matches = Combine(outcomes);
  ASSERT_FALSE(matches.empty());
  EXPECT_EQ(matches[0].customer().display_name(), "Jane Doe");
}

TEST_F(SearchFanOutTest, CancelEndsTheSearchWithCancelled) {
  auto slow = Add("mainframe", 60s);
  auto outcomes = Run("Doe", 60s, /*cancel=*/true);
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].source.status.code(), absl::StatusCode::kCancelled);
  EXPECT_EQ(slow->cancellations(), 1);
}

TEST_F(SearchFanOutTest, NoSearchingSystemAnswersAtOnceWithNoOutcome) {
  Add("erp", 1ms, /*can_search=*/false);
  EXPECT_TRUE(Run("Doe", 5s).empty());
}

TEST_F(SearchFanOutTest, AKnownHitAddsEvidenceToItsGoldenCustomer) {
  std::vector<SearchOutcome> outcomes{Answered("mainframe", {Hit("00104217", "DOE", "JANE")})};
  auto matches = Combine(outcomes);
  const auto jane_id =
      index_
          ->Find(
              normalizer_.Normalize(Id(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane.doe@example.com"))
                  .value())
          .front()
          ->customer_id;
  int jane_matches = 0;
  for (const auto& match : matches) {
    if (match.customer().customer_id() != jane_id) continue;
    ++jane_matches;
    EXPECT_EQ(match.kind(), omnihub::v1::MATCH_KIND_CANDIDATE);
    bool found_by_mainframe = false;
    for (const auto& evidence : match.evidence()) {
      if (evidence.find("mainframe's search found account account:mainframe:00104217") !=
          std::string::npos)
        found_by_mainframe = true;
    }
    EXPECT_TRUE(found_by_mainframe) << match.DebugString();
  }
  EXPECT_EQ(jane_matches, 1) << "a known hit must not become a second match";
  for (const auto& match : matches) EXPECT_FALSE(match.customer().customer_id().empty());
}

TEST_F(SearchFanOutTest, AKnownHitTheIndexDidNotFindBecomesACandidateOfItsGoldenCustomer) {
  // Jane Doh lives in LS2 9ZZ by the ERP; the mainframe lists her account under LS1 4AB.
  std::vector<SearchOutcome> outcomes{Answered("mainframe", {Hit("00200001", "DOH", "JANE")})};
  auto matches = Combine(outcomes, "Jane Doh", "LS1 4AB");
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(matches[0].customer().display_name(), "Jane Doh");
  EXPECT_FALSE(matches[0].customer().customer_id().empty());
  EXPECT_DOUBLE_EQ(matches[0].score(), 0.8);
}

TEST_F(SearchFanOutTest, AnUnknownHitIsItsOwnCandidateWithTheSystemsAccountAndNoGoldenId) {
  std::vector<SearchOutcome> outcomes{
      Answered("mainframe", {Hit("00999999", "DOE", "JANE"), Hit("00999999", "DOE", "JANE"),
                             Hit("00888888", "DOE", "ALBERT")})};
  auto matches = Combine(outcomes);
  std::vector<const omnihub::v1::CustomerMatch*> only_mainframe;
  for (const auto& match : matches) {
    if (match.customer().customer_id().empty()) only_mainframe.push_back(&match);
  }
  ASSERT_EQ(only_mainframe.size(), 2u) << "one match per account, duplicates folded";
  const auto& jane = *only_mainframe[0];
  EXPECT_EQ(jane.kind(), omnihub::v1::MATCH_KIND_CANDIDATE);
  EXPECT_DOUBLE_EQ(jane.score(), 0.8);
  ASSERT_EQ(jane.customer().accounts_size(), 1);
  EXPECT_EQ(jane.customer().accounts(0).system(), "mainframe");
  EXPECT_EQ(jane.customer().accounts(0).account_id(), "00999999");
  ASSERT_EQ(jane.customer().identifiers_size(), 1);
  EXPECT_EQ(jane.customer().identifiers(0).type(), omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  EXPECT_EQ(jane.customer().display_name(), "DOE JANE");
  EXPECT_EQ(jane.customer().address().postal_code(), "LS1 4AB");
  EXPECT_EQ(jane.customer().field_sources().at("display_name"), "mainframe");
  bool says_only = false;
  for (const auto& evidence : jane.evidence()) {
    if (evidence.find("only mainframe knows this customer") != std::string::npos) says_only = true;
  }
  EXPECT_TRUE(says_only) << jane.DebugString();
  // Albert matches on the surname only: last, below every full-name match.
  EXPECT_EQ(only_mainframe[1]->customer().display_name(), "DOE ALBERT");
  EXPECT_DOUBLE_EQ(only_mainframe[1]->score(), 0.4);
  EXPECT_EQ(&matches.back(), only_mainframe[1]);
}

TEST_F(SearchFanOutTest, HostileHitsAreDroppedAndSaidInTheSourcesNote) {
  std::vector<SearchHit> hits;
  hits.push_back(Hit("", "DOE", "JANE"));                                // no account
  hits.push_back(Hit("   ", "DOE", "JANE"));                             // blank account
  hits.push_back(Hit(std::string(100000, '7'), "DOE", "JANE"));          // huge account
  hits.push_back(Hit("00\n104217", "DOE", "JANE"));                      // control character
  hits.push_back(Hit("00777777", "DOE", std::string("JA\xff\xfe", 4)));  // not UTF-8
  hits.push_back(Hit("00666666", std::string(5000, 'D'), "JANE"));       // oversized name
  hits.push_back(Hit("00555555", "DOE", "JANE"));                        // the one usable hit
  std::vector<SearchOutcome> outcomes{Answered("mainframe", hits)};
  auto matches = Combine(outcomes);
  int system_only = 0;
  for (const auto& match : matches) {
    if (match.customer().customer_id().empty()) {
      ++system_only;
      EXPECT_EQ(match.customer().accounts(0).account_id(), "00555555");
    }
    std::string bytes;
    EXPECT_TRUE(match.SerializeToString(&bytes));
    EXPECT_LT(bytes.size(), 4096u) << "no hostile payload copied into a match";
  }
  EXPECT_EQ(system_only, 1);
  const std::string& note = outcomes[0].source.note;
  EXPECT_NE(note.find("hit 1: no account number"), std::string::npos) << note;
  EXPECT_NE(note.find("hit 3: account number longer than 64 bytes"), std::string::npos) << note;
  EXPECT_NE(note.find("and 3 more"), std::string::npos) << note;
  EXPECT_LT(note.size(), 400u);
}

TEST_F(SearchFanOutTest, HitsBeyondTheLimitAreDropped) {
  std::vector<SearchHit> hits;
  for (int i = 0; i < 5; ++i) hits.push_back(Hit("0090000" + std::to_string(i), "DOE", "JANE"));
  std::vector<SearchOutcome> outcomes{Answered("mainframe", hits)};
  auto matches = Combine(outcomes, "Jane Doe", "LS1 4AB", /*limit=*/2);
  int system_only = 0;
  for (const auto& match : matches) system_only += match.customer().customer_id().empty();
  EXPECT_EQ(system_only, 2);
  EXPECT_NE(outcomes[0].source.note.find("3 beyond the limit of 2"), std::string::npos)
      << outcomes[0].source.note;
}

TEST_F(SearchFanOutTest, FailedOutcomesContributeNothing) {
  std::vector<SearchOutcome> outcomes{Answered("mainframe", {Hit("00999999", "DOE", "JANE")})};
  outcomes[0].source.status = absl::UnavailableError("down");
  for (const auto& match : Combine(outcomes)) {
    EXPECT_FALSE(match.customer().customer_id().empty());
  }
}

TEST_F(SearchFanOutTest, TheSameInputsGiveTheSameOrder) {
  std::vector<SearchOutcome> first{
      Answered("mainframe", {Hit("00999999", "DOE", "JANE"), Hit("00104217", "DOE", "JANE"),
                             Hit("00888888", "DOE", "JANE")})};
  auto second = first;
  auto a = Combine(first);
  auto b = Combine(second);
  ASSERT_EQ(a.size(), b.size());
  for (size_t i = 0; i < a.size(); ++i) {
    // Compared as messages: map fields serialise in no fixed order.
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(a[i], b[i]))
        << i << "\n"
        << a[i].DebugString() << b[i].DebugString();
  }
  // Golden customers before system-only ones at the same score.
  ASSERT_GE(a.size(), 3u);
  EXPECT_FALSE(a[0].customer().customer_id().empty());
}

TEST(BackendSearchRequestTest, TheSurnameIsTheLastWordOfTheName) {
  auto request = BackendSearchRequest("  Jane   van Doe ", " LS1 4AB ", 5000);
  ASSERT_TRUE(request.has_value());
  EXPECT_EQ(request->surname, "Doe");
  EXPECT_EQ(request->postal_code, "LS1 4AB");
  EXPECT_EQ(request->limit, omnihub::sdk::kMaxSearchLimit);
  EXPECT_FALSE(BackendSearchRequest(" \t ", "", 10).has_value());
  EXPECT_EQ(BackendSearchRequest("Doe", "", 0)->limit, 1);
}

}  // namespace
}  // namespace omnihub::hub
