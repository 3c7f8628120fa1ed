// Golden ids, once issued, are kept (ChooseGoldenIds, IdentityIndex::Build with issued ids,
// BuildKeepingIds, IdentityLinker recording accounts added at run time), with an in-memory
// registry: a fresh registry builds what the index always built; a customer keeps her id when a
// better-ranked account joins her; two customers become one and the other id still resolves;
// an account added at run time keeps its id across a rebuild; hostile stored rows are reported.
#include "hub/identity/golden_ids.h"

#include <gtest/gtest.h>

#include "hub/identity/identity_linker.h"
#include "hub/identity/stable_build.h"
#include "tests/identity/identity_fixtures.h"

namespace omnihub::hub {
namespace {

using namespace identity_testing;
using omnihub::sdk::AccountIdentity;

constexpr auto kEmail = omnihub::v1::IDENTIFIER_TYPE_EMAIL;
const std::vector<std::string> kOrder = {"erp", "ecommerce"};
const std::vector<std::string> kKnown = {"erp", "ecommerce"};

std::vector<IdentityIndex::SystemAccounts> WebOnly() {
  return {{"erp", {{"C2", {Raw(kEmail, "john@example.com")}, "John Doe", ""}}},
          {"ecommerce", {{"W1", {Raw(kEmail, "jane@example.com")}, "Jane Doe", ""}}}};
}

// The same people after the ERP created an account for Jane.
std::vector<IdentityIndex::SystemAccounts> WithErpAccount() {
  auto systems = WebOnly();
  systems[0].accounts.push_back({"C9", {Raw(kEmail, "Jane@Example.com")}, "Jane Doe", ""});
  return systems;
}

// Expects the i-th rejected row of `checked` to say `what`.
void ExpectSays(const CheckedIssuedIds& checked, size_t i, const std::string& what) {
  ASSERT_LT(i, checked.rejected.size());
  EXPECT_NE(checked.rejected[i].find(what), std::string::npos) << checked.rejected[i];
}

std::shared_ptr<const IdentityIndex> Start(MemoryRegistry& registry,
                                           const std::vector<IdentityIndex::SystemAccounts>& s) {
  auto built = BuildKeepingIds(registry, s, kOrder, Normalizer(), {}, kKnown);
  EXPECT_TRUE(built.ok()) << built.status();
  EXPECT_TRUE(built.ok() && built->rejected.empty());
  return built.ok() ? built->index : std::make_shared<const IdentityIndex>();
}

TEST(GoldenIdsTest, AFreshRegistryGivesTheIdsTheIndexAlwaysGaveAndRecordsEveryAccount) {
  const auto plain = IdentityIndex::Build(WithErpAccount(), kOrder, Normalizer());
  MemoryRegistry registry;
  auto built = BuildKeepingIds(registry, WithErpAccount(), kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->builds, 1);
  EXPECT_EQ(built->issued_before, 0u);
  EXPECT_EQ(built->recorded, 3u);
  ASSERT_EQ(built->index->size(), plain->size());
  for (uint32_t i = 0; i < plain->size(); ++i) {
    EXPECT_EQ(built->index->customer(i).customer_id, plain->customer(i).customer_id);
    EXPECT_TRUE(built->index->customer(i).merged_ids.empty());
  }
  const std::string jane = IdOf(*plain, Id(kEmail, "jane@example.com"));
  EXPECT_EQ(jane, IdentityIndex::GoldenIdFor("account:erp:C9"));
  EXPECT_EQ(registry.rows_.at("account:erp:C9").customer_id, jane);
  EXPECT_EQ(registry.rows_.at("account:ecommerce:W1").customer_id, jane);
}

TEST(GoldenIdsTest, AWebOnlyCustomerKeepsHerIdWhenAnErpAccountJoinsHerBeforeARestart) {
  MemoryRegistry registry;
  const std::string x = IdOf(*Start(registry, WebOnly()), Id(kEmail, "jane@example.com"));
  EXPECT_EQ(x, IdentityIndex::GoldenIdFor("account:ecommerce:W1"));

  const auto restarted = Start(registry, WithErpAccount());
  EXPECT_EQ(IdOf(*restarted, Id(kEmail, "jane@example.com")), x);
  EXPECT_EQ(restarted->FindById(x)->AccountsIn("erp"), std::vector<std::string>{"C9"});
  EXPECT_EQ(registry.rows_.at("account:erp:C9").customer_id, x);
  // And again: nothing more to record, the same id.
  auto again = BuildKeepingIds(registry, WithErpAccount(), kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->recorded, 0u);
  EXPECT_EQ(IdOf(*again->index, Id(kEmail, "jane@example.com")), x);
}

TEST(GoldenIdsTest, TwoCustomersJoinedByASharedEmailAreOneAndTheOtherIdStillResolves) {
  MemoryRegistry registry;
  const std::vector<IdentityIndex::SystemAccounts> apart = {
      {"erp", {{"C1", {Raw(kEmail, "jane@example.com")}, "Jane Doe", ""}}},
      {"ecommerce", {{"W1", {Raw(kEmail, "jane.doe@example.com")}, "Jane Doe", ""}}}};
  const auto first = Start(registry, apart);
  const std::string erp_id = IdOf(*first, Id(kEmail, "jane@example.com"));
  const std::string web_id = IdOf(*first, Id(kEmail, "jane.doe@example.com"));
  ASSERT_NE(erp_id, web_id);

  auto joined = apart;  // the web shop now knows her ERP e-mail too
  joined[1].accounts[0].identifiers.push_back(Raw(kEmail, "jane@example.com"));
  const auto index = Start(registry, joined);
  const std::string survivor = std::min(erp_id, web_id);  // issued together: the smaller id
  const std::string other = std::max(erp_id, web_id);
  EXPECT_EQ(IdOf(*index, Id(kEmail, "jane.doe@example.com")), survivor);
  EXPECT_EQ(IdOf(*index, Id(kEmail, "jane@example.com")), survivor);
  ASSERT_NE(index->FindById(other), nullptr);
  EXPECT_EQ(index->FindById(other)->customer_id, survivor);
  EXPECT_EQ(index->FindById(survivor)->merged_ids, std::vector<std::string>{other});
  EXPECT_EQ(index->stats().customers, 1u);
}

TEST(GoldenIdsTest, IdsWhoseAccountsAreGoneAreCountedAsResolvingToNoCustomer) {
  MemoryRegistry registry;
  const auto first = Start(registry, WithErpAccount());
  const std::string john = IdOf(*first, Id(kEmail, "john@example.com"));
  const std::string jane = IdOf(*first, Id(kEmail, "jane@example.com"));

  // John's only account is gone from the ERP; Jane lost her ERP account but keeps the web one.
  const std::vector<IdentityIndex::SystemAccounts> later = {
      {"erp", {}}, {"ecommerce", {{"W1", {Raw(kEmail, "jane@example.com")}, "Jane Doe", ""}}}};
  auto built = BuildKeepingIds(registry, later, kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->issued_before, 3u);
  EXPECT_EQ(built->unresolved, 1u) << "John's id; Jane's still resolves through her web account";
  ASSERT_EQ(built->unresolved_examples.size(), 1u);
  EXPECT_EQ(built->unresolved_examples[0], john + " (account:erp:C2)");
  EXPECT_EQ(built->index->FindById(john), nullptr);
  ASSERT_NE(built->index->FindById(jane), nullptr);

  // Nothing is counted while every account is there.
  auto whole = BuildKeepingIds(registry, WithErpAccount(), kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(whole.ok());
  EXPECT_EQ(whole->unresolved, 0u);
}

TEST(GoldenIdsTest, TheEarliestIssuedIdWinsAndASplitCustomerKeepsItOnTheEarliestAccount) {
  IssuedIds issued;
  issued["account:erp:C1"] = {{"account:erp:C1", "C-00000000000000bb", "2026-01-01T00:00:00Z"}};
  issued["account:ecommerce:W1"] = {
      {"account:ecommerce:W1", "C-00000000000000aa", "2026-02-01T00:00:00Z"}};
  // One component: the earlier issued id wins although the other is smaller.
  auto one = ChooseGoldenIds({{"account:erp:C1", "account:ecommerce:W1"}}, issued,
                             [](size_t, int) { return std::string("C-fresh"); });
  ASSERT_EQ(one.customers.size(), 1u);
  EXPECT_EQ(one.customers[0].customer_id, "C-00000000000000bb");
  EXPECT_EQ(one.customers[0].aliases, std::vector<std::string>{"C-00000000000000aa"});
  EXPECT_TRUE(one.to_record.empty());

  // Both accounts once had the same id and are now two customers: the earlier keeps it, the
  // other gets a fresh one (and a collision with a taken id moves on to the next fresh one).
  issued["account:ecommerce:W1"][0].customer_id = "C-00000000000000bb";
  auto split = ChooseGoldenIds(
      {{"account:ecommerce:W1"}, {"account:erp:C1"}}, issued, [](size_t c, int attempt) {
        return attempt == 0 ? std::string("C-00000000000000bb") : "C-fresh" + std::to_string(c);
      });
  EXPECT_EQ(split.customers[1].customer_id, "C-00000000000000bb");
  EXPECT_EQ(split.customers[0].customer_id, "C-fresh0");
  EXPECT_TRUE(split.customers[0].aliases.empty());
}

TEST(GoldenIdsTest, APartWhoseIdsAreAllTakenGetsANewIdToReissueAndKeepsItAfterwards) {
  const std::string jane = "C-00000000000000aa";
  IssuedIds issued;
  issued["account:erp:C1"] = {{"account:erp:C1", jane, "2026-01-01T00:00:00.000Z"}};
  issued["account:ecommerce:W1"] = {{"account:ecommerce:W1", jane, "2026-01-01T00:00:00.000Z"}};
  const std::vector<std::vector<std::string>> parts = {{"account:ecommerce:W1"},
                                                       {"account:erp:C1", "account:pos:P9"}};
  const auto fresh = [](size_t c, int) { return "C-fresh" + std::to_string(c); };
  // The web account keeps Jane's id (the smaller key); the other part's new id is recorded for
  // its new account and reissued to the account that held Jane's.
  auto split = ChooseGoldenIds(parts, issued, fresh);
  EXPECT_EQ(split.customers[0].customer_id, jane);
  EXPECT_EQ(split.customers[1].customer_id, "C-fresh1");
  ASSERT_EQ(split.to_record.size(), 1u);
  EXPECT_EQ(split.to_record[0].account_key, "account:pos:P9");
  ASSERT_EQ(split.to_reissue.size(), 1u);
  EXPECT_EQ(split.to_reissue[0].account_key, "account:erp:C1");
  EXPECT_EQ(split.to_reissue[0].customer_id, "C-fresh1");
  EXPECT_TRUE(split.to_reissue[0].reissued);

  // Once recorded, the part takes it again (whatever its fresh id would be now).
  issued["account:erp:C1"].push_back(
      {"account:erp:C1", "C-fresh1", "2026-02-01T00:00:00.000Z", true});
  auto again = ChooseGoldenIds(parts, issued, [](size_t, int) { return std::string("C-other"); });
  EXPECT_EQ(again.customers[0].customer_id, jane);
  EXPECT_EQ(again.customers[1].customer_id, "C-fresh1");
  EXPECT_TRUE(again.to_reissue.empty());

  // One customer again: the first issued id wins, the reissued one resolves to it.
  auto one = ChooseGoldenIds({{"account:erp:C1", "account:ecommerce:W1"}}, issued, fresh);
  EXPECT_EQ(one.customers[0].customer_id, jane);
  EXPECT_EQ(one.customers[0].aliases, std::vector<std::string>{"C-fresh1"});
  EXPECT_TRUE(one.to_record.empty());
  EXPECT_TRUE(one.to_reissue.empty());
}

TEST(GoldenIdsTest, ReissuedRowsAreTrustedOnlyAfterTheirAccountsFirstId) {
  const std::string first = "C-00000000000000aa", later = "C-00000000000000bb",
                    earlier = "C-00000000000000cc";
  const std::vector<IssuedId> rows = {
      {"account:erp:C1", later, "2026-11-29T06:00:00.000Z", true},
      {"account:erp:C1", first, "2026-11-29T05:00:00.000Z"},
      {"account:erp:C1", earlier, "2026-11-29T04:00:00.000Z", true},
      {"account:erp:C1", first, "2026-11-29T07:00:00.000Z", true},
      {"account:erp:C1", later, "2026-11-29T08:00:00.000Z", true},
      {"account:erp:C2", later, "2026-11-29T06:00:00.000Z", true},
      {"account:erp:C1", "C-1'", "2026-11-29T09:00:00.000Z", true},
  };
  const auto checked = CheckIssuedIds(rows, kKnown);
  ASSERT_EQ(checked.ids.size(), 1u);
  const auto& held = checked.ids.at("account:erp:C1");
  ASSERT_EQ(held.size(), 2u);
  EXPECT_EQ(held[0].customer_id, first);
  EXPECT_EQ(held[1].customer_id, later);
  ASSERT_EQ(checked.rejected.size(), 5u);
  ExpectSays(checked, 0, "not issued after the account's first id");
  ExpectSays(checked, 1, "holds this id already");
  ExpectSays(checked, 2, "holds this id already");
  ExpectSays(checked, 3, "no first id");
  ExpectSays(checked, 4, "not C- and 16 hex digits");
}

TEST(GoldenIdsTest, AnAccountAddedAtRunTimeKeepsItsIdAcrossARebuild) {
  MemoryRegistry registry;
  CustomerDirectory directory(Normalizer());
  directory.Replace(Start(registry, WebOnly()));
  IdentityLinker linker(directory);
  linker.SetIssuedIds(&registry);
  MemoryLog log;
  ASSERT_TRUE(linker.Start(log, RunInline).ok());
  const AccountIdentity kim{"W7", {Raw(kEmail, "kim@example.com")}, "Kim Lee", ""};
  auto added = linker.ApplyAccount("ecommerce", kim);
  ASSERT_TRUE(added.ok()) << added.status();
  EXPECT_TRUE(added->new_customer);
  EXPECT_TRUE(added->not_recorded.empty());
  EXPECT_EQ(registry.rows_.at("account:ecommerce:W7").customer_id, added->customer_id);

  // The rebuild sees her web account and an ERP account the ERP created for her since.
  auto systems = WebOnly();
  systems[1].accounts.push_back(kim);
  systems[0].accounts.push_back({"C5", {Raw(kEmail, "kim@example.com")}, "Kim Lee", ""});
  const auto rebuilt = Start(registry, systems);
  EXPECT_EQ(IdOf(*rebuilt, Id(kEmail, "kim@example.com")), added->customer_id);
  EXPECT_NE(added->customer_id, IdentityIndex::GoldenIdFor("account:erp:C5"));

  // A registry that cannot be written is told, not fatal: the account is in the index.
  registry.fail = absl::UnavailableError("store down");
  auto unrecorded =
      linker.ApplyAccount("ecommerce", {"W8", {Raw(kEmail, "lee@example.com")}, "Lee Kim", ""});
  ASSERT_TRUE(unrecorded.ok()) << unrecorded.status();
  EXPECT_EQ(unrecorded->not_recorded, "store down");
}

TEST(GoldenIdsTest, HostileStoredRowsAreReportedNotTrusted) {
  const std::string good = "C-0123456789abcdef";
  const std::vector<IssuedId> rows = {
      {"account:erp:C1", good, "2026-11-29T05:00:00.000Z"},
      {"account:erp:C2", "", "2026-11-29T05:00:00.000Z"},
      {"account:crm:K1", good, "2026-11-29T05:00:00.000Z"},
      {"email:jane@example.com", good, "2026-11-29T05:00:00.000Z"},
      {"account:erp:", good, "2026-11-29T05:00:00.000Z"},
      {"account:erp:C3", "C-0123456789ABCDEF", "2026-11-29T05:00:00.000Z"},
      {"account:erp:C4", "C-01'; DROP TABLE x", "2026-11-29T05:00:00.000Z"},
      {"account:erp:C5", good, ""},
      {"account:erp:C6", good, "2026-11-29T05:00:00Z"},
      {"account:erp:C1", "C-1111111111111111", "2026-11-29T05:00:00.000Z"},
  };
  const auto checked = CheckIssuedIds(rows, kKnown);
  ASSERT_EQ(checked.ids.size(), 1u);
  ASSERT_EQ(checked.ids.at("account:erp:C1").size(), 1u);
  EXPECT_EQ(checked.ids.at("account:erp:C1")[0].customer_id, good);
  ASSERT_EQ(checked.rejected.size(), rows.size() - 1);
  ExpectSays(checked, 0, "not C- and 16 hex digits");
  ExpectSays(checked, 1, "system 'crm' is not configured");
  ExpectSays(checked, 2, "not account:<system>:<number>");
  ExpectSays(checked, 3, "not account:<system>:<number>");
  ExpectSays(checked, 4, "not C- and 16 hex digits");
  ExpectSays(checked, 5, "not C- and 16 hex digits");
  ExpectSays(checked, 6, "issue time is not like");
  ExpectSays(checked, 7, "issue time is not like");
  ExpectSays(checked, 8, "has an id already");

  // Through a build: the hostile rows are reported, the index is as without them.
  MemoryRegistry registry;
  for (const auto& row : rows) registry.rows_.emplace(row.account_key + row.customer_id, row);
  auto built = BuildKeepingIds(registry, WebOnly(), kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->rejected.size(), rows.size() - 1);
  EXPECT_EQ(IdOf(*built->index, Id(kEmail, "jane@example.com")),
            IdentityIndex::GoldenIdFor("account:ecommerce:W1"));
}

TEST(GoldenIdsTest, AnotherHubRecordingFirstMakesThisHubBuildAgainWithItsIds) {
  // A registry where another hub records its id for the ERP account between the read and write.
  class RacingRegistry : public MemoryRegistry {
   public:
    absl::StatusOr<size_t> Record(const std::vector<IssuedId>& ids) override {
      if (!raced_) {
        raced_ = true;
        rows_.emplace("account:erp:C9",
                      IssuedId{"account:erp:C9", "C-00000000000000aa", "2026-11-29T04:00:00.000Z"});
      }
      return MemoryRegistry::Record(ids);
    }
    bool raced_ = false;
  } registry;
  auto built = BuildKeepingIds(registry, WithErpAccount(), kOrder, Normalizer(), {}, kKnown);
  ASSERT_TRUE(built.ok()) << built.status();
  EXPECT_EQ(built->builds, 2);
  EXPECT_EQ(IdOf(*built->index, Id(kEmail, "jane@example.com")), "C-00000000000000aa");
  // Its web account was recorded with the id this hub chose first: that id resolves to her too.
  const std::string first_choice = IdentityIndex::GoldenIdFor("account:erp:C9");
  EXPECT_EQ(registry.rows_.at("account:ecommerce:W1").customer_id, first_choice);
  ASSERT_NE(built->index->FindById(first_choice), nullptr);
  EXPECT_EQ(built->index->FindById(first_choice)->customer_id, "C-00000000000000aa");

  MemoryRegistry broken;
  broken.fail = absl::UnavailableError("store down");
  EXPECT_EQ(BuildKeepingIds(broken, WebOnly(), kOrder, Normalizer(), {}, kKnown).status().code(),
            absl::StatusCode::kUnavailable);
}

}  // namespace
}  // namespace omnihub::hub
