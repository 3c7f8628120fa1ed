// omnihub_odbc against a real database: SQLite through libsqliteodbc, or PostgreSQL 15 through
// psqlODBC when built as odbc_postgres_test (see test_database.h). Typed round trips (money as
// DECIMAL, dates and timestamps with zones, NULLs, long Unicode text), SQL injection attempts,
// errors with SQLSTATE and no password, pool exhaustion, idempotent writes.
#include <gtest/gtest.h>

#include <thread>

#include "adapters/odbc/connection_pool.h"
#include "adapters/odbc/idempotency.h"
#include "tests/odbc/test_database.h"

namespace omnihub::odbc {
namespace {

using absl::StatusCode;
using std::chrono::milliseconds;
using std::chrono::seconds;
using testing::kPostgres;
using testing::TestDatabase;

Clock::time_point Soon() { return Clock::now() + seconds(20); }

class DatabaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (database_.connection_string().empty()) GTEST_SKIP() << TestDatabase::skip_reason();
    auto environment = Environment::Create();
    ASSERT_TRUE(environment.ok()) << environment.status();
    environment_ = *environment;
    auto connection = Connection::Open(environment_, database_.connection_string(), Soon());
    ASSERT_TRUE(connection.ok()) << connection.status();
    db_ = std::move(*connection);
    table_ =
        std::string("odbc_t_") + ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (auto& c : table_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    Exec("DROP TABLE IF EXISTS " + table_);
  }
  void TearDown() override {
    if (db_ && !db_->lost())
      db_->Execute("DROP TABLE IF EXISTS " + table_, {}, Soon()).IgnoreError();
  }

  void Exec(const std::string& sql, const std::vector<SqlParam>& params = {}) {
    auto done = db_->Execute(sql, params, Soon());
    ASSERT_TRUE(done.ok()) << sql << ": " << done.status();
  }
  ResultSet Select(const std::string& sql, const std::vector<SqlParam>& params = {}) {
    auto result = db_->Query(sql, params, Soon());
    EXPECT_TRUE(result.ok()) << sql << ": " << result.status();
    return result.ok() ? *result : ResultSet{};
  }

  TestDatabase database_;
  std::shared_ptr<Environment> environment_;
  std::unique_ptr<Connection> db_;
  std::string table_;
};

TEST_F(DatabaseTest, ReportsItsDatabase) {
  EXPECT_EQ(db_->dbms_name(), kPostgres ? "PostgreSQL" : "SQLite");
}

TEST_F(DatabaseTest, MoneyAsDecimalWithoutFloatingPoint) {
  Exec("CREATE TABLE " + table_ + " (id INTEGER PRIMARY KEY, amount DECIMAL(14,2))");
  const std::vector<std::pair<std::string, int64_t>> amounts = {{"4.50", 450},
                                                                {"-0.07", -7},
                                                                {"0.10", 10},
                                                                {"123456789012.34", 12345678901234},
                                                                {"19.99", 1999}};
  for (size_t i = 0; i < amounts.size(); ++i) {
    Exec("INSERT INTO " + table_ + " (id, amount) VALUES (?, ?)",
         {SqlParam::Integer(static_cast<int64_t>(i)), SqlParam::Decimal(amounts[i].first)});
  }
  auto result = Select("SELECT amount FROM " + table_ + " ORDER BY id");
  ASSERT_EQ(result.rows.size(), amounts.size());
  for (size_t i = 0; i < amounts.size(); ++i) {
    ASSERT_TRUE(result.rows[i][0].has_value());
    // Drivers render the same DECIMAL differently (SQLite "4.5", PostgreSQL "4.50"): compare
    // in minor units, converted from the text without a double.
    auto minor = DecimalToMinorUnits(*result.rows[i][0], 2);
    ASSERT_TRUE(minor.ok()) << minor.status();
    EXPECT_EQ(*minor, amounts[i].second) << *result.rows[i][0];
  }
  // Sums computed by the database stay exact too.
  auto sum = Select("SELECT SUM(amount) FROM " + table_);
  ASSERT_EQ(sum.rows.size(), 1u);
  EXPECT_EQ(*DecimalToMinorUnits(*sum.rows[0][0], 2), 12345678901234 + 450 - 7 + 10 + 1999);
}

TEST_F(DatabaseTest, DecimalBeyondDoublePrecisionIsExactOnPostgres) {
  if (!kPostgres) {
    GTEST_SKIP() << "SQLite keeps DECIMAL as REAL (NUMERIC affinity): the ERP schema stores "
                    "money there as INTEGER minor units instead";
  }
  Exec("CREATE TABLE " + table_ + " (amount NUMERIC(30,2))");
  Exec("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Decimal("1234567890123456789.01")});
  auto result = Select("SELECT amount FROM " + table_);
  ASSERT_EQ(result.rows.size(), 1u);
  EXPECT_EQ(*result.rows[0][0], "1234567890123456789.01");
}

TEST_F(DatabaseTest, DatesAndTimestampsWithZonesReadBackAsUtcIso) {
  Exec("CREATE TABLE " + table_ + " (id INTEGER PRIMARY KEY, day DATE, at " +
       (kPostgres ? "TIMESTAMP WITH TIME ZONE" : "TIMESTAMP") + ")");
  Exec("INSERT INTO " + table_ + " VALUES (?, ?, ?)",
       {SqlParam::Integer(1), SqlParam::Date("2024-02-29"),
        SqlParam::Timestamp("2026-11-01T00:30:00+01:00")});
  Exec("INSERT INTO " + table_ + " VALUES (?, ?, ?)",
       {SqlParam::Integer(2), SqlParam::Date("1999-12-31"),
        SqlParam::Timestamp("2026-03-29T01:59:59.25Z")});
  auto result = Select("SELECT day, at FROM " + table_ + " ORDER BY id");
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(*result.rows[0][0], "2024-02-29");
  EXPECT_EQ(*result.rows[0][1], "2026-10-31T23:30:00Z");
  EXPECT_EQ(*result.rows[1][0], "1999-12-31");
  EXPECT_EQ(*result.rows[1][1], "2026-03-29T01:59:59.25Z");
  // Comparing with a bound timestamp finds the row whatever zone the bound value was written in.
  auto found = Select("SELECT id FROM " + table_ + " WHERE at = ?",
                      {SqlParam::Timestamp("2026-10-31T18:30:00-05:00")});
  ASSERT_EQ(found.rows.size(), 1u);
  EXPECT_EQ(*found.rows[0][0], "1");
}

TEST_F(DatabaseTest, NullsAreAbsent) {
  Exec("CREATE TABLE " + table_ +
       " (id INTEGER, t VARCHAR(10), n BIGINT, d DECIMAL(10,2), day DATE, at TIMESTAMP)");
  using Kind = SqlParam::Kind;
  Exec("INSERT INTO " + table_ + " VALUES (?, ?, ?, ?, ?, ?)",
       {SqlParam::Integer(1), SqlParam::Null(), SqlParam::Null(Kind::kInteger),
        SqlParam::Null(Kind::kDecimal), SqlParam::Null(Kind::kDate),
        SqlParam::Null(Kind::kTimestamp)});
  Exec("INSERT INTO " + table_ + " VALUES (?, ?, ?, ?, ?, ?)",
       {SqlParam::Integer(2), SqlParam::Text(""), SqlParam::Integer(0), SqlParam::Decimal("0"),
        SqlParam::Date("2000-01-01"), SqlParam::Timestamp("2000-01-01T00:00:00Z")});
  auto result = Select("SELECT t, n, d, day, at FROM " + table_ + " ORDER BY id");
  ASSERT_EQ(result.rows.size(), 2u);
  for (const auto& value : result.rows[0]) EXPECT_FALSE(value.has_value()) << *value;
  // An empty string is not NULL.
  ASSERT_TRUE(result.rows[1][0].has_value());
  EXPECT_EQ(*result.rows[1][0], "");
  EXPECT_EQ(*result.rows[1][1], "0");
}

TEST_F(DatabaseTest, LongUnicodeTextRoundTripsWithoutTruncation) {
  Exec("CREATE TABLE " + table_ + " (id INTEGER, body TEXT)");
  std::string body;
  const std::string pieces[] = {
      "Zoë ", "Ångström ", "日本語のテキスト ", "😀🎉 ", "plain ascii ", "Ελληνικά ", "עברית "};
  for (int i = 0; body.size() < 300000; ++i) body += pieces[i % 7];
  Exec("INSERT INTO " + table_ + " VALUES (?, ?)", {SqlParam::Integer(1), SqlParam::Text(body)});
  auto result =
      Select("SELECT body, LENGTH(body) FROM " + table_ + " WHERE id = ?", {SqlParam::Integer(1)});
  ASSERT_EQ(result.rows.size(), 1u);
  ASSERT_TRUE(result.rows[0][0].has_value());
  EXPECT_EQ(result.rows[0][0]->size(), body.size());
  EXPECT_TRUE(*result.rows[0][0] == body) << "the text read back differs";
  // Matching on Unicode text through a parameter.
  Exec("INSERT INTO " + table_ + " VALUES (?, ?)", {SqlParam::Integer(2), SqlParam::Text("Zoë 😀")});
  auto found = Select("SELECT id FROM " + table_ + " WHERE body = ?", {SqlParam::Text("Zoë 😀")});
  ASSERT_EQ(found.rows.size(), 1u);
  EXPECT_EQ(*found.rows[0][0], "2");
}

TEST_F(DatabaseTest, ValueLimitAndRowLimitAreEnforced) {
  Exec("CREATE TABLE " + table_ + " (id INTEGER, body TEXT)");
  for (int i = 0; i < 3; ++i) {
    Exec("INSERT INTO " + table_ + " VALUES (?, ?)",
         {SqlParam::Integer(i), SqlParam::Text(std::string(20000, 'x'))});
  }
  ReadLimits small_values;
  small_values.max_value_bytes = 10000;
  EXPECT_EQ(db_->Query("SELECT body FROM " + table_, {}, Soon(), small_values).status().code(),
            StatusCode::kResourceExhausted);
  ReadLimits two_rows;
  two_rows.max_rows = 2;
  EXPECT_EQ(db_->Query("SELECT id FROM " + table_, {}, Soon(), two_rows).status().code(),
            StatusCode::kResourceExhausted);
}

// Every identifier the hub looks customers up by, carrying the classic injection payloads, bound
// as parameters: the query finds nothing, and the table and its rows are untouched.
TEST_F(DatabaseTest, InjectionThroughEveryIdentifierTypeIsHarmless) {
  Exec("CREATE TABLE " + table_ +
       " (tag VARCHAR(20), customer_id VARCHAR(300), email VARCHAR(300), phone VARCHAR(300), "
       "loyalty_card VARCHAR(300), legacy_account VARCHAR(300), family_name VARCHAR(300), "
       "postcode VARCHAR(300), order_number VARCHAR(300))");
  Exec("INSERT INTO " + table_ + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
       {SqlParam::Text("JANE"), SqlParam::Text("C0100001"), SqlParam::Text("jane.doe@example.com"),
        SqlParam::Text("+44 7700 900123"), SqlParam::Text("6335000000000003"),
        SqlParam::Text("00104217"), SqlParam::Text("Doe"), SqlParam::Text("LS1 4AB"),
        SqlParam::Text("W1000001")});
  const std::vector<std::string> payloads = {
      "' OR '1'='1",
      "' OR 1=1 --",
      "x'; DROP TABLE " + table_ + "; --",
      "\"; DELETE FROM " + table_ + "; --",
      "C0100001' UNION SELECT email, email, email, email, email, email, email, email FROM " +
          table_ + " --",
      "%",
      "_",
      "\\'; DROP TABLE " + table_ + "; --",
      "1; UPDATE " + table_ + " SET email = 'pwned'",
      "'||(SELECT email FROM " + table_ + ")||'",
      "$$; DROP TABLE " + table_ + "; $$",
      "jane.doe@example.com' --",
      "ʼ OR ʼ1ʼ=ʼ1",  // Unicode apostrophes
  };
  const std::vector<std::string> columns = {"customer_id",  "email",          "phone",
                                            "loyalty_card", "legacy_account", "family_name",
                                            "postcode",     "order_number"};
  for (const auto& column : columns) {
    for (const auto& payload : payloads) {
      auto found = db_->Query("SELECT tag FROM " + table_ + " WHERE " + column + " = ?",
                              {SqlParam::Text(payload)}, Soon());
      ASSERT_TRUE(found.ok()) << column << " <- " << payload << ": " << found.status();
      EXPECT_TRUE(found->rows.empty()) << column << " <- " << payload;
      auto written = db_->Execute("INSERT INTO " + table_ + " (tag, " + column + ") VALUES (?, ?)",
                                  {SqlParam::Text("HOSTILE"), SqlParam::Text(payload)}, Soon());
      EXPECT_TRUE(written.ok()) << column << " <- " << payload << ": " << written.status();
    }
  }
  // The payloads were stored as data, verbatim; nothing else changed.
  auto all =
      Select("SELECT COUNT(*) FROM " + table_ + " WHERE tag = ?", {SqlParam::Text("HOSTILE")});
  EXPECT_EQ(*all.rows[0][0], std::to_string(columns.size() * payloads.size()));
  auto jane = Select("SELECT email FROM " + table_ + " WHERE tag = ?", {SqlParam::Text("JANE")});
  ASSERT_EQ(jane.rows.size(), 1u);
  EXPECT_EQ(*jane.rows[0][0], "jane.doe@example.com");
  auto stored =
      Select("SELECT email FROM " + table_ + " WHERE email = ?", {SqlParam::Text(payloads[2])});
  EXPECT_EQ(stored.rows.size(), 1u);
  // Payloads in typed parameters are refused before any driver sees them.
  for (const auto& payload : payloads) {
    EXPECT_EQ(db_->Query("SELECT 1 FROM " + table_ + " WHERE postcode = ?",
                         {SqlParam::Decimal(payload)}, Soon())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(db_->Query("SELECT 1 FROM " + table_ + " WHERE postcode = ?",
                         {SqlParam::Date(payload)}, Soon())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
    EXPECT_EQ(db_->Query("SELECT 1 FROM " + table_ + " WHERE postcode = ?",
                         {SqlParam::Timestamp(payload)}, Soon())
                  .status()
                  .code(),
              StatusCode::kInvalidArgument);
  }
}

TEST_F(DatabaseTest, ErrorsCarrySqlStateAndMapToCodes) {
  auto syntax = db_->Query("SELEKT 1", {}, Soon());
  EXPECT_EQ(syntax.status().code(), StatusCode::kInvalidArgument) << syntax.status();
  EXPECT_NE(syntax.status().message().find("SQLSTATE"), std::string::npos) << syntax.status();
  Exec("CREATE TABLE " + table_ + " (k VARCHAR(10) PRIMARY KEY)");
  Exec("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Text("a")});
  auto duplicate =
      db_->Execute("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Text("a")}, Soon());
  EXPECT_EQ(duplicate.status().code(), StatusCode::kAlreadyExists) << duplicate.status();
  auto missing = db_->Query("SELECT * FROM no_such_table_here", {}, Soon());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument) << missing.status();
  EXPECT_FALSE(db_->lost());
}

TEST_F(DatabaseTest, ConnectFailuresNeverShowThePassword) {
  std::string bad =
      kPostgres ? "Driver=OmnihubPostgreSQL;Server=127.0.0.1;Port=1;Database=x;Uid=u;"
                  "Pwd=hunter2secret"
                : "Driver=NoSuchOmnihubDriver;Database=/nonexistent/x.db;PWD={hunter2secret}";
  auto connection = Connection::Open(environment_, bad, Soon());
  ASSERT_FALSE(connection.ok());
  EXPECT_EQ(connection.status().code(),
            kPostgres ? StatusCode::kUnavailable : StatusCode::kFailedPrecondition)
      << connection.status();
  EXPECT_EQ(connection.status().message().find("hunter2secret"), std::string::npos)
      << connection.status();
  auto dsn = Connection::Open(environment_, "no-such-omnihub-dsn", Soon());
  EXPECT_EQ(dsn.status().code(), StatusCode::kFailedPrecondition) << dsn.status();
}

TEST_F(DatabaseTest, TransactionsCommitAndRollBack) {
  Exec("CREATE TABLE " + table_ + " (k VARCHAR(10))");
  ASSERT_TRUE(db_->Begin().ok());
  Exec("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Text("gone")});
  ASSERT_TRUE(db_->Rollback().ok());
  ASSERT_TRUE(db_->Begin().ok());
  Exec("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Text("kept")});
  ASSERT_TRUE(db_->Commit().ok());
  auto rows = Select("SELECT k FROM " + table_);
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(*rows.rows[0][0], "kept");
}

TEST_F(DatabaseTest, PoolExhaustionAnswersResourceExhaustedByTheDeadline) {
  PoolOptions options;
  options.connection_string = database_.connection_string();
  options.max_size = 2;
  auto pool = ConnectionPool::Create(options);
  ASSERT_TRUE(pool.ok()) << pool.status();
  auto first = (*pool)->Acquire(Soon());
  auto second = (*pool)->Acquire(Soon());
  ASSERT_TRUE(first.ok() && second.ok());
  auto third = (*pool)->Acquire(Clock::now() + milliseconds(100));
  EXPECT_EQ(third.status().code(), StatusCode::kResourceExhausted) << third.status();
  EXPECT_EQ((*pool)->stats().open, 2);
  // Returned connections are lent again, not reopened.
  { auto released = std::move(*first); }
  auto again = (*pool)->Acquire(Soon());
  ASSERT_TRUE(again.ok()) << again.status();
  EXPECT_TRUE(again->reused());
  EXPECT_EQ((*pool)->stats().open, 2);
}

TEST_F(DatabaseTest, PoolRejectsBadOptions) {
  PoolOptions options;
  options.connection_string = database_.connection_string();
  options.max_size = 0;
  EXPECT_EQ(ConnectionPool::Create(options).status().code(), StatusCode::kInvalidArgument);
  options.max_size = 1;
  options.connection_string = "";
  EXPECT_EQ(ConnectionPool::Create(options).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(DatabaseTest, IdempotentWriteIsAppliedOnce) {
  Exec("CREATE TABLE " + table_ + " (note VARCHAR(100))");
  ASSERT_TRUE(EnsureIdempotencyTable(*db_, Soon()).ok());
  Exec("DELETE FROM omnihub_idempotency");
  int runs = 0;
  Write write = [&](Connection& connection) -> absl::StatusOr<std::string> {
    ++runs;
    auto inserted = connection.Execute("INSERT INTO " + table_ + " VALUES (?)",
                                       {SqlParam::Text("note")}, Soon());
    if (!inserted.ok()) return inserted.status();
    return std::string("REF-1");
  };
  for (int i = 0; i < 3; ++i) {
    auto result = RunIdempotentWrite(*db_, "key-1", write, Soon());
    ASSERT_TRUE(result.ok()) << result.status();
    EXPECT_EQ(*result, "REF-1");
  }
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(*Select("SELECT COUNT(*) FROM " + table_).rows[0][0], "1");
  // A failing write leaves nothing behind, and the key stays free.
  Write failing = [&](Connection& connection) -> absl::StatusOr<std::string> {
    connection.Execute("INSERT INTO " + table_ + " VALUES (?)", {SqlParam::Text("half")}, Soon())
        .IgnoreError();
    return absl::FailedPreconditionError("refused");
  };
  EXPECT_EQ(RunIdempotentWrite(*db_, "key-2", failing, Soon()).status().code(),
            StatusCode::kFailedPrecondition);
  EXPECT_EQ(*Select("SELECT COUNT(*) FROM " + table_).rows[0][0], "1");
  EXPECT_TRUE(RunIdempotentWrite(*db_, "key-2", write, Soon()).ok());
  EXPECT_EQ(*Select("SELECT COUNT(*) FROM " + table_).rows[0][0], "2");
  EXPECT_EQ(RunIdempotentWrite(*db_, "", write, Soon()).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(DatabaseTest, ConcurrentWritesWithOneKeyApplyOnce) {
  Exec("CREATE TABLE " + table_ + " (note VARCHAR(100))");
  ASSERT_TRUE(EnsureIdempotencyTable(*db_, Soon()).ok());
  Exec("DELETE FROM omnihub_idempotency");
  PoolOptions options;
  options.connection_string = database_.connection_string();
  options.max_size = 4;
  auto pool = ConnectionPool::Create(options);
  ASSERT_TRUE(pool.ok());
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&] {
      auto result = RunIdempotentWrite(
          **pool, "same-key",
          [&](Connection& connection) -> absl::StatusOr<std::string> {
            auto inserted = connection.Execute("INSERT INTO " + table_ + " VALUES (?)",
                                               {SqlParam::Text("once")}, Soon());
            if (!inserted.ok()) return inserted.status();
            return std::string("REF");
          },
          Soon());
      if (result.ok() && *result == "REF") ++ok;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(*Select("SELECT COUNT(*) FROM " + table_).rows[0][0], "1");
  EXPECT_GE(ok.load(), 1);
}

}  // namespace
}  // namespace omnihub::odbc
