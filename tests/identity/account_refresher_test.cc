// AccountRefresher: a CUSTOMER_CHANGED event makes the hub read that one account from its
// system's adapter (a fake here) and apply it to the index: new identifiers added, those it no
// longer has withdrawn, a deleted account removed; other events and bad ones are refused with a
// reason.
#include "hub/identity/account_refresher.h"

#include <gtest/gtest.h>

#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::v1::Identifier;

// Answers a profile for the accounts it holds, at once.
class FakeShop : public omnihub::sdk::Adapter {
 public:
  const omnihub::sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const omnihub::sdk::FetchRequest& request, std::shared_ptr<omnihub::sdk::CallContext>,
             omnihub::sdk::FetchCallback done) override {
    asked.push_back(request.account_ids.front());
    auto it = profiles.find(request.account_ids.front());
    if (it == profiles.end()) {
      done(absl::NotFoundError("no such account"));
      return;
    }
    omnihub::sdk::SourceData data;
    data.profile = it->second;
    done(data);
  }
  std::map<std::string, omnihub::v1::Customer> profiles;
  std::vector<std::string> asked;

 private:
  omnihub::sdk::AdapterInfo info_{"ecommerce", "fake", {omnihub::sdk::Capability::kProfile}};
};

omnihub::events::BackendChange Change(omnihub::v1::EventType type, std::string account) {
  omnihub::events::BackendChange change;
  change.set_event_id("e1");
  change.set_type(type);
  change.set_system("ecommerce");
  change.set_account_id(std::move(account));
  return change;
}

class AccountRefresherTest : public ::testing::Test {
 protected:
  AccountRefresherTest() {
    std::vector<IdentityIndex::SystemAccounts> systems = {
        {"ecommerce",
         {{"E1", {Raw(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane@example.com")}, "Jane", ""}}}};
    directory_.Replace(IdentityIndex::Build(systems, {"ecommerce"}, Normalizer()));
    EXPECT_TRUE(linker_.Start(log_, RunInline).ok());
    omnihub::v1::Customer kim;
    kim.set_display_name("Kim Lee");
    kim.mutable_address()->set_postal_code("M1 1AA");
    *kim.add_identifiers() = Raw(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "E9", "ecommerce");
    *kim.add_identifiers() =
        Raw(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "Kim@Example.com", "ecommerce");
    shop_->profiles["E9"] = kim;
  }

  std::string Resolve(const Identifier& raw) {
    auto normalized = Normalizer().Normalize(raw);
    if (!normalized.ok()) return "";
    auto found = directory_.snapshot()->Find(*normalized);
    return found.size() == 1 ? found.front()->customer_id : "";
  }

  CustomerDirectory directory_{Normalizer()};
  MemoryLog log_;
  IdentityLinker linker_{directory_};
  std::shared_ptr<FakeShop> shop_ = std::make_shared<FakeShop>();
  std::vector<std::string> reports_;
  AccountRefresher refresher_{
      {shop_},
      linker_,
      std::chrono::seconds(5),
      [this](const std::string& system, const std::string& account,
             const absl::StatusOr<AccountUpdate::Outcome>& outcome) {
        reports_.push_back(absl::StrCat(
            system, ":", account, " ",
            outcome.ok() ? outcome->customer_id : std::string(outcome.status().message())));
      }};
};

TEST_F(AccountRefresherTest, ANewAccountIsReadFromItsSystemAndResolves) {
  const Identifier email = Raw(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "kim@example.com");
  ASSERT_EQ(Resolve(email), "");
  EXPECT_TRUE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "E9")));
  EXPECT_EQ(shop_->asked, std::vector<std::string>{"E9"});
  const std::string kim = Resolve(email);
  ASSERT_NE(kim, "");
  EXPECT_EQ(Resolve(Raw(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "E9", "ecommerce")), kim);
  EXPECT_EQ(directory_.snapshot()->FindById(kim)->display_name, "Kim Lee");
  EXPECT_EQ(refresher_.stats().applied, 1u);
  ASSERT_EQ(reports_.size(), 1u);
  EXPECT_EQ(reports_[0], "ecommerce:E9 " + kim);
}

TEST_F(AccountRefresherTest, AChangedEmailIsWithdrawnAndADeletedAccountRemoved) {
  const Identifier old_email = Raw(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "jane@example.com");
  const Identifier new_email = Raw(omnihub::v1::IDENTIFIER_TYPE_EMAIL, "Jane.Doe@example.com");
  const std::string jane = Resolve(old_email);
  ASSERT_NE(jane, "");
  omnihub::v1::Customer changed;
  changed.set_display_name("Jane");
  *changed.add_identifiers() = Raw(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "E1", "ecommerce");
  *changed.add_identifiers() = new_email;
  shop_->profiles["E1"] = changed;
  EXPECT_TRUE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "E1")));
  EXPECT_EQ(Resolve(old_email), "");
  EXPECT_EQ(Resolve(new_email), jane);
  EXPECT_EQ(refresher_.stats().withdrawn, 1u);
  EXPECT_EQ(refresher_.stats().removed, 0u);

  // The shop deleted the account: it answers NOT_FOUND, and nothing of it resolves.
  shop_->profiles.erase("E1");
  EXPECT_TRUE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "E1")));
  EXPECT_EQ(Resolve(new_email), "");
  EXPECT_EQ(Resolve(Raw(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER, "E1", "ecommerce")), "");
  EXPECT_EQ(directory_.snapshot()->FindById(jane), nullptr);
  const auto stats = refresher_.stats();
  EXPECT_EQ(stats.applied, 2u);
  EXPECT_EQ(stats.failed, 0u);
  EXPECT_EQ(stats.removed, 1u);
  EXPECT_EQ(stats.withdrawn, 3u);  // the e-mail, then the new e-mail and the account number
  ASSERT_EQ(reports_.size(), 2u);
  EXPECT_EQ(reports_[1], "ecommerce:E1 " + jane);
}

TEST_F(AccountRefresherTest, OtherEventsAreNotTakenAndBadOnesSayWhy) {
  EXPECT_FALSE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_NOTE_ADDED, "E9")));
  EXPECT_TRUE(shop_->asked.empty());
  EXPECT_TRUE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "")));
  EXPECT_TRUE(refresher_.OnChange(Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "E404")));
  auto unknown = Change(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED, "X1");
  unknown.set_system("crm");
  EXPECT_TRUE(refresher_.OnChange(unknown));
  ASSERT_EQ(reports_.size(), 3u);
  EXPECT_NE(reports_[0].find("names no account number"), std::string::npos) << reports_[0];
  EXPECT_NE(reports_[1].find("no such account"), std::string::npos) << reports_[1];
  EXPECT_NE(reports_[2].find("no adapter of system 'crm'"), std::string::npos) << reports_[2];
  EXPECT_EQ(refresher_.stats().failed, 3u);
  EXPECT_EQ(directory_.snapshot()->stats().customers, 1u);
}

}  // namespace
}  // namespace omnihub::hub
