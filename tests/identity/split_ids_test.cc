// The id a split gives a part whose accounts all hold ids another part keeps is recorded
// (IssuedIdRegistry::RecordReissued), so that it outlives restarts: the part keeps it whatever
// joins it while the hub is down, and once the parts are one again (at run time or at a restart)
// the id resolves to the customer, whose id is the same at run time and after a restart. Checked
// against a restart over the same data with the recorded ids and the agents' events.
#include <gtest/gtest.h>

#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;

class SplitIdsTest : public RestartCheck {
 protected:
  SplitIdsTest() : RestartCheck(JaneAndJohn(), kHubOrder) {}

  // Jane's web account without the e-mail it shared with her ERP account: her ERP account (C1)
  // and her web and till accounts (W1, P1, sharing her handle) are two customers.
  static std::vector<IdentityIndex::SystemAccounts> Dropped() {
    return Changed(JaneAndJohn(), "ecommerce", "W1", {{Raw(kTwitter, "@janed")}});
  }
  static const omnihub::sdk::AccountIdentity& WebAccount(
      const std::vector<IdentityIndex::SystemAccounts>& systems) {
    return systems[1].accounts[0];
  }
  // The customer `id` resolves to in `index` ("" when none).
  static std::string Resolved(const IdentityIndex& index, const std::string& id) {
    const GoldenCustomer* customer = index.FindById(id);
    return customer != nullptr ? customer->customer_id : "";
  }
};

TEST_F(SplitIdsTest, ThePartsIdResolvesToTheCustomerAfterARestartARejoinAndARestart) {
  // All three accounts held Jane's id, issued at once: the web account's part keeps it (the
  // smaller account key), the ERP account's gets a new one.
  const std::string erp_part = SplitOff("ecommerce", WebAccount(Dropped()));
  ASSERT_FALSE(erp_part.empty());
  ASSERT_EQ(Resolve(Id(kEmail, "jane@example.com")), erp_part);
  ASSERT_EQ(Resolve(Id(kTwitter, "@janed")), jane_);
  ExpectWhatARestartGives(Dropped());

  Restart(Dropped());
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), erp_part);

  // The web account declares the e-mail again: one customer, Jane's id, the part's resolving.
  auto rejoined = linker_.ApplyAccount("ecommerce", WebAccount(JaneAndJohn()));
  ASSERT_TRUE(rejoined.ok()) << rejoined.status();
  EXPECT_EQ(rejoined->customer_id, jane_);
  EXPECT_EQ(rejoined->merged_ids, std::vector<std::string>{erp_part});
  EXPECT_EQ(Resolved(*directory_.snapshot(), erp_part), jane_);
  const auto restarted = ExpectWhatARestartGives(JaneAndJohn());
  EXPECT_EQ(Resolved(*restarted, erp_part), jane_);
  EXPECT_EQ(Resolved(*restarted, jane_), jane_);

  // And at every restart after.
  Restart(JaneAndJohn());
  EXPECT_EQ(Resolved(*directory_.snapshot(), erp_part), jane_);
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), jane_);
}

TEST_F(SplitIdsTest, ASplitTheHubFindsAtARestartKeepsThePartsIdOnceTheyRejoin) {
  // The web account dropped the e-mail while the hub was down: the build splits Jane.
  Restart(Dropped());
  const std::string erp_part = Resolve(Id(kEmail, "jane@example.com"));
  ASSERT_NE(erp_part, jane_);
  ASSERT_EQ(Resolve(Id(kTwitter, "@janed")), jane_);
  EXPECT_EQ(registry_.reissued_.count({"account:erp:C1", erp_part}), 1u);

  auto rejoined = linker_.ApplyAccount("ecommerce", WebAccount(JaneAndJohn()));
  ASSERT_TRUE(rejoined.ok()) << rejoined.status();
  EXPECT_EQ(rejoined->customer_id, jane_);
  const auto restarted = ExpectWhatARestartGives(JaneAndJohn());
  EXPECT_EQ(Resolved(*restarted, erp_part), jane_);
}

TEST_F(SplitIdsTest, ThePartKeepsItsIdWhenABetterRankedAccountJoinsItWhileTheHubIsDown) {
  // The till account stops sharing the handle: the web account keeps the handle and Jane's id
  // with her ERP account; the till account is a customer of its own.
  auto apart = Changed(JaneAndJohn(), "pos", "P1", {{Raw(kPhone, "07700 900123")}});
  const std::string till_part = SplitOff("pos", apart[2].accounts[0]);
  ASSERT_FALSE(till_part.empty());
  ASSERT_EQ(Resolve(AccountNumberOf("pos", "P1")), till_part);
  ExpectWhatARestartGives(apart);

  // While the hub is down, the web shop opens W9 declaring the till account's number: a
  // better-ranked anchor for the till customer, whose id stays.
  auto joined = With(apart, "ecommerce", {"W9", {AccountNumberOf("pos", "P1")}, "J Doe", ""});
  Restart(joined);
  EXPECT_EQ(Resolve(AccountNumberOf("pos", "P1")), till_part);
  EXPECT_EQ(Resolve(AccountNumberOf("ecommerce", "W9")), till_part);
  EXPECT_EQ(Resolve(Id(kEmail, "jane@example.com")), jane_);
}

TEST_F(SplitIdsTest, HubsMakingTheSameSplitRecordOneId) {
  // A second hub sharing the registry, started over the same data.
  CustomerDirectory directory{Normalizer()};
  directory.Replace(Build(JaneAndJohn()));
  IdentityLinker other{directory};
  other.SetIssuedIds(&registry_);
  MemoryLog log;
  ASSERT_TRUE(other.Start(log, RunInline).ok());

  auto here = linker_.ApplyAccount("ecommerce", WebAccount(Dropped()));
  auto there = other.ApplyAccount("ecommerce", WebAccount(Dropped()));
  ASSERT_TRUE(here.ok() && there.ok());
  EXPECT_EQ(here->split_ids, there->split_ids);
  ASSERT_EQ(registry_.reissued_.size(), 1u);
  EXPECT_EQ(registry_.reissued_.begin()->second.customer_id, here->split_ids.at(0));
  ExpectWhatARestartGives(Dropped());
}

}  // namespace
}  // namespace omnihub::hub
