// The cases the hub keeps, on a real database (SQLite file, or PostgreSQL in
// store_postgres_test): created once per key (a retry answers the first, the key with another case
// is refused naming the fields; hubs racing on one key create one), read by id, listed per
// customer by status newest first, changed field by field, read by when they changed (oldest
// first); hostile text round trips; what the table cannot hold is refused naming the field.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <thread>

#include "hub/store/hub_store.h"
#include "tests/store/store_fixture.h"

namespace omnihub::hub {
namespace {

using omnihub::v1::Case;

class CaseStoreTest : public testing::StoreFixture {
 protected:
  static Case NewCase(std::string subject, std::string customer = "C-0123456789abcdef") {
    Case c;
    c.set_customer_id(std::move(customer));
    c.set_subject(std::move(subject));
    c.set_order_number("ORD-1001");
    return c;
  }

  Case CreateOrDie(const Case& c, const std::string& key) {
    auto created = store_->cases().Create(c, key);
    EXPECT_TRUE(created.ok()) << created.status();
    return created.ok() ? created->case_ : Case();
  }
};

TEST_F(CaseStoreTest, ACreatedCaseIsReadBackWithDefaults) {
  const Case created = CreateOrDie(NewCase("parcel never arrived"), "case-key-0001");
  EXPECT_EQ(created.case_id().rfind("K-", 0), 0u) << created.case_id();
  EXPECT_EQ(created.status(), omnihub::v1::CASE_STATUS_OPEN);
  EXPECT_EQ(created.priority(), omnihub::v1::CASE_PRIORITY_NORMAL);
  auto read = store_->cases().Get(created.case_id());
  ASSERT_TRUE(read.ok()) << read.status();
  EXPECT_EQ(read->SerializeAsString(), created.SerializeAsString()) << read->DebugString();
  auto missing = store_->cases().Get("K-none");
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kNotFound);
  EXPECT_NE(std::string(missing.status().message()).find("case_id"), std::string::npos);
}

TEST_F(CaseStoreTest, RetryWithTheSameKeyCreatesOnceAndAReusedKeyIsRefused) {
  const Case first = CreateOrDie(NewCase("refund missing"), "case-key-0002");
  auto again = store_->cases().Create(NewCase("refund missing"), "case-key-0002");
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->case_.case_id(), first.case_id());
  auto other = NewCase("something else");
  other.set_priority(omnihub::v1::CASE_PRIORITY_HIGH);
  auto refused = store_->cases().Create(other, "case-key-0002");
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists) << refused.status();
  EXPECT_NE(std::string(refused.status().message()).find("subject, priority"), std::string::npos)
      << refused.status();
  auto listed = store_->cases().List({"C-0123456789abcdef"}, {}, 100);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 1u);
}

TEST_F(CaseStoreTest, ListedByStatusMostRecentlyUpdatedFirst) {
  const Case a = CreateOrDie(NewCase("a"), "case-key-list-a");
  const Case b = CreateOrDie(NewCase("b"), "case-key-list-b");
  CreateOrDie(NewCase("elsewhere", "C-ffffffffffffffff"), "case-key-list-c");
  Case resolve;
  resolve.set_case_id(a.case_id());
  resolve.set_status(omnihub::v1::CASE_STATUS_RESOLVED);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));  // a later updated_at
  auto updated = store_->cases().Update(resolve, {"status"});
  ASSERT_TRUE(updated.ok()) << updated.status();
  auto all = store_->cases().List({"C-0123456789abcdef"}, {}, 100);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].case_id(), a.case_id());
  EXPECT_EQ((*all)[1].case_id(), b.case_id());
  auto open = store_->cases().List({"C-0123456789abcdef"}, {omnihub::v1::CASE_STATUS_OPEN}, 100);
  ASSERT_TRUE(open.ok());
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].case_id(), b.case_id());
  auto limited = store_->cases().List({"C-0123456789abcdef", "C-ffffffffffffffff"}, {}, 2);
  ASSERT_TRUE(limited.ok());
  EXPECT_EQ(limited->size(), 2u);
}

TEST_F(CaseStoreTest, ChangedSinceGivesEveryCustomersChangesOldestFirst) {
  const Case a = CreateOrDie(NewCase("a"), "case-key-since-a");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const Case b = CreateOrDie(NewCase("b", "C-ffffffffffffffff"), "case-key-since-b");
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  Case pending;
  pending.set_case_id(a.case_id());
  pending.set_status(omnihub::v1::CASE_STATUS_PENDING);
  auto changed_a = store_->cases().Update(pending, {"status"});
  ASSERT_TRUE(changed_a.ok()) << changed_a.status();

  auto ids = [](const std::vector<Case>& cases) {
    std::vector<std::string> case_ids;
    for (const auto& c : cases) case_ids.push_back(c.case_id());
    return case_ids;
  };
  auto all = store_->cases().ChangedSince(a.created_at(), 100);
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(ids(*all), (std::vector<std::string>{b.case_id(), a.case_id()}));
  EXPECT_EQ(all->back().status(), omnihub::v1::CASE_STATUS_PENDING) << "as it is now";
  auto since_b = store_->cases().ChangedSince(b.updated_at(), 100);
  ASSERT_TRUE(since_b.ok());
  EXPECT_EQ(ids(*since_b), (std::vector<std::string>{b.case_id(), a.case_id()})) << "at or after";
  auto after = store_->cases().ChangedSince(changed_a->updated_at(), 100);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(ids(*after), std::vector<std::string>{a.case_id()});
  auto one = store_->cases().ChangedSince(a.created_at(), 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(ids(*one), std::vector<std::string>{b.case_id()});
  auto none = store_->cases().ChangedSince(
      google::protobuf::util::TimeUtil::SecondsToTimestamp(4102444800), 100);  // 2100
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST_F(CaseStoreTest, UpdateChangesOnlyTheMaskedFields) {
  const Case created = CreateOrDie(NewCase("late delivery"), "case-key-upd-1");
  Case changes;
  changes.set_case_id(created.case_id());
  changes.set_subject("it's \"late\"; DROP TABLE cases; -- ✓");
  changes.set_priority(omnihub::v1::CASE_PRIORITY_URGENT);
  changes.set_owner_agent_id("A18");
  changes.set_status(omnihub::v1::CASE_STATUS_CLOSED);  // not in the mask
  auto updated = store_->cases().Update(changes, {"subject", "priority", "owner_agent_id"});
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->subject(), changes.subject());
  EXPECT_EQ(updated->priority(), omnihub::v1::CASE_PRIORITY_URGENT);
  EXPECT_EQ(updated->owner_agent_id(), "A18");
  EXPECT_EQ(updated->status(), omnihub::v1::CASE_STATUS_OPEN);
  EXPECT_EQ(updated->order_number(), "ORD-1001");
  EXPECT_EQ(updated->created_at(), created.created_at());

  Case unknown;
  unknown.set_case_id("K-00000000000000-00000000");
  unknown.set_subject("x");
  EXPECT_EQ(store_->cases().Update(unknown, {"subject"}).status().code(),
            absl::StatusCode::kNotFound);
  auto bad_path = store_->cases().Update(changes, {"customer_id"});
  EXPECT_EQ(bad_path.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(bad_path.status().message()).find("update_mask"), std::string::npos);
}

TEST_F(CaseStoreTest, WhatTheTableCannotHoldIsRefusedNamingTheField) {
  auto expect_refused = [&](const Case& c, const std::string& key, const std::string& field) {
    auto refused = store_->cases().Create(c, key);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << field;
    EXPECT_NE(std::string(refused.status().message()).find(field), std::string::npos)
        << refused.status();
  };
  expect_refused(NewCase(std::string(301, 'x')), "case-key-bad-1", "case.subject");
  expect_refused(NewCase("bad \xff bytes"), "case-key-bad-2", "case.subject");
  expect_refused(NewCase(""), "case-key-bad-3", "case.subject");
  expect_refused(NewCase("x", ""), "case-key-bad-4", "case.customer_id");
  expect_refused(NewCase("x"), "", "idempotency_key");
  auto status = NewCase("x");
  status.set_status(static_cast<omnihub::v1::CaseStatus>(77));
  expect_refused(status, "case-key-bad-5", "case.status");
  auto listed = store_->cases().List({"C-0123456789abcdef"}, {}, 100);
  ASSERT_TRUE(listed.ok());
  EXPECT_TRUE(listed->empty());
}

TEST_F(CaseStoreTest, HubsCreatingOneKeyAtOnceCreateOneCase) {
  auto other_hub = Open();
  ASSERT_NE(other_hub, nullptr);
  std::vector<absl::StatusOr<CreatedCase>> results(8, absl::UnknownError("not run"));
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < 8; ++i) {
      threads.emplace_back([&, i] {
        HubStore& hub = i % 2 == 0 ? *store_ : *other_hub;
        results[i] = hub.cases().Create(NewCase("the same case"), "case-key-race");
      });
    }
  }
  int created = 0;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    created += result->created ? 1 : 0;
    EXPECT_EQ(result->case_.case_id(), results[0]->case_.case_id());
  }
  EXPECT_EQ(created, 1);
}

}  // namespace
}  // namespace omnihub::hub
