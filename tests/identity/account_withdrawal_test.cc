// What a system withdraws leaves the identity index at once (AccountUpdate, CustomerSplit,
// IdentityLinker): an identifier an account no longer declares stops resolving unless another
// account or an agent still holds it; an account its system deleted leaves its customer; a
// customer whose accounts nothing connects any more splits as a restart would split it, with the
// ids a restart gives (checked against a rebuild of the changed data with the recorded ids).
#include <gtest/gtest.h>

#include "hub/identity/account_update.h"
#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::sdk::AccountIdentity;
using omnihub::v1::Identifier;

const std::vector<std::string>& kOrder = kHubOrder;

std::vector<IdentityIndex::SystemAccounts> World() { return JaneAndJohn(); }

// The hub as it runs over World(), checked against a restart.
class WithdrawalTest : public RestartCheck {
 protected:
  WithdrawalTest() : RestartCheck(World(), kOrder) {}
};

TEST_F(WithdrawalTest, AChangedEmailStopsResolvingAndTheNewOneResolves) {
  auto changed = Changed(World(), "erp", "C2", {{Raw(kEmail, "john.doe@example.com")}});
  auto outcome = linker_.ApplyAccount("erp", changed[0].accounts[1]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->customer_id, john_);
  EXPECT_EQ(outcome->added, std::vector<std::string>{"email:john.doe@example.com"});
  EXPECT_EQ(outcome->withdrawn,
            std::vector<std::string>{"withdrew email:john@example.com (no longer on erp:C2)"});
  EXPECT_TRUE(outcome->split.empty());
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), "");
  EXPECT_EQ(Resolve(Id(kEmail, "john.doe@example.com")), john_);
  EXPECT_NE(outcome->Summary().find("withdrew email:john@example.com"), std::string::npos)
      << outcome->Summary();
  ExpectWhatARestartGives(changed);
}

TEST_F(WithdrawalTest, WhatAnotherAccountDeclaresStaysButTheAccountsSplitAsARestartWould) {
  // W1 drops the e-mail it shared with C1: the e-mail stays C1's, and C1 is no longer joined to
  // W1 and P1. All three had Jane's id since the first start, at the same time: the smallest
  // account key (ecommerce:W1) keeps it, as ChooseGoldenIds says.
  auto changed = Changed(World(), "ecommerce", "W1",
                         {{Raw(kEmail, "jane.doe@example.com"), Raw(kTwitter, "@janed")}});
  auto outcome = linker_.ApplyAccount("ecommerce", changed[1].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->withdrawn.empty());
  ASSERT_EQ(outcome->split.size(), 1u);
  ASSERT_EQ(outcome->split_ids.size(), 1u);
  const std::string erp_part = outcome->split_ids[0];
  EXPECT_EQ(outcome->split[0], "split erp:C1 from " + jane_ +
                                   ": no shared strong identifier left (now " + erp_part + ")");
  EXPECT_EQ(outcome->customer_id, jane_);
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), erp_part);
  EXPECT_EQ(Resolve(Id(kEmail, "jane.doe@example.com")), jane_);
  EXPECT_EQ(Resolve(Id(kTwitter, "@janed")), jane_);
  EXPECT_EQ(directory_.snapshot()->Find(Id(kPhone, "07700 900123")).size(), 2u);  // a household
  EXPECT_EQ(directory_.snapshot()->FindById(erp_part)->display_name, "Jane Doe");
  ExpectWhatARestartGives(changed);
}

TEST_F(WithdrawalTest, ADeletedAccountLeavesItsCustomerAndTheOnesItJoinedSplit) {
  auto outcome = linker_.RemoveAccount("ecommerce", "W1");
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->removed_account);
  EXPECT_EQ(outcome->customer_id, jane_);
  EXPECT_EQ(outcome->withdrawn, std::vector<std::string>{"withdrew account:ecommerce:W1 "
                                                         "(ecommerce:W1 no longer exists)"});
  ASSERT_EQ(outcome->split.size(), 1u);
  EXPECT_NE(outcome->split[0].find("split pos:P1 from " + jane_), std::string::npos);
  EXPECT_EQ(Resolve(AccountNumberOf("ecommerce", "W1")), "");
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), jane_);
  EXPECT_EQ(Resolve(Id(kTwitter, "@janed")), outcome->split_ids.at(0));
  ExpectWhatARestartGives(Changed(World(), "ecommerce", "W1", std::nullopt));
  // Gone is gone: removing it again changes nothing and says so.
  auto again = linker_.RemoveAccount("ecommerce", "W1");
  EXPECT_EQ(again.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(again.status().message().find("no customer has account ecommerce:W1"),
            std::string::npos)
      << again.status();
}

TEST_F(WithdrawalTest, TheCustomersOnlyAccountDeletedLeavesNothingThatResolves) {
  const size_t customers = directory_.snapshot()->stats().customers;
  auto outcome = linker_.RemoveAccount("erp", "C2");
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->split,
            std::vector<std::string>{john_ + " has no account left: it no longer resolves"});
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), "");
  EXPECT_EQ(directory_.snapshot()->FindById(john_), nullptr);
  EXPECT_TRUE(directory_.snapshot()->FindByName("John Doe", "M1 1AA", 5).empty());
  EXPECT_EQ(directory_.snapshot()->stats().customers, customers - 1);
  ExpectWhatARestartGives(Changed(World(), "erp", "C2", std::nullopt));
}

TEST_F(WithdrawalTest, AnEmptyIdentifierSetWithdrawsEverythingButTheAccountNumber) {
  auto changed = Changed(World(), "ecommerce", "W1", std::vector<Identifier>{});
  auto outcome = linker_.ApplyAccount("ecommerce", changed[1].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  // Nothing it declared was only its own; but it held C1 and P1 together: three customers.
  EXPECT_TRUE(outcome->withdrawn.empty());
  EXPECT_EQ(outcome->split.size(), 2u);
  EXPECT_EQ(Resolve(AccountNumberOf("ecommerce", "W1")), outcome->customer_id);
  EXPECT_NE(Resolve(Id(kEmail, "jane@example.com")), Resolve(Id(kTwitter, "@janed")));
  ExpectWhatARestartGives(changed);
}

TEST_F(WithdrawalTest, IdsASplitIssuesAreRecordedSoARestartKeepsThem) {
  // An index built before ids were recorded: the split parts' ids are recorded now.
  directory_.Replace(IdentityIndex::Build(World(), kOrder, Normalizer()));
  IdentityLinker linker(directory_);
  linker.SetIssuedIds(&registry_);
  MemoryLog log;
  ASSERT_TRUE(linker.Start(log, RunInline).ok());
  registry_.rows_.clear();
  auto changed = Changed(World(), "ecommerce", "W1", {{Raw(kTwitter, "@janed")}});
  auto outcome = linker.ApplyAccount("ecommerce", changed[1].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  ASSERT_EQ(outcome->split_ids.size(), 1u);
  EXPECT_TRUE(outcome->not_recorded.empty());
  EXPECT_EQ(registry_.rows_.at("account:pos:P1").customer_id, outcome->split_ids[0]);
  EXPECT_EQ(registry_.rows_.at("account:erp:C1").customer_id, jane_);
  ExpectWhatARestartGives(changed);
}

TEST_F(WithdrawalTest, IssuedIdsThatCannotBeReadLeaveTheIdWithTheAnchorAndSaySo) {
  registry_.fail_reads = absl::UnavailableError("store down");
  auto changed = Changed(World(), "ecommerce", "W1", {{Raw(kTwitter, "@janed")}});
  auto outcome = linker_.ApplyAccount("ecommerce", changed[1].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  ASSERT_EQ(outcome->split.size(), 2u);
  EXPECT_NE(outcome->split[0].find("could not be read (store down)"), std::string::npos)
      << outcome->split[0];
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), jane_);  // C1 is the anchor
  EXPECT_NE(Resolve(Id(kTwitter, "@janed")), jane_);
}

TEST_F(WithdrawalTest, WithoutARegistryASplitGivesWhatAPlainRebuildGives) {
  auto index = *IdentityIndex::Build(World(), kOrder, Normalizer());
  auto changed = Changed(World(), "ecommerce", "W1", {{Raw(kTwitter, "@janed")}});
  auto outcome = AccountUpdate::Apply(index, "ecommerce", changed[1].accounts[0], Normalizer());
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const auto rebuilt = IdentityIndex::Build(changed, kOrder, Normalizer());
  EXPECT_EQ(Groupings(index, changed), Groupings(*rebuilt, changed));
  EXPECT_EQ(index.stats().identifiers, rebuilt->stats().identifiers);
}

TEST_F(WithdrawalTest, AnIdentifierAnAgentLinkedKeepsResolvingWhenTheSystemWithdrawsIt) {
  // The agent links a handle the systems do not know; the web shop then declares it too (the
  // link is dormant) and later drops it: the agent's link holds, now and after a restart.
  const absl::Status linked =
      Submit(Event(ManualLinkAction::kLink, jane_, Id(kTwitter, "@jane_new")));
  ASSERT_TRUE(linked.ok()) << linked;
  auto declares = World()[1].accounts[0];
  declares.identifiers.push_back(Raw(kTwitter, "@jane_new"));
  ASSERT_TRUE(linker_.ApplyAccount("ecommerce", declares).ok());
  EXPECT_EQ(linker_.active_links(), 1u);
  auto dropped = linker_.ApplyAccount("ecommerce", World()[1].accounts[0]);
  ASSERT_TRUE(dropped.ok()) << dropped.status();
  EXPECT_EQ(Resolve(Id(kTwitter, "@jane_new")), jane_);

  // A restart over a shop that declares it: the replayed link is dormant, and holds again.
  auto with_handle = World();
  with_handle[1].accounts[0] = declares;
  CustomerDirectory directory(Normalizer());
  directory.Replace(Build(with_handle));
  IdentityLinker restarted(directory);
  ASSERT_TRUE(restarted.Start(log_, RunInline).ok());
  EXPECT_EQ(restarted.active_links(), 1u);
  ASSERT_TRUE(restarted.ApplyAccount("ecommerce", World()[1].accounts[0]).ok());
  EXPECT_EQ(IdOf(*directory.snapshot(), Id(kTwitter, "@jane_new")), jane_);
}

TEST_F(WithdrawalTest, OddAndHostileAccountNumbers) {
  // Spaces and lower case normalise away: the same account, updated and deleted.
  const AccountIdentity kim{" web-12/3_a ", {Raw(kEmail, "kim@example.com")}, "Kim Lee", ""};
  ASSERT_TRUE(linker_.ApplyAccount("ecommerce", kim).ok());
  auto changed = linker_.ApplyAccount(
      "ecommerce", {"WEB-12/3_A", {Raw(kEmail, "kim.lee@example.com")}, "Kim Lee", ""});
  ASSERT_TRUE(changed.ok()) << changed.status();
  EXPECT_EQ(changed->withdrawn, std::vector<std::string>{"withdrew email:kim@example.com (no "
                                                         "longer on ecommerce:WEB-12/3_A)"});
  auto removed = linker_.RemoveAccount("ecommerce", "web-12/3_a");
  ASSERT_TRUE(removed.ok()) << removed.status();
  EXPECT_EQ(Resolve(Id(kEmail, "kim.lee@example.com")), "");
  // Characters no account number has are refused before anything changes.
  for (const std::string& hostile : {std::string("12:34"), std::string("x'; DROP TABLE y"),
                                     std::string(""), std::string(5000, '7')}) {
    auto refused = linker_.RemoveAccount("ecommerce", hostile);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << hostile;
    EXPECT_NE(refused.status().message().find("account number of ecommerce"), std::string::npos)
        << refused.status();
  }
  EXPECT_EQ(linker_.RemoveAccount("", "C1").status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(linker_.RemoveAccount("crm", "C1").status().code(), absl::StatusCode::kNotFound);
  ExpectWhatARestartGives(World());
}

TEST(WithdrawalLimitTest, ACustomerWithMoreAccountsThanTrackedWithdrawsNothing) {
  // 66 systems, one account each, one e-mail: one customer (past 64 systems nothing conflicts).
  std::vector<IdentityIndex::SystemAccounts> systems;
  std::vector<std::string> order;
  for (int i = 0; i < 66; ++i) {
    order.push_back("s" + std::to_string(i));
    systems.push_back({order.back(), {{"A1", {Raw(kEmail, "many@example.com")}, "Many", ""}}});
  }
  auto index = *IdentityIndex::Build(systems, order, Normalizer());
  ASSERT_EQ(index.stats().customers, 1u);
  auto kept = AccountUpdate::Apply(index, "s65", {"A1", {}, "Many", ""}, Normalizer());
  ASSERT_TRUE(kept.ok()) << kept.status();
  EXPECT_TRUE(kept->withdrawn.empty());
  ASSERT_EQ(kept->refused.size(), 1u);
  EXPECT_NE(kept->refused[0].find("more than 64 accounts"), std::string::npos) << kept->refused[0];
  EXPECT_EQ(index.Find(Id(kEmail, "many@example.com")).size(), 1u);
  EXPECT_EQ(AccountUpdate::Remove(index, "s3", "A1", Normalizer()).status().code(),
            absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace omnihub::hub
