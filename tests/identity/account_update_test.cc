// Accounts announced after start-up (AccountUpdate, IdentityLinker::ApplyAccount): a new golden
// customer with the id a restart would give, joined to a customer by a strong identifier, never
// merged across a system's two accounts, weak evidence indexed only, hostile input refused; the
// agents' links stay in effect over the changed index; the audit trail per customer.
#include "hub/identity/account_update.h"

#include <gtest/gtest.h>

#include "hub/identity/identity_linker.h"
#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::sdk::AccountIdentity;
using omnihub::v1::Identifier;
using omnihub::v1::IdentifierType;

AccountIdentity Account(std::string id, std::vector<Identifier> identifiers, std::string name = "",
                        std::string postcode = "") {
  return {std::move(id), std::move(identifiers), std::move(name), std::move(postcode)};
}

std::vector<IdentityIndex::SystemAccounts> Systems() {
  return {
      {"erp",
       {{"C1",
         {Raw(kEmail, "jane@example.com"), Raw(kPhone, "07700 900123")},
         "Jane Doe",
         "LS1 4AB"},
        {"C2", {Raw(kEmail, "john@example.com")}, "John Doe", ""}}},
      {"ecommerce", {{"E2", {Raw(kEmail, "jim@example.com")}, "Jim Doe", ""}}},
  };
}
const std::vector<std::string> kOrder = {"erp", "ecommerce", "pos"};

class AccountUpdateTest : public ::testing::Test {
 protected:
  absl::StatusOr<AccountUpdate::Outcome> Apply(const std::string& system,
                                               const AccountIdentity& account) {
    return AccountUpdate::Apply(index_, system, account, Normalizer());
  }
  std::shared_ptr<const IdentityIndex> base_ =
      IdentityIndex::Build(Systems(), kOrder, Normalizer());
  IdentityIndex index_ = *base_;
  const std::string jane_ = IdOf(index_, Id(kEmail, "jane@example.com"));
};

// A till (pos) account with Jane's e-mail and `email`.
AccountIdentity TillWithJanesEmailAnd(const std::string& email) {
  return Account("L1", {Raw(kEmail, "jane@example.com"), Raw(kEmail, email)});
}

TEST_F(AccountUpdateTest, ANewAccountIsANewCustomerWithTheIdARestartWouldGive) {
  AccountIdentity account{"E9", {Raw(kEmail, "Kim@Example.com")}, "Kim Lee", "M1 1AA"};
  auto outcome = Apply("ecommerce", account);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->new_customer);
  EXPECT_EQ(IdOf(index_, Id(kEmail, "kim@example.com")), outcome->customer_id);
  auto systems = Systems();
  systems[1].accounts.push_back(account);
  auto rebuilt = IdentityIndex::Build(systems, kOrder, Normalizer());
  EXPECT_EQ(outcome->customer_id, IdOf(*rebuilt, Id(kEmail, "kim@example.com")));
  EXPECT_EQ(index_.stats().customers, base_->stats().customers + 1);
  EXPECT_EQ(index_.size(), base_->size() + 1);
  // Name and postcode make it a candidate, nothing more.
  auto candidates = index_.FindByName("Kim Lee", "m1 1aa", 5);
  ASSERT_EQ(candidates.size(), 1u);
  EXPECT_EQ(index_.customer(candidates[0].customer_index).customer_id, outcome->customer_id);
  // The snapshot it was copied from is untouched.
  EXPECT_EQ(IdOf(*base_, Id(kEmail, "kim@example.com")), "");
}

TEST_F(AccountUpdateTest, AStrongIdentifierJoinsTheCustomerWhoseIdStays) {
  const std::string jane = IdOf(index_, Id(kEmail, "jane@example.com"));
  auto outcome =
      Apply("ecommerce", Account("E7", {Raw(kEmail, "JANE@example.com"), Raw(kTwitter, "@jd")}));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_FALSE(outcome->new_customer);
  EXPECT_TRUE(outcome->new_account);
  EXPECT_EQ(outcome->customer_id, jane);
  EXPECT_EQ(IdOf(index_, Id(kTwitter, "@jd")), jane);
  EXPECT_EQ(index_.FindById(jane)->AccountsIn("ecommerce"), std::vector<std::string>{"E7"});
  Identifier account;
  account.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  account.set_system("ecommerce");
  account.set_value("E7");
  EXPECT_EQ(IdOf(index_, *Normalizer().Normalize(account)), jane);
}

TEST_F(AccountUpdateTest, TwoAccountsOfOneSystemAreNeverJoined) {
  const std::string john = IdOf(index_, Id(kEmail, "john@example.com"));
  // A second erp account with John's e-mail: not John (he has one). Both hold the e-mail now, as
  // after a restart: it resolves to neither alone (an agent decides).
  const AccountIdentity second = Account("C3", {Raw(kEmail, "john@example.com")}, "J Doe", "");
  auto outcome = Apply("erp", second);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_TRUE(outcome->new_customer);
  EXPECT_NE(outcome->customer_id, john);
  EXPECT_EQ(index_.Find(Id(kEmail, "john@example.com")).size(), 2u);
  EXPECT_EQ(index_.FindById(john)->accounts.size(), 1u);
  ASSERT_FALSE(outcome->refused.empty());
  EXPECT_EQ(outcome->refused.back(),
            "email:john@example.com is another customer's too: it resolves to both");
  const auto rebuilt = IdentityIndex::Build(With(Systems(), "erp", second), kOrder, Normalizer());
  EXPECT_EQ(rebuilt->Find(Id(kEmail, "john@example.com")).size(), 2u);
  EXPECT_EQ(index_.stats().identifiers, rebuilt->stats().identifiers);
  EXPECT_EQ(index_.stats().conflicts, base_->stats().conflicts + 1);
}

TEST_F(AccountUpdateTest, ANewAccountConnectingTwoCustomersMergesThemAsARebuildWould) {
  const std::string jim = IdOf(index_, Id(kEmail, "jim@example.com"));
  const AccountIdentity till = TillWithJanesEmailAnd("jim@example.com");
  auto outcome = Apply("pos", till);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  // Jane (erp) and Jim (ecommerce) have no system in common: one person, as a rebuild says, with
  // the id a plain rebuild gives (anchored on erp:C1); Jim's id resolves to her.
  const auto rebuilt = IdentityIndex::Build(With(Systems(), "pos", till), kOrder, Normalizer());
  EXPECT_EQ(outcome->customer_id, jane_);
  EXPECT_EQ(IdOf(*rebuilt, Id(kEmail, "jim@example.com")), jane_);
  EXPECT_EQ(IdOf(index_, Id(kEmail, "jim@example.com")), jane_);
  EXPECT_EQ(outcome->merged,
            std::vector<std::string>{"merged " + jim + " into " + jane_ +
                                     ": shares email:jim@example.com (pos:L1, ecommerce:E2)"});
  EXPECT_EQ(outcome->merged_ids, std::vector<std::string>{jim});
  ASSERT_NE(index_.FindById(jim), nullptr);
  EXPECT_EQ(index_.FindById(jim)->customer_id, jane_);
  EXPECT_EQ(index_.FindById(jane_)->accounts.size(), 3u);
  EXPECT_NE(outcome->Summary().find("; merged " + jim), std::string::npos) << outcome->Summary();
  EXPECT_EQ(index_.stats().customers, rebuilt->stats().customers);
  EXPECT_EQ(index_.stats().identifiers, rebuilt->stats().identifiers);
}

TEST_F(AccountUpdateTest, CustomersWithAccountsInOneSystemAreNotMergedAsARebuildRefuses) {
  const std::string john = IdOf(index_, Id(kEmail, "john@example.com"));
  const AccountIdentity till = TillWithJanesEmailAnd("john@example.com");
  auto outcome = Apply("pos", till);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  // Jane and John both have an erp account: two people; the till joins the holder of its first
  // strong identifier, as a rebuild does.
  EXPECT_EQ(outcome->customer_id, jane_);
  EXPECT_TRUE(outcome->merged.empty());
  EXPECT_EQ(index_.FindById(john)->accounts.size(), 1u);
  EXPECT_EQ(index_.Find(Id(kEmail, "john@example.com")).size(), 2u);  // as after a restart
  ASSERT_FALSE(outcome->refused.empty());
  EXPECT_EQ(outcome->refused[0], "customers not merged: email:john@example.com is " + john +
                                     "'s, who has an account in erp as the account's customer "
                                     "does (a restart may group them otherwise)");
  const auto rebuilt = IdentityIndex::Build(With(Systems(), "pos", till), kOrder, Normalizer());
  EXPECT_EQ(IdOf(*rebuilt, AccountNumberOf("pos", "L1")),
            IdOf(index_, AccountNumberOf("pos", "L1")));
  EXPECT_EQ(index_.stats().customers, rebuilt->stats().customers);
  EXPECT_EQ(index_.stats().customers, base_->stats().customers);
}

TEST_F(AccountUpdateTest, AChangedAccountGainsItsNewIdentifiers) {
  const std::string jim = IdOf(index_, Id(kEmail, "jim@example.com"));
  auto outcome =
      Apply("ecommerce", Account("E2", {Raw(kEmail, "jim@example.com"), Raw(kTwitter, "@jim"),
                                        Raw(kPhone, "07700 900123")}));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_FALSE(outcome->new_account);
  EXPECT_EQ(outcome->customer_id, jim);
  EXPECT_EQ(outcome->added.size(), 2u);
  EXPECT_EQ(IdOf(index_, Id(kTwitter, "@jim")), jim);
  // A household phone: found for both, joining neither.
  EXPECT_EQ(index_.Find(Id(kPhone, "07700 900123")).size(), 2u);
  EXPECT_EQ(index_.stats().customers, base_->stats().customers);
  // The same announcement again changes nothing.
  auto again = Apply("ecommerce", Account("E2", {Raw(kTwitter, "@jim")}));
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->added.empty());
}

TEST_F(AccountUpdateTest, HostileInputIsRefusedOrSkipped) {
  auto empty = Apply("ecommerce", Account("", {Raw(kEmail, "x@example.com")}));
  EXPECT_EQ(empty.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(empty.status().message().find("account number of ecommerce"), std::string::npos)
      << empty.status();
  EXPECT_EQ(Apply("", Account("E5", {})).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Apply("ecommerce", Account(std::string(5000, 'x'), {})).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(index_.stats().customers, base_->stats().customers);
  // A malformed identifier is skipped, the rest kept.
  auto outcome =
      Apply("ecommerce", Account("E6", {Raw(kEmail, "not an e-mail"), Raw(kTwitter, "@ok")}));
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(index_.stats().invalid_identifiers, base_->stats().invalid_identifiers + 1);
  EXPECT_EQ(IdOf(index_, Id(kTwitter, "@ok")), outcome->customer_id);
}

class LinkerAccountTest : public AccountUpdateTest {
 protected:
  LinkerAccountTest() { directory_.Replace(base_); }
  absl::Status Submit(IdentityLinker& linker, ManualLinkEvent event) {
    absl::Status answer = absl::UnknownError("not answered");
    linker.Submit(std::move(event), IdentityLinker::Clock::now(),
                  [&](absl::StatusOr<ResolvedCustomer> result) { answer = result.status(); });
    return answer;
  }
  CustomerDirectory directory_{Normalizer()};
  MemoryLog log_;
};

TEST_F(LinkerAccountTest, AnAccountBeforeStartIsRefusedAndAfterItKeepsTheAgentsLinks) {
  IdentityLinker linker(directory_);
  absl::StatusOr<AccountUpdate::Outcome> early = absl::UnknownError("not answered");
  linker.SubmitAccount("ecommerce", Account("E9", {Raw(kEmail, "kim@example.com")}),
                       IdentityLinker::Clock::now(),
                       [&](absl::StatusOr<AccountUpdate::Outcome> outcome) { early = outcome; });
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(early.status().message().find("still being built"), std::string::npos);

  ASSERT_TRUE(linker.Start(log_, RunInline).ok());
  const std::string jane = IdOf(*directory_.snapshot(), Id(kEmail, "jane@example.com"));
  ASSERT_TRUE(
      Submit(linker, Event(ManualLinkAction::kLink, jane, Id(kTwitter, "@jane_new"), "verified"))
          .ok());
  std::vector<std::string> changed;
  linker.SetChangedHook([&](const std::vector<std::string>& ids) { changed = ids; });
  const auto before = directory_.snapshot();
  absl::StatusOr<AccountUpdate::Outcome> outcome = absl::UnknownError("not answered");
  linker.SubmitAccount("ecommerce",
                       Account("E7", {Raw(kEmail, "jane@example.com"), Raw(kTwitter, "@jd")}),
                       IdentityLinker::Clock::now(),
                       [&](absl::StatusOr<AccountUpdate::Outcome> result) { outcome = result; });
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  EXPECT_EQ(outcome->customer_id, jane);
  const auto now = directory_.snapshot();
  EXPECT_EQ(IdOf(*now, Id(kTwitter, "@jd")), jane);
  EXPECT_EQ(IdOf(*now, Id(kTwitter, "@jane_new")), jane);  // the agent's link still holds
  EXPECT_EQ(IdOf(*before, Id(kTwitter, "@jd")), "");       // readers' snapshot unchanged
  EXPECT_NE(std::find(changed.begin(), changed.end(), jane), changed.end());
  // Undoing the agent's link now works over the changed index too.
  ASSERT_TRUE(
      Submit(linker, Event(ManualLinkAction::kUnlink, jane, Id(kTwitter, "@jane_new"), "wrong"))
          .ok());
  EXPECT_EQ(IdOf(*directory_.snapshot(), Id(kTwitter, "@jane_new")), "");
  EXPECT_EQ(IdOf(*directory_.snapshot(), Id(kTwitter, "@jd")), jane);
}

TEST_F(LinkerAccountTest, TheAuditListsOneCustomersEventsInOrder) {
  IdentityLinker linker(directory_, [] { return "2026-11-29T06:00:00Z"; });
  ASSERT_TRUE(linker.Start(log_, RunInline).ok());
  const auto index = directory_.snapshot();
  const std::string jane = IdOf(*index, Id(kEmail, "jane@example.com"));
  const std::string john = IdOf(*index, Id(kEmail, "john@example.com"));
  ASSERT_TRUE(Submit(linker, Event(ManualLinkAction::kLink, jane, Id(kTwitter, "@a"), "one")).ok());
  ASSERT_TRUE(Submit(linker, Event(ManualLinkAction::kLink, john, Id(kTwitter, "@b"), "two")).ok());
  ASSERT_TRUE(
      Submit(linker, Event(ManualLinkAction::kUnlink, jane, Id(kTwitter, "@a"), "three")).ok());
  auto audit = linker.AuditOf(jane);
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].reason, "one");
  EXPECT_EQ(audit[0].agent_id, "A17");
  EXPECT_EQ(audit[0].recorded_at, "2026-11-29T06:00:00Z");
  EXPECT_EQ(audit[1].action, ManualLinkAction::kUnlink);
  EXPECT_EQ(linker.AuditOf(john).size(), 1u);
  EXPECT_TRUE(linker.AuditOf("C-ffffffffffffffff").empty());
}

}  // namespace
}  // namespace omnihub::hub
