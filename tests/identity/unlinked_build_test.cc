// An identifier an agent unlinked from a customer the systems declared it for joins nothing to
// that customer at run time (AccountUpdate) and, in a restart's build, connects only accounts that
// were one customer (hold an issued id in common: IdentityIndex::Build): what the agent separated
// stays apart after a restart, and what it joined before the unlink stays joined. Checked against
// a restart over the same data with the recorded ids and the agents' events replayed.
#include <gtest/gtest.h>

#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;

class UnlinkedBuildTest : public RestartCheck {
 protected:
  UnlinkedBuildTest() : RestartCheck(JaneAndJohn(), kHubOrder) {}

  // A web account opened with John's e-mail.
  const omnihub::sdk::AccountIdentity web_{"W5", {Raw(kEmail, "john@example.com")}, "J Smith", ""};
  const std::string web_id_ = IdentityIndex::GoldenIdFor("account:ecommerce:W5");
};

TEST_F(UnlinkedBuildTest, AnAccountDeclaringTheUnlinkedIdentifierIsACustomerOfItsOwn) {
  // An agent says John's e-mail is not John's; then the web shop opens an account with it.
  ASSERT_TRUE(Submit(Event(ManualLinkAction::kUnlink, john_, Id(kEmail, "john@example.com"))).ok());
  auto outcome = linker_.ApplyAccount("ecommerce", web_);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->new_customer) << outcome->Summary();
  EXPECT_EQ(outcome->customer_id, web_id_);
  EXPECT_EQ(Resolve(Id(kEmail, "john@example.com")), web_id_);
  EXPECT_EQ(directory_.snapshot()->FindById(john_)->accounts.size(), 1u);

  const auto restarted = ExpectWhatARestartGives(With(JaneAndJohn(), "ecommerce", web_));
  EXPECT_EQ(IdOf(*restarted, Id(kEmail, "john@example.com")), web_id_);
  EXPECT_EQ(restarted->FindById(john_)->accounts.size(), 1u);
}

TEST_F(UnlinkedBuildTest, AnAccountDeclaringItWhileTheHubIsDownIsNotJoinedByTheBuild) {
  ASSERT_TRUE(Submit(Event(ManualLinkAction::kUnlink, john_, Id(kEmail, "john@example.com"))).ok());
  Restart(With(JaneAndJohn(), "ecommerce", web_));
  const auto index = directory_.snapshot();
  EXPECT_EQ(index->FindById(john_)->accounts.size(), 1u);
  EXPECT_EQ(IdOf(*index, Id(kEmail, "john@example.com")), web_id_);
  EXPECT_EQ(IdOf(*index, AccountNumberOf("ecommerce", "W5")), web_id_);
}

TEST_F(UnlinkedBuildTest, TheAccountsItJoinedBeforeTheUnlinkStayJoined) {
  // Jane's ERP and web accounts share only her e-mail: the agent's unlink leaves them one.
  ASSERT_TRUE(Submit(Event(ManualLinkAction::kUnlink, jane_, Id(kEmail, "jane@example.com"))).ok());
  EXPECT_EQ(Resolve(AccountNumberOf("erp", "C1")), jane_);
  EXPECT_EQ(Resolve(AccountNumberOf("ecommerce", "W1")), jane_);
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), "");
  const auto restarted = ExpectWhatARestartGives(JaneAndJohn());
  EXPECT_EQ(restarted->FindById(jane_)->accounts.size(), 3u);
}

TEST_F(UnlinkedBuildTest, CustomersTheSystemsMergedThroughItBeforeTheUnlinkStayOne) {
  // Kim's web account, recorded at a restart, then declares John's e-mail: Kim and John are one
  // (John's id, the earlier). An agent then unlinks the e-mail from him: they stay one.
  auto kim = With(JaneAndJohn(), "ecommerce", {"W2", {Raw(kTwitter, "@kim")}, "Kim Lee", ""});
  Restart(kim);
  const std::string kim_id = Resolve(AccountNumberOf("ecommerce", "W2"));
  auto joined =
      Changed(kim, "ecommerce", "W2", {{Raw(kTwitter, "@kim"), Raw(kEmail, "john@example.com")}});
  auto merged = linker_.ApplyAccount("ecommerce", joined[1].accounts.back());
  ASSERT_TRUE(merged.ok()) << merged.status();
  ASSERT_EQ(merged->merged_ids, std::vector<std::string>{kim_id}) << merged->Summary();
  ASSERT_EQ(merged->customer_id, john_);
  ASSERT_TRUE(Submit(Event(ManualLinkAction::kUnlink, john_, Id(kEmail, "john@example.com"))).ok());
  EXPECT_EQ(Resolve(AccountNumberOf("ecommerce", "W2")), john_);

  // A restart keeps them one: Kim's account holds John's id too (reissued by the merge).
  EXPECT_EQ(registry_.reissued_.count({"account:ecommerce:W2", john_}), 1u);
  const auto restarted = ExpectWhatARestartGives(joined);
  EXPECT_EQ(IdOf(*restarted, AccountNumberOf("ecommerce", "W2")), john_);
  EXPECT_EQ(IdOf(*restarted, AccountNumberOf("erp", "C2")), john_);
  ASSERT_NE(restarted->FindById(kim_id), nullptr);
  EXPECT_EQ(restarted->FindById(kim_id)->customer_id, john_);
}

}  // namespace
}  // namespace omnihub::hub
