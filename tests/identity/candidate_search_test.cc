// Candidate search over the identity index: a person's other records found by name with the
// postcode or a shared phone or address, with evidence saying why; never merged.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "hub/identity/identity_index.h"
#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub {
namespace {

using identity_testing::Id;
using identity_testing::Normalizer;
using omnihub::sdk::AccountIdentity;

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
constexpr auto kPhone = omnihub::v1::IDENTIFIER_TYPE_PHONE;
constexpr auto kAddress = omnihub::v1::IDENTIFIER_TYPE_POSTAL_ADDRESS;

const std::vector<std::string> kOrder = {"erp", "ecommerce", "mainframe"};

// Jane Dawson has an ERP account; her web account (another e-mail, no address) shares her phone;
// her old mainframe account (not cross-referenced) has her surname mistyped. John Dawson lives with
// her; another Jane Dawson lives elsewhere.
std::vector<IdentityIndex::SystemAccounts> Landscape() {
  return {
      {"erp",
       {{"C1",
         {Id(kEmail, "jane.dawson@example.com"), Id(kPhone, "07700 900123"),
          Id(kAddress, "12 High Street, Leeds LS1 4AB")},
         "Jane Dawson",
         "LS1 4AB"},
        {"C2",
         {Id(kEmail, "john.dawson@example.com"), Id(kPhone, "07700 900456"),
          Id(kAddress, "12 High Street, Leeds LS1 4AB")},
         "John Dawson",
         "LS1 4AB"}}},
      {"ecommerce",
       {{"E1",
         {Id(kEmail, "janed77@example.net"), Id(kPhone, "+44 7700 900123")},
         "jane dawson",
         ""},
        {"E2",
         {Id(kEmail, "jane.dawson@example.org"), Id(kPhone, "07700 900999")},
         "Jane Dawson",
         ""}}},
      {"mainframe",
       {{"M1", {Id(kAddress, "12 HIGH ST LEEDS LS1 4AB")}, "DAWSNO JANE", "LS1 4AB"},
        {"M2", {Id(kAddress, "12 HIGH ST LEEDS LS1 4AB")}, "DAWSON JOHN", "ls14ab"}}},
  };
}

class CandidateSearchTest : public ::testing::Test {
 protected:
  std::shared_ptr<const IdentityIndex> index_ =
      IdentityIndex::Build(Landscape(), kOrder, Normalizer());

  const GoldenCustomer& Holder(const std::string& system, const std::string& account) const {
    for (uint32_t c = 0; c < index_->size(); ++c) {
      if (index_->customer(c).AccountsIn(system) == std::vector<std::string>{account}) {
        return index_->customer(c);
      }
    }
    ADD_FAILURE() << "no customer holds " << system << ":" << account;
    static const GoldenCustomer none;
    return none;
  }
  // "system:account" of each match's first account, best first.
  std::vector<std::string> Accounts(const std::vector<CandidateMatch>& matches) const {
    std::vector<std::string> out;
    for (const auto& match : matches) {
      const auto& account = index_->customer(match.customer_index).accounts.front();
      out.push_back(account.system + ":" + account.account_id);
    }
    return out;
  }
  static std::string Evidence(const CandidateMatch& match) {
    std::string out;
    for (const auto& line : match.evidence) out += line + " | ";
    return out;
  }
};

TEST_F(CandidateSearchTest, NameAndPostcodeFindTheSamePersonDespiteASlip) {
  auto matches = index_->FindByName("Jane Dawson", "ls1 4ab", 10);
  ASSERT_EQ(Accounts(matches), (std::vector<std::string>{"erp:C1", "mainframe:M1"}))
      << "John (the same surname and postcode) is a household, not a candidate";
  EXPECT_DOUBLE_EQ(matches[0].score, 1.0);
  EXPECT_LT(matches[1].score, 1.0);
  EXPECT_GT(matches[1].score, 0.9);
  EXPECT_EQ(Evidence(matches[1]),
            "postcode LS1 4AB equal | name 'DAWSNO JANE': 'JANE' equal, 'DAWSON' is one slip from "
            "'DAWSNO', words in another order | ");
  EXPECT_TRUE(index_->FindByName("Jane Dawson", "ZZ9 9ZZ", 10).empty());
  EXPECT_TRUE(index_->FindByName("Jane Dawson", "", 10).empty()) << "no postcode, nothing shared";
}

TEST_F(CandidateSearchTest, ACustomersOtherRecordsAreFoundByPostcodeOrASharedPhone) {
  const auto& jane = Holder("erp", "C1");
  auto matches = index_->FindCandidates(CandidateQuery::Of(jane), 10);
  ASSERT_EQ(Accounts(matches),
            (std::vector<std::string>{"erp:C1", "ecommerce:E1", "mainframe:M1"}));
  EXPECT_EQ(Evidence(matches[1]),
            "phone:+447700900123 shared | name 'jane dawson': 'JANE' equal, 'DAWSON' equal | ");
  // From the web account, which has no postcode: the phone finds her ERP account, and Jane Dawson
  // of the other phone (E2) is nobody's candidate.
  auto from_web =
      Accounts(index_->FindCandidates(CandidateQuery::Of(Holder("ecommerce", "E1")), 10));
  std::sort(from_web.begin(), from_web.end());
  EXPECT_EQ(from_web, (std::vector<std::string>{"ecommerce:E1", "erp:C1"}));
  // The shared address finds the mainframe account as the postcode does; more shared evidence
  // ranks first among equal names.
  auto by_address =
      index_->FindCandidates({"Jane Dawson", "", {Id(kAddress, "12 High St Leeds LS1 4AB")}}, 10);
  EXPECT_EQ(Accounts(by_address), (std::vector<std::string>{"erp:C1", "mainframe:M1"}));
  // An identifier given twice is shared once.
  auto twice = index_->FindCandidates(
      {"Jane Dawson", "", {Id(kPhone, "07700 900123"), Id(kPhone, "+447700900123")}}, 10);
  ASSERT_FALSE(twice.empty());
  EXPECT_EQ(twice[0].evidence.size(), 2u) << Evidence(twice[0]);
}

TEST_F(CandidateSearchTest, StrongIdentifiersDoNotFindCandidates) {
  // An e-mail resolves (Find); as a candidate block it would only repeat what Find says.
  EXPECT_TRUE(
      index_->FindCandidates({"Jane Dawson", "", {Id(kEmail, "jane.dawson@example.org")}}, 10)
          .empty());
}

TEST_F(CandidateSearchTest, CandidatesAreNeverMerged) {
  const size_t before = index_->size();
  index_->FindCandidates(CandidateQuery::Of(Holder("erp", "C1")), 10);
  EXPECT_EQ(index_->size(), before);
  EXPECT_EQ(Holder("ecommerce", "E1").accounts.size(), 1u);
}

TEST_F(CandidateSearchTest, TheLimitKeepsTheBest) {
  auto matches = index_->FindCandidates(CandidateQuery::Of(Holder("erp", "C1")), 1);
  EXPECT_EQ(Accounts(matches), (std::vector<std::string>{"erp:C1"}));
  EXPECT_TRUE(index_->FindByName("Jane Dawson", "LS1 4AB", 0).empty());
}

TEST_F(CandidateSearchTest, HostileQueriesFindNothing) {
  for (const std::string& name : {std::string(), std::string("  "), std::string("'-.,;"),
                                  std::string("Jane \xff Doe"), std::string(10 * 1024, 'J')}) {
    EXPECT_TRUE(index_->FindByName(name, "LS1 4AB", 10).empty()) << name.substr(0, 20);
  }
  EXPECT_TRUE(index_->FindByName("Jane Dawson", "\xff\xfe", 10).empty());
  EXPECT_TRUE(index_->FindByName("Jane Dawson", std::string(10 * 1024, 'L'), 10).empty());
}

TEST(CandidateSearchBlocksTest, HostileNamesFromABackendAreNeverCandidates) {
  std::vector<IdentityIndex::SystemAccounts> systems = {
      {"erp",
       {{"C1", {}, std::string(10 * 1024, 'a') + " Doe", "LS1 4AB"},
        {"C2", {}, "Jane \xff\xfe Doe", "LS1 4AB"},
        {"C3", {}, "!!! ???", "LS1 4AB"},
        {"C4", {}, "", "LS1 4AB"},
        {"C5", {}, "Jane Dawson", "LS1 4AB"}}}};
  auto index = IdentityIndex::Build(systems, {"erp"}, Normalizer());
  auto matches = index->FindByName("Jane Dawson", "LS1 4AB", 10);
  ASSERT_EQ(matches.size(), 1u);
  EXPECT_EQ(index->customer(matches[0].customer_index).AccountsIn("erp"),
            std::vector<std::string>{"C5"});
}

TEST(CandidateSearchBlocksTest, AHugeBlockIsOnlyLookedAtSoFar) {
  // A placeholder postcode on every record of a careless import.
  std::vector<IdentityIndex::SystemAccounts> systems = {{"erp", {}}};
  for (size_t i = 0; i < IdentityIndex::kMaxBlockHolders + 200; ++i) {
    systems[0].accounts.push_back({"C" + std::to_string(i), {}, "Jane Dawson", "XX1 1XX"});
  }
  auto index = IdentityIndex::Build(systems, {"erp"}, Normalizer());
  EXPECT_EQ(index->FindByName("Jane Dawson", "XX1 1XX", 5000).size(),
            IdentityIndex::kMaxBlockHolders);
}

}  // namespace
}  // namespace omnihub::hub
