// Agents' links and unlinks: what each does to the index (add, merge with the smaller id
// surviving, undo = split, unlink of a system's identifier, refusals), and IdentityLinker:
// written to the log before it takes effect, replayed in order after a restart, nothing applied
// when the log fails.
#include "hub/identity/manual_links.h"

#include <gtest/gtest.h>

#include "hub/identity/identity_linker.h"
#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::sdk::AccountIdentity;
using omnihub::v1::Identifier;
using omnihub::v1::IdentifierType;

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;
constexpr auto kAccount = omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;
constexpr auto kTwitter = omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE;

// Jane (erp C1 + ecommerce E1), John (erp C2), Jim (ecommerce E2, his own e-mail), a household
// phone shared by Jane and John.
std::shared_ptr<const IdentityIndex> Base() {
  std::vector<IdentityIndex::SystemAccounts> systems = {
      {"erp",
       {{"C1", {Id(kEmail, "jane@example.com"), Id(kPhone, "07700 900123")}, "Jane Doe", ""},
        {"C2", {Id(kEmail, "john@example.com"), Id(kPhone, "07700 900123")}, "John Doe", ""}}},
      {"ecommerce",
       {{"E1", {Id(kEmail, "jane@example.com"), Id(kTwitter, "@janedoe")}, "Jane Doe", ""},
        {"E2", {Id(kEmail, "jim@example.com")}, "Jim Doe", ""}}},
  };
  return IdentityIndex::Build(systems, {"erp", "ecommerce"}, Normalizer());
}

class ManualLinksTest : public ::testing::Test {
 protected:
  std::shared_ptr<const IdentityIndex> base_ = Base();
  ManualLinks links_{base_};
  const std::string jane_ = IdOf(*base_, Id(kTwitter, "janedoe"));
  const std::string john_ = IdOf(*base_, Id(kEmail, "john@example.com"));
  const std::string jim_ = IdOf(*base_, Id(kEmail, "jim@example.com"));
};

TEST_F(ManualLinksTest, NewHandleResolvesToTheCustomerWithTheAuditNote) {
  const auto handle = Id(kTwitter, "@Jane_New");
  ASSERT_EQ(IdOf(*links_.current(), handle), "");
  auto effect = links_.Apply(Event(ManualLinkAction::kLink, jane_, handle));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kAddIdentifier);
  EXPECT_EQ(IdOf(*links_.current(), handle), jane_);
  const auto* jane = links_.current()->FindById(jane_);
  EXPECT_EQ(jane->manual_links.at(IdentifierNormalizer::Key(handle)),
            "manual link by agent A17 at 2026-11-29T05:00:00Z: verified on the phone");
  // The snapshot readers held before is untouched.
  EXPECT_EQ(IdOf(*base_, handle), "");
  // Linking it again changes nothing.
  EXPECT_EQ(*links_.Apply(Event(ManualLinkAction::kLink, jane_, handle)),
            ManualLinks::Effect::kNone);
  EXPECT_EQ(links_.active(), 1u);
}

TEST_F(ManualLinksTest, ALinkChangesOnlyWhatItTouchesAndEarlierSnapshotsStayAsTheyWere) {
  // 2,000 customers: a link's overlay must not grow with the index.
  std::vector<IdentityIndex::SystemAccounts> systems = {{"erp", {}}};
  for (int i = 0; i < 2000; ++i) {
    systems[0].accounts.push_back(
        {"C" + std::to_string(i), {Id(kEmail, "p" + std::to_string(i) + "@example.com")}, "P", ""});
  }
  auto big = IdentityIndex::Build(systems, {"erp"}, Normalizer());
  ManualLinks links(big);
  const std::string first = IdOf(*big, Id(kEmail, "p0@example.com"));
  ASSERT_TRUE(links.Apply(Event(ManualLinkAction::kLink, first, Id(kTwitter, "@p0"))).ok());
  const auto after_link = links.current();
  EXPECT_EQ(after_link->overlay_size(), 2u);  // the customer and the handle's key
  EXPECT_EQ(big->overlay_size(), 0u);
  ASSERT_TRUE(links.Apply(Event(ManualLinkAction::kUnlink, first, Id(kTwitter, "@p0"))).ok());
  EXPECT_EQ(links.current()->overlay_size(), 0u);
  // Readers holding the earlier snapshots see them unchanged.
  EXPECT_EQ(IdOf(*after_link, Id(kTwitter, "@p0")), first);
  EXPECT_EQ(IdOf(*big, Id(kTwitter, "@p0")), "");
  EXPECT_EQ(IdOf(*links.current(), Id(kTwitter, "@p0")), "");
  EXPECT_EQ(after_link->FindById(first)->identifiers.size(), 3u);
  EXPECT_EQ(big->FindById(first)->identifiers.size(), 2u);
}

TEST_F(ManualLinksTest, UnlinkUndoesTheLink) {
  const auto handle = Id(kTwitter, "@jane_new");
  ASSERT_TRUE(links_.Apply(Event(ManualLinkAction::kLink, jane_, handle)).ok());
  auto effect = links_.Apply(Event(ManualLinkAction::kUnlink, jane_, handle));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kUndoLink);
  EXPECT_EQ(IdOf(*links_.current(), handle), "");
  EXPECT_EQ(links_.active(), 0u);
}

TEST_F(ManualLinksTest, LinkingAnotherCustomersStrongIdentifierMergesAndUnlinkSplits) {
  const auto jim_email = Id(kEmail, "jim@example.com");
  // Jim (ecommerce only) and John (erp only) are one person, says the agent.
  auto effect = links_.Apply(Event(ManualLinkAction::kLink, john_, jim_email));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kMerge);
  const auto& merged = *links_.current();
  const std::string survivor = std::min(john_, jim_);
  const std::string absorbed = std::max(john_, jim_);
  EXPECT_EQ(IdOf(merged, jim_email), survivor);
  EXPECT_EQ(IdOf(merged, Id(kEmail, "john@example.com")), survivor);
  ASSERT_NE(merged.FindById(absorbed), nullptr);
  EXPECT_EQ(merged.FindById(absorbed)->customer_id, survivor);
  EXPECT_EQ(merged.FindById(survivor)->accounts.size(), 2u);
  EXPECT_EQ(merged.stats().customers, base_->stats().customers - 1);

  // Named by either id, the unlink splits them again, both ids as before.
  effect = links_.Apply(Event(ManualLinkAction::kUnlink, absorbed, jim_email));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kUndoLink);
  EXPECT_EQ(IdOf(*links_.current(), jim_email), jim_);
  EXPECT_EQ(IdOf(*links_.current(), Id(kEmail, "john@example.com")), john_);
  EXPECT_EQ(links_.current()->stats().customers, base_->stats().customers);
}

TEST_F(ManualLinksTest, MergeOfTwoCustomersWithAccountsInOneSystemIsRefused) {
  // Jane and John both have erp accounts: never one person.
  auto effect = links_.Apply(Event(ManualLinkAction::kLink, john_, Id(kTwitter, "janedoe")));
  ASSERT_FALSE(effect.ok());
  EXPECT_EQ(effect.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(effect.status().message().find("both have accounts in erp"), std::string::npos)
      << effect.status();
  EXPECT_EQ(links_.current(), base_);
}

TEST_F(ManualLinksTest, WeakIdentifiersAreSharedNotMerged) {
  const auto phone = Id(kPhone, "07700 900123");
  ASSERT_EQ(links_.current()->Find(phone).size(), 2u);
  auto effect = links_.Apply(Event(ManualLinkAction::kLink, jim_, phone));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kAddIdentifier);
  EXPECT_EQ(links_.current()->Find(phone).size(), 3u);
}

TEST_F(ManualLinksTest, UnlinkingASystemsIdentifierStopsItResolving) {
  const auto phone = Id(kPhone, "07700 900123");
  auto effect = links_.Apply(Event(ManualLinkAction::kUnlink, john_, phone));
  ASSERT_TRUE(effect.ok()) << effect.status();
  EXPECT_EQ(*effect, ManualLinks::Effect::kRemoveIdentifier);
  auto holders = links_.current()->Find(phone);
  ASSERT_EQ(holders.size(), 1u);
  EXPECT_EQ(holders.front()->customer_id, jane_);
  // Linked back by hand, then that link undone: the earlier unlink still holds.
  ASSERT_TRUE(links_.Apply(Event(ManualLinkAction::kLink, john_, phone)).ok());
  EXPECT_EQ(links_.current()->Find(phone).size(), 2u);
  ASSERT_TRUE(links_.Apply(Event(ManualLinkAction::kUnlink, john_, phone)).ok());
  EXPECT_EQ(links_.current()->Find(phone).size(), 1u);
}

TEST_F(ManualLinksTest, StrongIdentifierTheSystemsGiveTwoCustomersMergesWithNeither) {
  // Two erp accounts share an e-mail: the index refused to join them, both hold it.
  std::vector<IdentityIndex::SystemAccounts> systems = {
      {"erp",
       {{"C1", {Id(kEmail, "shared@example.com")}, "Ann", ""},
        {"C2", {Id(kEmail, "shared@example.com")}, "Bob", ""}}},
      {"ecommerce", {{"E9", {Id(kEmail, "carl@example.com")}, "Carl", ""}}},
  };
  auto base = IdentityIndex::Build(systems, {"erp", "ecommerce"}, Normalizer());
  ManualLinks links(base);
  const std::string carl = IdOf(*base, Id(kEmail, "carl@example.com"));
  auto effect = links.Apply(Event(ManualLinkAction::kLink, carl, Id(kEmail, "shared@example.com")));
  ASSERT_FALSE(effect.ok());
  EXPECT_EQ(effect.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(effect.status().message().find("is held by 2 customers"), std::string::npos)
      << effect.status();
}

TEST_F(ManualLinksTest, RefusalsNameWhatIsWrong) {
  struct Case {
    ManualLinkEvent event;
    absl::StatusCode code;
    std::string says;
  };
  const std::vector<Case> cases = {
      {Event(ManualLinkAction::kLink, "C-ffffffffffffffff", Id(kTwitter, "x")),
       absl::StatusCode::kNotFound, "no customer has id C-ffffffffffffffff"},
      {Event(ManualLinkAction::kUnlink, jane_, Id(kTwitter, "@nobody")),
       absl::StatusCode::kNotFound, "does not hold twitter"},
      {Event(ManualLinkAction::kUnlink, jane_, Id(kAccount, "C1", "erp")),
       absl::StatusCode::kFailedPrecondition, "account numbers cannot be unlinked"},
      {Event(ManualLinkAction::kLink, jane_, Id(kAccount, "C999", "erp")),
       absl::StatusCode::kFailedPrecondition, "no system declared"},
  };
  for (const auto& test : cases) {
    auto effect = links_.Apply(test.event);
    ASSERT_FALSE(effect.ok()) << test.says;
    EXPECT_EQ(effect.status().code(), test.code) << effect.status();
    EXPECT_NE(effect.status().message().find(test.says), std::string::npos) << effect.status();
  }
  EXPECT_EQ(links_.current(), base_);
}

class IdentityLinkerTest : public ManualLinksTest {
 protected:
  IdentityLinkerTest() { directory_.Replace(base_); }

  absl::StatusOr<ResolvedCustomer> Submit(IdentityLinker& linker, ManualLinkEvent event) {
    absl::StatusOr<ResolvedCustomer> answer = absl::UnknownError("not answered");
    linker.Submit(std::move(event), IdentityLinker::Clock::now(),
                  [&](absl::StatusOr<ResolvedCustomer> result) { answer = std::move(result); });
    return answer;
  }

  CustomerDirectory directory_{Normalizer()};
  MemoryLog log_;
};

TEST_F(IdentityLinkerTest, LinkIsRecordedAppliedAndReplayedAfterARestart) {
  const auto handle = Id(kTwitter, "@jane_new");
  {
    IdentityLinker linker(directory_, [] { return "2026-11-29T06:00:00Z"; });
    ASSERT_TRUE(linker.Start(log_, RunInline).ok());
    std::vector<std::string> changed;
    linker.SetChangedHook([&](const std::vector<std::string>& ids) { changed = ids; });
    auto event = Event(ManualLinkAction::kLink, jane_, handle);
    event.recorded_at = "set by the linker";
    auto answer = Submit(linker, event);
    ASSERT_TRUE(answer.ok()) << answer.status();
    EXPECT_EQ(answer->customer->customer_id, jane_);
    ASSERT_EQ(log_.events.size(), 1u);
    EXPECT_EQ(log_.events[0].recorded_at, "2026-11-29T06:00:00Z");
    EXPECT_EQ(IdOf(*directory_.snapshot(), handle), jane_);
    EXPECT_NE(std::find(changed.begin(), changed.end(), jane_), changed.end());
    // Linking it again writes nothing.
    ASSERT_TRUE(Submit(linker, Event(ManualLinkAction::kLink, jane_, handle)).ok());
    EXPECT_EQ(log_.events.size(), 1u);
  }
  // A restart: the index is rebuilt from the systems, then the log replayed.
  CustomerDirectory restarted(Normalizer());
  restarted.Replace(Base());
  IdentityLinker linker(restarted);
  auto replay = linker.Start(log_, RunInline);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->applied, 1u);
  EXPECT_EQ(IdOf(*restarted.snapshot(), handle), jane_);

  ASSERT_TRUE(Submit(linker, Event(ManualLinkAction::kUnlink, jane_, handle)).ok());
  EXPECT_EQ(IdOf(*restarted.snapshot(), handle), "");
  CustomerDirectory again(Normalizer());
  again.Replace(Base());
  IdentityLinker third(again);
  ASSERT_TRUE(third.Start(log_, RunInline).ok());
  EXPECT_EQ(IdOf(*again.snapshot(), handle), "");
}

TEST_F(IdentityLinkerTest, NothingChangesWhenTheLogCannotRecord) {
  IdentityLinker linker(directory_);
  ASSERT_TRUE(linker.Start(log_, RunInline).ok());
  log_.fail = absl::UnavailableError("the store is down");
  const auto handle = Id(kTwitter, "@jane_new");
  auto answer = Submit(linker, Event(ManualLinkAction::kLink, jane_, handle));
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(IdOf(*directory_.snapshot(), handle), "");
}

TEST_F(IdentityLinkerTest, RefusedChangesAreNotRecorded) {
  IdentityLinker linker(directory_);
  ASSERT_TRUE(linker.Start(log_, RunInline).ok());
  auto answer = Submit(linker, Event(ManualLinkAction::kLink, john_, Id(kTwitter, "janedoe")));
  ASSERT_FALSE(answer.ok());
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_TRUE(log_.events.empty());
}

TEST_F(IdentityLinkerTest, ReplaySkipsWhatNoLongerAppliesAndSaysWhy) {
  log_.events.push_back(Event(ManualLinkAction::kLink, "C-0000000000000000", Id(kTwitter, "x")));
  log_.events.back().seq = 1;
  log_.events.push_back(Event(ManualLinkAction::kLink, jane_, Id(kTwitter, "@jane_new")));
  log_.events.back().seq = 2;
  IdentityLinker linker(directory_);
  auto replay = linker.Start(log_, RunInline);
  ASSERT_TRUE(replay.ok()) << replay.status();
  EXPECT_EQ(replay->applied, 1u);
  ASSERT_EQ(replay->skipped.size(), 1u);
  EXPECT_NE(replay->skipped[0].find("seq 1"), std::string::npos) << replay->skipped[0];
  EXPECT_NE(replay->skipped[0].find("no customer has id"), std::string::npos);
}

TEST_F(IdentityLinkerTest, AnotherHubsChangesArriveWithRefresh) {
  IdentityLinker here(directory_);
  ASSERT_TRUE(here.Start(log_, RunInline).ok());
  CustomerDirectory there_directory(Normalizer());
  there_directory.Replace(Base());
  IdentityLinker there(there_directory);
  ASSERT_TRUE(there.Start(log_, RunInline).ok());
  std::vector<std::string> changed;
  here.SetChangedHook([&](const std::vector<std::string>& ids) { changed = ids; });

  const auto handle = Id(kTwitter, "@jane_new");
  ASSERT_TRUE(Submit(there, Event(ManualLinkAction::kLink, jane_, handle)).ok());
  EXPECT_EQ(IdOf(*directory_.snapshot(), handle), "");
  auto read = here.Refresh();
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(*read, 1u);
  EXPECT_EQ(IdOf(*directory_.snapshot(), handle), jane_);
  EXPECT_NE(std::find(changed.begin(), changed.end(), jane_), changed.end());
  EXPECT_EQ(*here.Refresh(), 0u);
  // A change made here builds on the other hub's: unlinking what it linked works.
  ASSERT_TRUE(Submit(here, Event(ManualLinkAction::kUnlink, jane_, handle)).ok());
  EXPECT_EQ(IdOf(*directory_.snapshot(), handle), "");
  ASSERT_TRUE(there.Refresh().ok());
  EXPECT_EQ(IdOf(*there_directory.snapshot(), handle), "");
}

TEST_F(IdentityLinkerTest, ChangesBeforeStartAreRefused) {
  IdentityLinker linker(directory_);
  auto answer = Submit(linker, Event(ManualLinkAction::kLink, jane_, Id(kTwitter, "@x")));
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(IdentityLinkerTest, AFullQueueIsAnsweredAtOnce) {
  IdentityLinker linker(directory_);
  auto full = [](IdentityLinker::Clock::time_point, std::function<void(absl::Status)>) {
    return absl::ResourceExhaustedError("the store's queue is full");
  };
  ASSERT_TRUE(linker.Start(log_, full).ok());
  auto answer = Submit(linker, Event(ManualLinkAction::kLink, jane_, Id(kTwitter, "@x")));
  EXPECT_EQ(answer.status().code(), absl::StatusCode::kResourceExhausted);
}

}  // namespace
}  // namespace omnihub::hub
