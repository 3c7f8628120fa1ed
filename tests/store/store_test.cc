// The hub's store on a real database (SQLite file, or PostgreSQL in store_postgres_test):
// migrations on a fresh database, re-run, newer-than-binary and edited migrations refused, a
// failing migration rolled back, hubs migrating at once; identity link events round trip
// (hostile text included) and keep one order across hubs appending at once.
#include <gtest/gtest.h>

#include <thread>

#include "hub/store/hub_store.h"
#include "tests/store/store_database.h"

namespace omnihub::hub {
namespace {

using store::EmbeddedMigrations;
using store::Migration;
using testing::kPostgres;
using testing::StoreDatabase;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!database_.available()) GTEST_SKIP() << StoreDatabase::skip_reason();
  }

  std::unique_ptr<HubStore> OpenOrDie(
      const std::vector<Migration>& migrations = EmbeddedMigrations()) {
    auto store = HubStore::Open(database_.options(), migrations);
    EXPECT_TRUE(store.ok()) << store.status();
    return store.ok() ? *std::move(store) : nullptr;
  }

  static ManualLinkEvent Event(ManualLinkAction action, std::string handle, std::string reason) {
    ManualLinkEvent event;
    event.action = action;
    event.customer_id = "C-0123456789abcdef";
    event.identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE);
    event.identifier.set_value(std::move(handle));
    event.agent_id = "agent-7";
    event.reason = std::move(reason);
    event.recorded_at = "2026-11-29T05:00:00Z";
    return event;
  }

  StoreDatabase database_;
};

std::vector<Migration> WithExtra(std::string sql) {
  auto migrations = EmbeddedMigrations();
  const int version = static_cast<int>(migrations.size()) + 1;
  migrations.push_back({version, "9999_store_test_extra", std::move(sql)});
  return migrations;
}

TEST_F(StoreTest, FreshDatabaseGetsEveryMigration) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->migration().from_version, 0);
  EXPECT_EQ(store->migration().to_version, static_cast<int>(EmbeddedMigrations().size()));
  EXPECT_EQ(store->dbms_name(), kPostgres ? "PostgreSQL" : "SQLite");
  auto events = store->ReadAfter(0);
  ASSERT_TRUE(events.ok()) << events.status();
  EXPECT_TRUE(events->empty());
}

TEST_F(StoreTest, OpeningAgainAppliesNothing) {
  OpenOrDie();
  auto again = OpenOrDie();
  ASSERT_NE(again, nullptr);
  const int last = static_cast<int>(EmbeddedMigrations().size());
  EXPECT_EQ(again->migration().from_version, last);
  EXPECT_EQ(again->migration().to_version, last);
}

TEST_F(StoreTest, DatabaseNewerThanTheBinaryIsRefused) {
  auto newer = OpenOrDie(WithExtra("CREATE TABLE store_test_extra (id INTEGER PRIMARY KEY)"));
  ASSERT_NE(newer, nullptr);
  EXPECT_EQ(newer->migration().to_version, static_cast<int>(EmbeddedMigrations().size()) + 1);
  newer.reset();
  auto older = HubStore::Open(database_.options());
  ASSERT_FALSE(older.ok());
  EXPECT_EQ(older.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(older.status().message().find("newer than this hubd"), std::string::npos)
      << older.status();
}

TEST_F(StoreTest, MigrationEditedAfterItWasAppliedIsRefused) {
  OpenOrDie();
  auto edited = EmbeddedMigrations();
  edited[0].sql += "\n-- an afterthought\n";
  auto store = HubStore::Open(database_.options(), edited);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(store.status().message().find("was changed after it was applied"), std::string::npos)
      << store.status();
}

TEST_F(StoreTest, FailingMigrationLeavesNothingBehind) {
  OpenOrDie();
  auto broken = HubStore::Open(database_.options(),
                               WithExtra("CREATE TABLE store_test_extra (id INTEGER PRIMARY KEY);\n"
                                         "INSERT INTO no_such_table VALUES (1)"));
  ASSERT_FALSE(broken.ok());
  EXPECT_NE(broken.status().message().find("9999_store_test_extra"), std::string::npos)
      << broken.status();
  // The first statement was rolled back with the second: the migration applies cleanly later.
  auto fixed = OpenOrDie(WithExtra("CREATE TABLE store_test_extra (id INTEGER PRIMARY KEY)"));
  ASSERT_NE(fixed, nullptr);
  EXPECT_EQ(fixed->migration().from_version, static_cast<int>(EmbeddedMigrations().size()));
}

TEST_F(StoreTest, HubsStartingAtOnceMigrateOnce) {
  constexpr int kHubs = 4;
  std::vector<absl::Status> results(kHubs);
  std::vector<std::thread> hubs;
  for (int i = 0; i < kHubs; ++i) {
    hubs.emplace_back([&, i] { results[i] = HubStore::Open(database_.options()).status(); });
  }
  for (auto& hub : hubs) hub.join();
  for (const auto& result : results) EXPECT_TRUE(result.ok()) << result;
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->migration().from_version, static_cast<int>(EmbeddedMigrations().size()));
}

TEST_F(StoreTest, LinkEventsRoundTripWithHostileText) {
  auto store = OpenOrDie();
  ASSERT_NE(store, nullptr);
  const std::vector<std::string> reasons = {
      "verified on the phone",
      "'); DROP TABLE identity_link_events; --",
      "Zoë's \"new\" handle \u2603 \U0001F600",
      std::string(2000, 'x'),
  };
  for (size_t i = 0; i < reasons.size(); ++i) {
    auto seq = store->Append(Event(i % 2 ? ManualLinkAction::kUnlink : ManualLinkAction::kLink,
                                   "@handle" + std::to_string(i), reasons[i]));
    ASSERT_TRUE(seq.ok()) << seq.status();
    EXPECT_EQ(*seq, static_cast<int64_t>(i) + 1);
  }
  auto account = Event(ManualLinkAction::kLink, "C1000001", "backend account");
  account.identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  account.identifier.set_system("erp");
  ASSERT_TRUE(store->Append(account).ok());

  auto events = store->ReadAfter(0);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), reasons.size() + 1);
  for (size_t i = 0; i < reasons.size(); ++i) {
    const auto& event = (*events)[i];
    EXPECT_EQ(event.seq, static_cast<int64_t>(i) + 1);
    EXPECT_EQ(event.action, i % 2 ? ManualLinkAction::kUnlink : ManualLinkAction::kLink);
    EXPECT_EQ(event.reason, reasons[i]);
    EXPECT_EQ(event.identifier.value(), "@handle" + std::to_string(i));
    EXPECT_EQ(event.identifier.type(), omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE);
    EXPECT_EQ(event.agent_id, "agent-7");
    EXPECT_EQ(event.customer_id, "C-0123456789abcdef");
    EXPECT_EQ(event.recorded_at, "2026-11-29T05:00:00Z");
  }
  EXPECT_EQ(events->back().identifier.system(), "erp");
  auto later = store->ReadAfter(3);
  ASSERT_TRUE(later.ok());
  ASSERT_EQ(later->size(), 2u);
  EXPECT_EQ(later->front().seq, 4);
}

TEST_F(StoreTest, HubsAppendingAtOnceAgreeOnOneOrder) {
  auto first = OpenOrDie();
  auto second = OpenOrDie();
  ASSERT_TRUE(first && second);
  constexpr int kEach = 15;
  std::vector<absl::Status> failures;
  std::mutex mutex;
  auto append = [&](HubStore* store, std::string prefix) {
    for (int i = 0; i < kEach; ++i) {
      auto seq = store->Append(Event(ManualLinkAction::kLink, prefix + std::to_string(i), "r"));
      if (!seq.ok()) {
        std::lock_guard lock(mutex);
        failures.push_back(seq.status());
      }
    }
  };
  std::thread a(append, first.get(), "@a"), b(append, second.get(), "@b");
  a.join();
  b.join();
  for (const auto& failure : failures) ADD_FAILURE() << failure;
  auto events = first->ReadAfter(0);
  ASSERT_TRUE(events.ok()) << events.status();
  ASSERT_EQ(events->size(), 2u * kEach);
  for (size_t i = 0; i < events->size(); ++i) {
    EXPECT_EQ((*events)[i].seq, static_cast<int64_t>(i) + 1);
  }
}

TEST_F(StoreTest, PasswordNeverShowsInErrors) {
  StoreOptions options;
  options.connection = "Driver=NoSuchOmnihubDriver;Server=127.0.0.1;Uid=hub;Pwd=s3cret-pw";
  auto store = HubStore::Open(options);
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().message().find("s3cret-pw"), std::string::npos) << store.status();
}

}  // namespace
}  // namespace omnihub::hub
