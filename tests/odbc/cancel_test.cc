// Cancelling a running statement from another thread (Connection::Cancel, CallCanceller), on
// SQLite (a long recursive CTE: sqlite3_interrupt through the driver's SQLCancel) and PostgreSQL
// (pg_sleep: a cancel request to the server). Without cancellation each statement would run for
// minutes, so a test that passes proves the cancel reached the database.
#include <gtest/gtest.h>

#include <future>
#include <thread>

#include "adapters/odbc/call_canceller.h"
#include "adapters/odbc/connection_pool.h"
#include "tests/odbc/test_database.h"

namespace omnihub::odbc {
namespace {

using absl::StatusCode;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::kPostgres;
using testing::TestDatabase;

Clock::time_point Later() { return Clock::now() + seconds(600); }

// Minutes of work on either database.
std::string SlowQuery() {
  if (kPostgres) return "SELECT 1 FROM pg_sleep(600)";
  return "WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 5000000000) "
         "SELECT COUNT(*) FROM r";
}

class CancelTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (database_.connection_string().empty()) GTEST_SKIP() << TestDatabase::skip_reason();
    PoolOptions options;
    options.connection_string = database_.connection_string();
    options.max_size = 2;
    auto pool = ConnectionPool::Create(options);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *pool;
  }

  // Runs the slow query on a pooled connection in another thread, attached to `canceller`.
  std::future<absl::Status> StartSlowQuery(CallCanceller& canceller) {
    started_ = std::promise<void>();
    auto started = started_.get_future();
    auto result = std::async(std::launch::async, [this, &canceller]() -> absl::Status {
      auto lease = pool_->Acquire(Later());
      if (!lease.ok()) return lease.status();
      auto attached = canceller.Attach(**lease);
      started_.set_value();
      return (*lease)->Query(SlowQuery(), {}, Later()).status();
    });
    started.wait();
    return result;
  }

  TestDatabase database_;
  std::shared_ptr<ConnectionPool> pool_;
  std::promise<void> started_;
};

TEST_F(CancelTest, CancelFromAnotherThreadStopsTheRunningStatement) {
  CallCanceller canceller;
  auto result = StartSlowQuery(canceller);
  // Give the statement time to reach the database (not a timing assertion: cancelling earlier
  // is refused before the statement runs, which ends the same way).
  std::this_thread::sleep_for(milliseconds(300));
  canceller.Cancel();
  absl::Status status = result.get();
  EXPECT_EQ(status.code(), StatusCode::kCancelled) << status;
  EXPECT_TRUE(canceller.cancelled());
  // The cancelled connection is not lent again; the pool answers with a working one.
  EXPECT_EQ(pool_->stats().idle, 0);
  auto answer = pool_->Run<ResultSet>(Later(), [](Connection& connection) {
    return connection.Query("SELECT 40 + 2", {}, Later());
  });
  ASSERT_TRUE(answer.ok()) << answer.status();
  EXPECT_EQ(*answer->rows[0][0], "42");
}

TEST_F(CancelTest, CancelledCallRunsNoFurtherStatement) {
  CallCanceller canceller;
  canceller.Cancel();
  auto lease = pool_->Acquire(Later());
  ASSERT_TRUE(lease.ok()) << lease.status();
  {
    auto attached = canceller.Attach(**lease);
    EXPECT_EQ((*lease)->Query("SELECT 1", {}, Later()).status().code(), StatusCode::kCancelled);
    EXPECT_EQ((*lease)->Execute("SELECT 1", {}, Later()).status().code(), StatusCode::kCancelled);
  }
  // ResetCancel gives the connection back its statements.
  (*lease)->ResetCancel();
  EXPECT_TRUE((*lease)->Query("SELECT 1", {}, Later()).ok());
}

TEST_F(CancelTest, CancelWithoutAStatementIsHarmless) {
  CallCanceller canceller;
  canceller.Cancel();
  canceller.Cancel();
  EXPECT_TRUE(canceller.cancelled());
  auto answer = pool_->Run<ResultSet>(
      Later(), [](Connection& connection) { return connection.Query("SELECT 1", {}, Later()); });
  EXPECT_TRUE(answer.ok()) << answer.status();
}

}  // namespace
}  // namespace omnihub::odbc
