// PostgreSQL only: the database restarted in the middle of a test (pg_ctl restart through
// tools/pg-test-server.sh) and connections dropped under a write.
#include <gtest/gtest.h>

#include <cstdlib>

#include "adapters/odbc/connection_pool.h"
#include "adapters/odbc/idempotency.h"
#include "tests/odbc/test_database.h"

namespace omnihub::odbc {
namespace {

using std::chrono::seconds;
using testing::TestDatabase;

Clock::time_point Soon() { return Clock::now() + seconds(30); }

class PostgresTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (database_.connection_string().empty()) GTEST_SKIP() << TestDatabase::skip_reason();
    PoolOptions options;
    options.connection_string = database_.connection_string();
    options.max_size = 3;
    auto pool = ConnectionPool::Create(options);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *pool;
  }

  absl::StatusOr<ResultSet> Query(const std::string& sql, std::vector<SqlParam> params = {}) {
    return pool_->Run<ResultSet>(
        Soon(), [&](Connection& connection) { return connection.Query(sql, params, Soon()); });
  }
  absl::StatusOr<int64_t> Execute(const std::string& sql, std::vector<SqlParam> params = {}) {
    return pool_->Run<int64_t>(
        Soon(), [&](Connection& connection) { return connection.Execute(sql, params, Soon()); });
  }
  // The server process id of `connection`'s session.
  static std::string BackendPid(Connection& connection) {
    auto pid = connection.Query("SELECT pg_backend_pid()", {}, Soon());
    return pid.ok() && !pid->rows.empty() ? *pid->rows[0][0] : "";
  }
  // Ends the session `pid` from another connection, as a network drop or an admin would.
  void Terminate(const std::string& pid) {
    auto killed = Query("SELECT pg_terminate_backend(?)", {SqlParam::Integer(std::stoll(pid))});
    ASSERT_TRUE(killed.ok()) << killed.status();
  }

  TestDatabase database_;
  std::shared_ptr<ConnectionPool> pool_;
};

TEST_F(PostgresTest, PoolReconnectsAfterTheDatabaseRestarts) {
  if (std::getenv("OMNIHUB_TEST_PG_DIR") == nullptr) {
    GTEST_SKIP() << "OMNIHUB_TEST_PG_DIR is not set: the server was not started by "
                    "tools/pg-test-server.sh, so this test cannot restart it";
  }
  {
    // Fill the pool with three connections, all idle afterwards.
    auto a = pool_->Acquire(Soon()), b = pool_->Acquire(Soon()), c = pool_->Acquire(Soon());
    ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  }
  ASSERT_EQ(pool_->stats().idle, 3);
  std::string restart = std::string(OMNIHUB_SOURCE_DIR) + "/tools/pg-test-server.sh restart";
  ASSERT_EQ(std::system(restart.c_str()), 0) << restart;
  auto answer = Query("SELECT 40 + 2");
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(*answer->rows[0][0], "42");
  EXPECT_GE(pool_->stats().discarded, 1);
  // Every later call works too.
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(Query("SELECT 1").ok());
}

TEST_F(PostgresTest, LostConnectionIsNeverLentAgain) {
  std::string pid;
  {
    auto lease = pool_->Acquire(Soon());
    ASSERT_TRUE(lease.ok());
    pid = BackendPid(**lease);
  }
  Terminate(pid);
  auto lease = pool_->Acquire(Soon());
  ASSERT_TRUE(lease.ok());
  auto failed = (*lease)->Query("SELECT 1", {}, Soon());
  if (!failed.ok()) {
    EXPECT_EQ(failed.status().code(), absl::StatusCode::kUnavailable) << failed.status();
    EXPECT_TRUE((*lease)->lost());
  }
}

TEST_F(PostgresTest, QueryTimeoutIsDeadlineExceeded) {
  auto lease = pool_->Acquire(Soon());
  ASSERT_TRUE(lease.ok());
  auto slow = (*lease)->Query("SELECT pg_sleep(10)", {}, Clock::now() + seconds(1));
  EXPECT_EQ(slow.status().code(), absl::StatusCode::kDeadlineExceeded) << slow.status();
}

// The connection drops after the write ran but before COMMIT: the transaction is lost with it,
// the pool retries on a new connection, and the write is applied exactly once.
TEST_F(PostgresTest, WriteRetriedAfterADroppedConnectionIsAppliedOnce) {
  ASSERT_TRUE(Execute("DROP TABLE IF EXISTS odbc_pg_dropped").ok());
  ASSERT_TRUE(Execute("CREATE TABLE odbc_pg_dropped (note TEXT)").ok());
  ASSERT_TRUE(pool_
                  ->Run<int64_t>(Soon(),
                                 [](Connection& connection) -> absl::StatusOr<int64_t> {
                                   auto made = EnsureIdempotencyTable(connection, Soon());
                                   if (!made.ok()) return made;
                                   return 0;
                                 })
                  .ok());
  int attempts = 0;
  Write write = [&](Connection& connection) -> absl::StatusOr<std::string> {
    ++attempts;
    auto inserted = connection.Execute("INSERT INTO odbc_pg_dropped VALUES (?)",
                                       {SqlParam::Text("contact logged")}, Soon());
    if (!inserted.ok()) return inserted.status();
    if (attempts == 1) {
      // Drop this very connection from another one, before the commit.
      std::string pid = BackendPid(connection);
      Terminate(pid);
    }
    return std::string("CONTACT-1");
  };
  std::string key = "drop-before-commit-" + std::to_string(getpid());
  auto result = RunIdempotentWrite(*pool_, key, write, Soon());
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(*result, "CONTACT-1");
  EXPECT_EQ(attempts, 2);
  auto count = Query("SELECT COUNT(*) FROM odbc_pg_dropped");
  ASSERT_TRUE(count.ok());
  EXPECT_EQ(*count->rows[0][0], "1");

  // The commit went through but the answer was lost (the caller retries with the same key after
  // its connection dropped): still applied once.
  {
    auto lease = pool_->Acquire(Soon());
    ASSERT_TRUE(lease.ok());
    Terminate(BackendPid(**lease));
  }
  auto retried = RunIdempotentWrite(*pool_, key, write, Soon());
  ASSERT_TRUE(retried.ok()) << retried.status();
  EXPECT_EQ(*retried, "CONTACT-1");
  EXPECT_EQ(attempts, 2);
  count = Query("SELECT COUNT(*) FROM odbc_pg_dropped");
  EXPECT_EQ(*count->rows[0][0], "1");
  Execute("DROP TABLE odbc_pg_dropped").IgnoreError();
}

}  // namespace
}  // namespace omnihub::odbc
