// The contacts the hub logs, on a real database (SQLite file, or PostgreSQL in
// contact_store_postgres_test): newest first with a limit, across merged customer ids; a retry
// with the same key writes once, the same key with another contact is refused naming the fields;
// hostile text round trips; hubs sharing one store racing on one key write exactly once.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <thread>

#include "hub/store/hub_store.h"
#include "tests/store/store_fixture.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;

class ContactStoreTest : public testing::StoreFixture {
 protected:
  static ContactToLog Request(std::string key, std::string summary,
                              const char* occurred_at = nullptr,
                              std::string customer = "C-0123456789abcdef") {
    ContactToLog request;
    request.idempotency_key = std::move(key);
    auto& contact = request.contact;
    contact.set_customer_id(std::move(customer));
    contact.set_channel(omnihub::v1::CONTACT_CHANNEL_PHONE);
    contact.set_direction(omnihub::v1::CONTACT_DIRECTION_INBOUND);
    contact.set_agent_id("A17");
    contact.set_summary(std::move(summary));
    if (occurred_at != nullptr) {
      EXPECT_TRUE(TimeUtil::FromString(occurred_at, contact.mutable_occurred_at()));
    }
    return request;
  }

  std::vector<omnihub::v1::Contact> ListOrDie(std::vector<std::string> ids, int limit = 100) {
    auto contacts = store_->contacts().List(ids, limit);
    EXPECT_TRUE(contacts.ok()) << contacts.status();
    return contacts.ok() ? *std::move(contacts) : std::vector<omnihub::v1::Contact>();
  }
};

TEST_F(ContactStoreTest, LoggedContactsAreListedNewestFirstWithALimit) {
  auto& book = store_->contacts();
  for (const auto& [key, when] : std::vector<std::pair<std::string, const char*>>{
           {"key-00000001", "2026-11-01T10:00:00Z"},
           {"key-00000003", "2026-11-03T10:00:00.250Z"},
           {"key-00000002", "2026-11-02T10:00:00Z"}}) {
    auto logged = book.Log(Request(key, "call " + key, when));
    ASSERT_TRUE(logged.ok()) << logged.status();
    EXPECT_TRUE(logged->created);
    EXPECT_EQ(logged->contact.source_system(), "hub");
    EXPECT_EQ(logged->contact.contact_id().rfind("H-", 0), 0u) << logged->contact.contact_id();
  }
  auto all = ListOrDie({"C-0123456789abcdef"});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].summary(), "call key-00000003");
  EXPECT_EQ(TimeUtil::ToString(all[0].occurred_at()), "2026-11-03T10:00:00.250Z");
  EXPECT_EQ(all[1].summary(), "call key-00000002");
  EXPECT_EQ(all[2].summary(), "call key-00000001");
  EXPECT_EQ(all[2].channel(), omnihub::v1::CONTACT_CHANNEL_PHONE);
  EXPECT_EQ(all[2].direction(), omnihub::v1::CONTACT_DIRECTION_INBOUND);
  EXPECT_EQ(all[2].agent_id(), "A17");
  EXPECT_EQ(ListOrDie({"C-0123456789abcdef"}, 2).size(), 2u);
  EXPECT_TRUE(ListOrDie({"C-ffffffffffffffff"}).empty());
}

TEST_F(ContactStoreTest, ContactsOfMergedIdsAreListedTogether) {
  ASSERT_TRUE(
      store_->contacts()
          .Log(Request("key-merged-1", "first", "2026-11-01T10:00:00Z", "C-1111111111111111"))
          .ok());
  ASSERT_TRUE(
      store_->contacts()
          .Log(Request("key-merged-2", "second", "2026-11-02T10:00:00Z", "C-2222222222222222"))
          .ok());
  auto both = ListOrDie({"C-1111111111111111", "C-2222222222222222"});
  ASSERT_EQ(both.size(), 2u);
  EXPECT_EQ(both[0].summary(), "second");
  EXPECT_EQ(both[0].customer_id(), "C-2222222222222222");
  EXPECT_EQ(ListOrDie({"C-1111111111111111"}).size(), 1u);
}

TEST_F(ContactStoreTest, RetryWithTheSameKeyWritesOnce) {
  // No occurred_at: the hub's clock sets it, and the retry (a second later) still matches.
  auto first = store_->contacts().Log(Request("retry-key-1", "asked about the refund"));
  ASSERT_TRUE(first.ok()) << first.status();
  EXPECT_TRUE(first->created);
  EXPECT_TRUE(first->contact.has_occurred_at());
  auto again = store_->contacts().Log(Request("retry-key-1", "asked about the refund"));
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->contact.contact_id(), first->contact.contact_id());
  EXPECT_EQ(again->contact.occurred_at(), first->contact.occurred_at());
  EXPECT_EQ(ListOrDie({"C-0123456789abcdef"}).size(), 1u);
}

TEST_F(ContactStoreTest, TheSameKeyForAnotherContactIsRefusedNamingTheFields) {
  ASSERT_TRUE(store_->contacts().Log(Request("reused-key-1", "one thing")).ok());
  auto other = Request("reused-key-1", "another thing");
  other.contact.set_channel(omnihub::v1::CONTACT_CHANNEL_EMAIL);
  auto refused = store_->contacts().Log(other);
  ASSERT_EQ(refused.status().code(), absl::StatusCode::kAlreadyExists) << refused.status();
  const std::string message(refused.status().message());
  EXPECT_NE(message.find("reused-key-1"), std::string::npos) << message;
  EXPECT_NE(message.find("channel, summary"), std::string::npos) << message;
  EXPECT_EQ(ListOrDie({"C-0123456789abcdef"}).size(), 1u);
  // Another customer with the key is refused too.
  auto elsewhere = Request("reused-key-1", "one thing", nullptr, "C-9999999999999999");
  auto refused_elsewhere = store_->contacts().Log(elsewhere);
  EXPECT_EQ(refused_elsewhere.status().code(), absl::StatusCode::kAlreadyExists);
  EXPECT_NE(std::string(refused_elsewhere.status().message()).find("customer"), std::string::npos);
}

TEST_F(ContactStoreTest, HostileTextRoundTrips) {
  const std::vector<std::string> texts = {
      "it's \"quoted\"; DROP TABLE contacts; --",
      "Ünïcödé ✓ 日本語 \xF0\x9F\x98\x80",
      "line one\nline two\ttab",
      std::string(kMaxContactSummaryBytes, 'x'),
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    auto request = Request("hostile-key-" + std::to_string(i), texts[i], "2026-11-01T10:00:00Z");
    request.contact.mutable_occurred_at()->set_seconds(request.contact.occurred_at().seconds() +
                                                       static_cast<int64_t>(i));
    auto logged = store_->contacts().Log(request);
    ASSERT_TRUE(logged.ok()) << logged.status();
  }
  auto contacts = ListOrDie({"C-0123456789abcdef"});
  ASSERT_EQ(contacts.size(), texts.size());
  for (size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(contacts[texts.size() - 1 - i].summary(), texts[i]);
  }
}

TEST_F(ContactStoreTest, WhatTheTableCannotHoldIsRefusedNamingTheField) {
  auto expect_refused = [&](ContactToLog request, const std::string& field) {
    auto refused = store_->contacts().Log(request);
    EXPECT_EQ(refused.status().code(), absl::StatusCode::kInvalidArgument) << field;
    EXPECT_NE(std::string(refused.status().message()).find(field), std::string::npos)
        << refused.status();
  };
  expect_refused(Request("too-long-1", std::string(kMaxContactSummaryBytes + 1, 'x')),
                 "contact.summary");
  expect_refused(Request(std::string(kMaxContactKeyBytes + 1, 'k'), "x"), "idempotency_key");
  expect_refused(Request("", "x"), "idempotency_key");
  expect_refused(Request("no-customer", "x", nullptr, ""), "contact.customer_id");
  auto unknown_channel = Request("bad-channel", "x");
  unknown_channel.contact.set_channel(static_cast<omnihub::v1::ContactChannel>(99));
  expect_refused(unknown_channel, "contact.channel");
  auto no_agent = Request("no-agent-1", "x");
  no_agent.contact.clear_agent_id();
  expect_refused(no_agent, "contact.agent_id");
  EXPECT_TRUE(ListOrDie({"C-0123456789abcdef", ""}).empty());
}

TEST_F(ContactStoreTest, IdsAreUniqueAndFollowTime) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto logged = store_->contacts().Log(Request("order-key-" + std::to_string(100 + i), "x"));
    ASSERT_TRUE(logged.ok()) << logged.status();
    ids.push_back(logged->contact.contact_id());
  }
  for (size_t i = 1; i < ids.size(); ++i) EXPECT_LT(ids[i - 1], ids[i]);
}

TEST_F(ContactStoreTest, RecordedSinceListsWhatWasLoggedAfterAPoint) {
  auto& book = store_->contacts();
  ASSERT_TRUE(book.Log(Request("recorded-key-1", "first")).ok());
  google::protobuf::Timestamp far_past, far_future;
  ASSERT_TRUE(TimeUtil::FromString("2000-01-01T00:00:00Z", &far_past));
  ASSERT_TRUE(TimeUtil::FromString("2100-01-01T00:00:00Z", &far_future));
  ASSERT_TRUE(book.Log(Request("recorded-key-2", "second")).ok());
  auto all = book.RecordedSince(far_past, 100);
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].contact.summary(), "first");
  EXPECT_EQ((*all)[1].contact.summary(), "second");
  EXPECT_LE(TimeUtil::TimestampToNanoseconds((*all)[0].recorded_at),
            TimeUtil::TimestampToNanoseconds((*all)[1].recorded_at));
  auto since_second = book.RecordedSince((*all)[1].recorded_at, 100);
  ASSERT_TRUE(since_second.ok());
  ASSERT_GE(since_second->size(), 1u);
  EXPECT_EQ(since_second->back().contact.summary(), "second");
  auto none = book.RecordedSince(far_future, 100);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  auto one = book.RecordedSince(far_past, 1);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->size(), 1u);
}

TEST_F(ContactStoreTest, HubsLoggingOneKeyAtOnceWriteItOnce) {
  auto other_hub = Open();
  ASSERT_NE(other_hub, nullptr);
  constexpr int kPerHub = 4;
  std::vector<absl::StatusOr<LoggedContact>> results(2 * kPerHub, absl::UnknownError("not run"));
  {
    std::vector<std::jthread> threads;
    for (int i = 0; i < 2 * kPerHub; ++i) {
      threads.emplace_back([&, i] {
        HubStore& hub = i % 2 == 0 ? *store_ : *other_hub;
        results[i] = hub.contacts().Log(Request("raced-key-1", "the same call"));
      });
    }
  }
  int created = 0;
  std::string id;
  for (const auto& result : results) {
    ASSERT_TRUE(result.ok()) << result.status();
    created += result->created ? 1 : 0;
    if (id.empty()) id = result->contact.contact_id();
    EXPECT_EQ(result->contact.contact_id(), id);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ListOrDie({"C-0123456789abcdef"}).size(), 1u);
}

}  // namespace
}  // namespace omnihub::hub
