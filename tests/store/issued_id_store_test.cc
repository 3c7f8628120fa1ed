// The golden ids the hub issued, on a real database (SQLite file, or PostgreSQL in
// store_postgres_test): recorded once per account (the first stays, also between two hubs
// recording at once), ids reissued to accounts once per account and id, read back in key order
// with their issue time, more than one page;
// values the table cannot hold are refused before any SQL; hostile stored rows read back as they
// are (CheckIssuedIds decides what to trust).
#include <gtest/gtest.h>

#include <thread>

#include "absl/strings/str_format.h"
#include "hub/identity/golden_ids.h"
#include "hub/store/hub_store.h"
#include "tests/store/store_fixture.h"

namespace omnihub::hub {
namespace {

class IssuedIdStoreTest : public testing::StoreFixture {};

TEST_F(IssuedIdStoreTest, TheFirstIdRecordedForAnAccountStays) {
  auto& ids = store_->issued_ids();
  auto recorded = ids.Record({{"account:erp:C1", "C-0000000000000001", ""},
                              {"account:ecommerce:W1", "C-0000000000000001", ""}});
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(*recorded, 2u);
  auto again = ids.Record(
      {{"account:erp:C1", "C-0000000000000002", ""}, {"account:erp:C2", "C-0000000000000002", ""}});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, 1u);

  auto read = ids.ReadAll();
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 3u);
  EXPECT_EQ((*read)[0].account_key, "account:ecommerce:W1");
  EXPECT_EQ((*read)[1].account_key, "account:erp:C1");
  EXPECT_EQ((*read)[1].customer_id, "C-0000000000000001");
  EXPECT_EQ((*read)[2].customer_id, "C-0000000000000002");
  for (const auto& row : *read) {
    EXPECT_EQ(row.issued_at.size(), std::string("2026-11-29T05:00:00.123Z").size())
        << row.issued_at;
    EXPECT_EQ(row.issued_at.back(), 'Z') << row.issued_at;
  }
  EXPECT_TRUE(CheckIssuedIds(*read, {"erp", "ecommerce"}).rejected.empty());
  EXPECT_EQ(*ids.Record({}), 0u);
}

TEST_F(IssuedIdStoreTest, IdsReissuedToAnAccountAreRecordedOnceEachAndReadBackWithItsFirst) {
  auto& ids = store_->issued_ids();
  ASSERT_TRUE(ids.Record({{"account:erp:C1", "C-0000000000000001", ""},
                          {"account:erp:C2", "C-0000000000000001", ""}})
                  .ok());
  auto reissued = ids.RecordReissued({{"account:erp:C1", "C-0000000000000002", "", true},
                                      {"account:erp:C1", "C-0000000000000003", "", true}});
  ASSERT_TRUE(reissued.ok()) << reissued.status();
  EXPECT_EQ(*reissued, 2u);
  // Hubs making the same split record the same pair: it is kept once.
  auto again = ids.RecordReissued({{"account:erp:C1", "C-0000000000000002", "", true}});
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_EQ(*again, 0u);

  auto all = ids.ReadAll();
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 4u);
  EXPECT_FALSE((*all)[1].reissued);
  EXPECT_EQ((*all)[2].customer_id, "C-0000000000000002");
  EXPECT_TRUE((*all)[2].reissued);
  EXPECT_EQ((*all)[3].customer_id, "C-0000000000000003");
  const auto checked = CheckIssuedIds(*all, {"erp"});
  EXPECT_TRUE(checked.rejected.empty()) << checked.rejected.front();
  EXPECT_EQ(checked.ids.at("account:erp:C1").size(), 3u);

  auto one = ids.ReadFor({"account:erp:C1"});
  ASSERT_TRUE(one.ok()) << one.status();
  ASSERT_EQ(one->size(), 3u);
  EXPECT_EQ((*one)[0].customer_id, "C-0000000000000001");
  EXPECT_FALSE((*one)[0].reissued);
  EXPECT_TRUE((*one)[2].reissued);
  EXPECT_EQ(ids.RecordReissued({{"", "C-0000000000000002", "", true}}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST_F(IssuedIdStoreTest, ManyIdsAreRecordedInOneCallAndReadBackAcrossPages) {
  std::vector<IssuedId> many;
  for (int i = 0; i < 20500; ++i) {
    many.push_back({absl::StrFormat("account:erp:C%06d", i), absl::StrFormat("C-%016x", i), ""});
  }
  auto recorded = store_->issued_ids().Record(many);
  ASSERT_TRUE(recorded.ok()) << recorded.status();
  EXPECT_EQ(*recorded, many.size());
  // Reissued ids page too (an account may hold several).
  std::vector<IssuedId> reissued;
  for (int i = 0; i < 20500; ++i) {
    reissued.push_back({"account:erp:C000007", absl::StrFormat("C-1%015x", i), "", true});
  }
  ASSERT_TRUE(store_->issued_ids().RecordReissued(reissued).ok());
  auto read = store_->issued_ids().ReadAll();
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), many.size() + reissued.size());
  EXPECT_EQ((*read)[many.size() - 1].account_key, many.back().account_key);
  EXPECT_EQ((*read)[many.size() - 1].customer_id, many.back().customer_id);
  EXPECT_EQ(read->back().customer_id, reissued.back().customer_id);
  EXPECT_TRUE(read->back().reissued);
}

TEST_F(IssuedIdStoreTest, ReadForAnswersTheAccountsAskedForByKeyAcrossBatches) {
  std::vector<IssuedId> many;
  for (int i = 0; i < 500; ++i) {
    many.push_back({absl::StrFormat("account:erp:C%06d", i), absl::StrFormat("C-%016x", i), ""});
  }
  ASSERT_TRUE(store_->issued_ids().Record(many).ok());
  // 301 distinct keys over two batches, one asked twice, one unknown, and keys no row can have.
  std::vector<std::string> wanted = {"account:erp:C000499", "account:erp:C000499",
                                     "account:erp:nobody",  "",
                                     std::string(601, 'k'), "account:erp:C0' OR '1'='1"};
  for (int i = 0; i < 300; ++i) wanted.push_back(absl::StrFormat("account:erp:C%06d", i));
  auto read = store_->issued_ids().ReadFor(wanted);
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 301u);
  EXPECT_EQ(read->front().account_key, "account:erp:C000000");
  EXPECT_EQ(read->front().customer_id, "C-0000000000000000");
  EXPECT_EQ(read->back().account_key, "account:erp:C000499");
  EXPECT_EQ(read->back().customer_id, absl::StrFormat("C-%016x", 499));
  EXPECT_EQ(read->back().issued_at.size(), std::string("2026-11-29T05:00:00.123Z").size());
  EXPECT_TRUE(store_->issued_ids().ReadFor({})->empty());
}

TEST_F(IssuedIdStoreTest, WhatTheTableCannotHoldIsRefusedAndNothingOfTheBatchIsWritten) {
  auto& ids = store_->issued_ids();
  for (const IssuedId& bad :
       {IssuedId{"", "C-0000000000000001", ""}, IssuedId{"account:erp:C1", "", ""},
        IssuedId{std::string(601, 'k'), "C-0000000000000001", ""},
        IssuedId{"account:erp:C1", std::string(65, 'C'), ""}}) {
    auto refused = ids.Record({{"account:erp:C0", "C-0000000000000000", ""}, bad});
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << refused.status();
  }
  EXPECT_TRUE(ids.ReadAll()->empty());
}

TEST_F(IssuedIdStoreTest, HostileRowsReadBackAsTheyAreAndAreReportedNotTrusted) {
  const std::string quote = "account:erp:O'Brien\"; DROP TABLE issued_customer_ids; --";
  ASSERT_TRUE(store_->issued_ids()
                  .Record({{quote, "C-0000000000000001", ""},
                           {"account:crm:K1", "C-0000000000000002", ""},
                           {"account:erp:C3", "not an id \xc3\xa9", ""}})
                  .ok());
  auto read = store_->issued_ids().ReadAll();
  ASSERT_TRUE(read.ok()) << read.status();
  ASSERT_EQ(read->size(), 3u);
  const auto checked = CheckIssuedIds(*read, {"erp"});
  EXPECT_EQ(checked.ids.size(), 1u);
  EXPECT_EQ(checked.ids.count(quote), 1u);
  EXPECT_EQ(checked.rejected.size(), 2u);
}

TEST_F(IssuedIdStoreTest, TwoHubsRecordingTheSameAccountsAtOnceKeepOneIdEach) {
  auto other = Open();
  ASSERT_NE(other, nullptr);
  auto batch = [](char id) {
    std::vector<IssuedId> rows;
    for (int i = 0; i < 300; ++i) {
      rows.push_back(
          {absl::StrFormat("account:erp:C%04d", i), std::string("C-000000000000000") + id, ""});
    }
    return rows;
  };
  absl::StatusOr<size_t> first = 0, second = 0;
  std::thread a([&] { first = store_->issued_ids().Record(batch('a')); });
  std::thread b([&] { second = other->issued_ids().Record(batch('b')); });
  a.join();
  b.join();
  ASSERT_TRUE(first.ok()) << first.status();
  ASSERT_TRUE(second.ok()) << second.status();
  EXPECT_EQ(*first + *second, 300u);
  auto read = store_->issued_ids().ReadAll();
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->size(), 300u);
  // One transaction each: every account has the id of the hub that wrote first.
  for (const auto& row : *read) EXPECT_EQ(row.customer_id, read->front().customer_id);
}

}  // namespace
}  // namespace omnihub::hub
