// A customer's name and postcode (what candidate matches go by) follow an account's change as a
// restart would take them: from the anchor account when it declares them, from any account when
// the customer has none. Checked against a restart over the changed data.
#include <gtest/gtest.h>

#include "tests/identity/restart_check.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;

class CustomerDetailsTest : public RestartCheck {
 protected:
  CustomerDetailsTest() : RestartCheck(JaneAndJohn(), kHubOrder) {}

  // The candidates for `name` at `postcode`, as "id score".
  static std::vector<std::string> Candidates(const IdentityIndex& index, const std::string& name,
                                             const std::string& postcode) {
    std::vector<std::string> found;
    for (const auto& match : index.FindByName(name, postcode, 5)) {
      found.push_back(
          absl::StrCat(index.customer(match.customer_index).customer_id, " ", match.score));
    }
    return found;
  }
};

TEST_F(CustomerDetailsTest, TheAnchorAccountsNewPostcodeAndNameAreTheCustomersAsAfterARestart) {
  // Jane moves: her ERP account (the anchor) has a new postcode and her married name.
  auto moved = JaneAndJohn();
  moved[0].accounts[0].postal_code = "M2 2BB";
  moved[0].accounts[0].display_name = "Jane Smith";
  auto outcome = linker_.ApplyAccount("erp", moved[0].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const auto now = directory_.snapshot();
  EXPECT_EQ(now->FindById(jane_)->postal_code, "M2 2BB");
  EXPECT_EQ(now->FindById(jane_)->display_name, "Jane Smith");
  ASSERT_FALSE(Candidates(*now, "Jane Smith", "M2 2BB").empty());
  EXPECT_TRUE(Candidates(*now, "Jane Doe", "LS1 4AB").empty());

  const auto restarted = ExpectWhatARestartGives(moved);
  EXPECT_EQ(Candidates(*now, "Jane Smith", "M2 2BB"),
            Candidates(*restarted, "Jane Smith", "M2 2BB"));
  EXPECT_EQ(Candidates(*now, "Jane Doe", "LS1 4AB"), Candidates(*restarted, "Jane Doe", "LS1 4AB"));
}

TEST_F(CustomerDetailsTest, AnotherAccountsPostcodeIsNotTheCustomersWhileTheAnchorHasOne) {
  // The till account (not the anchor) gives a postcode: Jane's stays her ERP account's.
  auto till = JaneAndJohn();
  till[2].accounts[0].postal_code = "B1 1AA";
  auto outcome = linker_.ApplyAccount("pos", till[2].accounts[0]);
  ASSERT_TRUE(outcome.ok()) << outcome.status();
  const auto now = directory_.snapshot();
  EXPECT_EQ(now->FindById(jane_)->postal_code, "LS1 4AB");
  const auto restarted = ExpectWhatARestartGives(till);
  EXPECT_EQ(restarted->FindById(jane_)->postal_code, "LS1 4AB");
  EXPECT_EQ(Candidates(*now, "Jane Doe", "B1 1AA"), Candidates(*restarted, "Jane Doe", "B1 1AA"));
}

}  // namespace
}  // namespace omnihub::hub
