// What connects customers at run time merges them at once (AccountUpdate, CustomerMerge,
// IdentityLinker), as a restart over the same data would: a split customer whose accounts share a
// strong identifier again is one again, and customers a new account connects are one; the id is
// the one a restart gives and the ids merged away resolve to it; what Build refuses (two accounts
// of one system) is refused, and an agent's unlink is not undone (checked against a rebuild of the
// changed data with the recorded ids).
#include <gtest/gtest.h>

#include <algorithm>

#include "hub/identity/account_update.h"
#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::v1::Identifier;

const std::vector<std::string>& kOrder = kHubOrder;

// JaneAndJohn, and Lee (erp C3) and Kim (web W2).
std::vector<IdentityIndex::SystemAccounts> World() {
  return With(With(JaneAndJohn(), "erp", {"C3", {Raw(kEmail, "lee@example.com")}, "Lee Chan", ""}),
              "ecommerce", {"W2", {Raw(kEmail, "kim@example.com")}, "Kim Lee", ""});
}

class MergeTest : public RestartCheck {
 protected:
  MergeTest() : RestartCheck(World(), kOrder) {}

  const std::string lee_ = IdentityIndex::GoldenIdFor("account:erp:C3");
  const std::string kim_ = IdentityIndex::GoldenIdFor("account:ecommerce:W2");
};

TEST_F(MergeTest, AnIdentifierDeclaredAgainRejoinsASplitCustomerAsARestartWould) {
  // W1 drops the e-mail it shared with C1: C1 splits off with an id of its own.
  auto dropped = Changed(World(), "ecommerce", "W1", {{Raw(kTwitter, "@janed")}});
  const std::string erp_part = SplitOff("ecommerce", dropped[1].accounts[0]);
  ASSERT_FALSE(erp_part.empty());
  ASSERT_EQ(Resolve(Id(kEmail, "jane@example.com")), erp_part);

  // W1 declares it again: one customer again, with Jane's id, as at the first start.
  auto outcome = linker_.ApplyAccount("ecommerce", World()[1].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->customer_id, jane_);
  EXPECT_EQ(outcome->merged,
            std::vector<std::string>{"merged " + erp_part + " into " + jane_ +
                                     ": shares email:jane@example.com (ecommerce:W1, erp:C1)"});
  EXPECT_EQ(outcome->merged_ids, std::vector<std::string>{erp_part});
  EXPECT_TRUE(outcome->refused.empty()) << outcome->Summary();
  EXPECT_NE(outcome->Summary().find("merged " + erp_part), std::string::npos);
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), jane_);
  EXPECT_EQ(Resolve(AccountNumberOf("erp", "C1")), jane_);
  // Whoever kept the split part's id still finds Jane, also after a restart (the registry holds
  // it reissued to C1).
  ASSERT_NE(directory_.snapshot()->FindById(erp_part), nullptr);
  EXPECT_EQ(directory_.snapshot()->FindById(erp_part)->customer_id, jane_);
  EXPECT_EQ(directory_.snapshot()->Find(Id(kPhone, "07700 900123")).size(), 1u);
  const auto restarted = ExpectWhatARestartGives(World());
  ASSERT_NE(restarted->FindById(erp_part), nullptr);
  EXPECT_EQ(restarted->FindById(erp_part)->customer_id, jane_);
}

TEST_F(MergeTest, ANewAccountConnectingTwoCustomersMergesThemWithTheIdARestartGives) {
  // A till account with John's and Kim's e-mails: John (erp) and Kim (web) are one person. Both
  // ids were issued at the first start, at the same time: the smaller survives (ChooseGoldenIds),
  // and the other resolves to it, now and after a restart (the registry holds it for W2).
  const omnihub::sdk::AccountIdentity till{
      "P2", {Raw(kEmail, "john@example.com"), Raw(kEmail, "kim@example.com")}, "John Doe", ""};
  auto outcome = linker_.ApplyAccount("pos", till);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const std::string survivor = std::min(john_, kim_), other = std::max(john_, kim_);
  EXPECT_EQ(outcome->customer_id, survivor);
  EXPECT_EQ(outcome->merged_ids, std::vector<std::string>{other});
  ASSERT_EQ(outcome->merged.size(), 1u);
  EXPECT_EQ(
      outcome->merged[0].rfind("merged " + other + " into " + survivor + ": shares email:", 0), 0u)
      << outcome->merged[0];
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), survivor);
  EXPECT_EQ(Resolve(Id(kEmail, "kim@example.com")), survivor);
  ASSERT_NE(directory_.snapshot()->FindById(other), nullptr);
  EXPECT_EQ(directory_.snapshot()->FindById(other)->customer_id, survivor);
  EXPECT_EQ(registry_.rows_.at("account:pos:P2").customer_id, survivor);

  const auto restarted = ExpectWhatARestartGives(With(World(), "pos", till));
  ASSERT_NE(restarted->FindById(other), nullptr);
  EXPECT_EQ(restarted->FindById(other)->customer_id, survivor);
}

TEST_F(MergeTest, AChangedAccountThatNowSharesAnIdentifierMergesAsARestartWould) {
  // Kim's web account now declares John's e-mail too.
  auto changed = Changed(World(), "ecommerce", "W2",
                         {{Raw(kEmail, "kim@example.com"), Raw(kEmail, "john@example.com")}});
  auto outcome = linker_.ApplyAccount("ecommerce", changed[1].accounts[1]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->merged.size(), 1u);
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), Resolve(Id(kEmail, "kim@example.com")));
  ExpectWhatARestartGives(changed);
}

TEST_F(MergeTest, CustomersWithAccountsInOneSystemAreNotMergedAsARestartRefuses) {
  // John and Lee both have an erp account: a till account with both e-mails joins John (its first
  // identifier's holder) and nobody else, as Build decides.
  const omnihub::sdk::AccountIdentity till{
      "P2", {Raw(kEmail, "john@example.com"), Raw(kEmail, "lee@example.com")}, "", ""};
  auto outcome = linker_.ApplyAccount("pos", till);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->customer_id, john_);
  EXPECT_TRUE(outcome->merged.empty());
  EXPECT_EQ(directory_.snapshot()->FindById(lee_)->customer_id, lee_);
  EXPECT_EQ(directory_.snapshot()->FindById(lee_)->accounts.size(), 1u);
  // Both hold Lee's e-mail, as after a restart: it resolves to neither alone.
  EXPECT_EQ(directory_.snapshot()->Find(Id(kEmail, "lee@example.com")).size(), 2u);
  ASSERT_FALSE(outcome->refused.empty());
  EXPECT_NE(outcome->refused[0].find("who has an account in erp"), std::string::npos)
      << outcome->refused[0];
  ExpectWhatARestartGives(With(World(), "pos", till));
}

TEST_F(MergeTest, AConflictElsewhereLeavesTheMergeToARestart) {
  // Lee's e-mail is also on a second erp account (C4, a conflict Build resolved by reading order);
  // a till account joining Lee to Kim is not merged at run time: Build's answer depends on the
  // order it reads the accounts in.
  auto world = With(World(), "erp", {"C4", {Raw(kEmail, "lee@example.com")}, "L Chan", ""});
  directory_.Replace(Build(world));
  IdentityLinker linker(directory_);
  MemoryLog log;
  ASSERT_TRUE(linker.Start(log, RunInline).ok());
  auto outcome = linker.ApplyAccount(
      "pos", {"P2", {Raw(kEmail, "kim@example.com"), Raw(kEmail, "lee@example.com")}, "", ""});
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->merged.empty());
  ASSERT_FALSE(outcome->refused.empty());
  EXPECT_NE(outcome->refused[0].find("email:lee@example.com is held by 2 customers"),
            std::string::npos)
      << outcome->refused[0];
}

TEST_F(MergeTest, AnAgentsUnlinkIsNotUndoneByAMerge) {
  // An agent says John's e-mail is not John's; a till account then declares it with Kim's: the
  // systems do not merge John and Kim through it, now or after a restart; the till account joins
  // Kim (her e-mail), not John (through the e-mail unlinked from him).
  const absl::Status unlinked =
      Submit(Event(ManualLinkAction::kUnlink, john_, Id(kEmail, "john@example.com")));
  ASSERT_TRUE(unlinked.ok()) << unlinked;
  auto outcome = linker_.ApplyAccount(
      "pos", {"P2", {Raw(kEmail, "john@example.com"), Raw(kEmail, "kim@example.com")}, "", ""});
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->merged.empty());
  ASSERT_FALSE(outcome->refused.empty());
  EXPECT_EQ(outcome->refused[0].find("customers not merged: an agent unlinked "
                                     "email:john@example.com from " +
                                     john_),
            0u)
      << outcome->refused[0];
  const auto index = directory_.snapshot();
  ASSERT_NE(index->FindById(john_), nullptr);
  ASSERT_NE(index->FindById(kim_), nullptr);
  EXPECT_NE(index->FindById(john_), index->FindById(kim_));
  EXPECT_EQ(index->FindById(john_)->accounts.size(), 1u);
  EXPECT_EQ(index->FindById(kim_)->accounts.size(), 2u);
  // The unlink holds: the e-mail is the till account's customer's only.
  EXPECT_EQ(IdOf(*index, Id(kEmail, "john@example.com")), kim_);
  EXPECT_EQ(linker_.active_links(), 1u);
  ExpectWhatARestartGives(
      With(World(), "pos",
           {"P2", {Raw(kEmail, "john@example.com"), Raw(kEmail, "kim@example.com")}, "", ""}));
}

}  // namespace
}  // namespace omnihub::hub
