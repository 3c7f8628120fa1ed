// Hermetic tests of omnihub_odbc's pieces that need no database: SQLSTATE mapping, credential
// redaction, parameter validation, text forms, the blocking executor.
#include <gtest/gtest.h>

#include <atomic>
#include <future>

#include "adapters/odbc/blocking_executor.h"
#include "adapters/odbc/connection.h"
#include "adapters/odbc/diagnostics.h"
#include "adapters/odbc/value.h"

namespace omnihub::odbc {
namespace {

using absl::StatusCode;
using std::chrono::milliseconds;

TEST(SqlStateTest, MapsClassesToHowTheCallerShouldReact) {
  EXPECT_EQ(CodeForSqlState("08001"), StatusCode::kUnavailable);
  EXPECT_EQ(CodeForSqlState("08S01"), StatusCode::kUnavailable);
  EXPECT_EQ(CodeForSqlState("57P01"), StatusCode::kUnavailable);
  EXPECT_EQ(CodeForSqlState("28000"), StatusCode::kUnauthenticated);
  EXPECT_EQ(CodeForSqlState("28P01"), StatusCode::kUnauthenticated);
  EXPECT_EQ(CodeForSqlState("42501"), StatusCode::kPermissionDenied);
  EXPECT_EQ(CodeForSqlState("HYT00"), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(CodeForSqlState("HYT01"), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(CodeForSqlState("57014"), StatusCode::kDeadlineExceeded);
  EXPECT_EQ(CodeForSqlState("23505"), StatusCode::kAlreadyExists);
  EXPECT_EQ(CodeForSqlState("23503"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(CodeForSqlState("42601"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeForSqlState("22P02"), StatusCode::kInvalidArgument);
  EXPECT_EQ(CodeForSqlState("40P01"), StatusCode::kAborted);
  EXPECT_EQ(CodeForSqlState("IM002"), StatusCode::kFailedPrecondition);
  EXPECT_EQ(CodeForSqlState("HY000"), StatusCode::kUnknown);
  EXPECT_EQ(CodeForSqlState(""), StatusCode::kUnknown);
  EXPECT_EQ(CodeForSqlState("0800"), StatusCode::kUnknown);
}

TEST(SqlStateTest, StatusCarriesSqlStateNativeCodeAndMessage) {
  auto status = StatusFromRecords("execute", {{"23505", 7, "duplicate key"}, {"01000", 0, "x"}});
  EXPECT_EQ(status.code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(status.message(),
            "odbc execute: [SQLSTATE 23505, native 7] duplicate key; [SQLSTATE 01000, native 0] x");
  EXPECT_EQ(StatusFromRecords("x", {}).code(), StatusCode::kInternal);
  // SQLite's driver says HY000 and puts the reason in the text.
  EXPECT_EQ(StatusFromRecords("x", {{"HY000", 19, "UNIQUE constraint failed: t.k"}}).code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(StatusFromRecords("x", {{"HY000", 1, "near \"x\": syntax error"}}).code(),
            StatusCode::kInvalidArgument);
}

TEST(RedactTest, HidesEveryFormOfPassword) {
  EXPECT_EQ(RedactCredentials("Driver=X;Uid=a;Pwd=hunter2;Port=5"),
            "Driver=X;Uid=a;Pwd=***;Port=5");
  EXPECT_EQ(RedactCredentials("PWD={se;cr}et};A=1"), "PWD=***et};A=1");
  EXPECT_EQ(RedactCredentials("pwd = hunter2"), "pwd = ***");
  EXPECT_EQ(RedactCredentials("password=hunter2 host=x"), "password=*** host=x");
  EXPECT_EQ(RedactCredentials("Password='a b c';"), "Password=***;");
  EXPECT_EQ(RedactCredentials("PASSWORD: hunter2"), "PASSWORD: ***");
  EXPECT_EQ(RedactCredentials("xpwd=kept"), "xpwd=kept");
  EXPECT_EQ(RedactCredentials("no credentials"), "no credentials");
  EXPECT_EQ(RedactCredentials("Pwd="), "Pwd=***");
  EXPECT_EQ(RedactCredentials("Pwd={unterminated"), "Pwd=***");
}

TEST(ConnectionStringTest, DsnNameOrDriverString) {
  EXPECT_EQ(*NormalizeConnectionString("erp"), "DSN=erp");
  EXPECT_EQ(*NormalizeConnectionString("Driver=X;Database=/tmp/a"), "Driver=X;Database=/tmp/a");
  EXPECT_EQ(NormalizeConnectionString("").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeConnectionString(std::string("a\0b=c", 5)).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(NormalizeConnectionString(std::string(5000, 'a')).status().code(),
            StatusCode::kInvalidArgument);
  auto bad = NormalizeConnectionString("erp;pwd");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(ParamTest, ValidatesEveryKind) {
  EXPECT_TRUE(SqlParam::Decimal("-12.50").Validate().ok());
  EXPECT_TRUE(SqlParam::Decimal("42").Validate().ok());
  for (const char* bad : {"", "1.", ".5", "1e5", "NaN", "12,50", "1.2.3", "1; DROP TABLE x", "--1",
                          "123456789012345678901234567890123456789"}) {
    EXPECT_EQ(SqlParam::Decimal(bad).Validate().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(SqlParam::Date("2024-02-29").Validate().ok());
  for (const char* bad : {"2023-02-29", "2024-13-01", "24-01-01", "2024-01-01'", ""}) {
    EXPECT_EQ(SqlParam::Date(bad).Validate().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(SqlParam::Timestamp("2026-11-01T12:00:00Z").Validate().ok());
  EXPECT_TRUE(SqlParam::Timestamp("2026-11-01 12:00:00.123456+05:30").Validate().ok());
  for (const char* bad :
       {"2026-11-01T12:00:00", "2026-11-01T25:00:00Z", "2026-11-01T12:00Z",
        "2026-11-01T12:00:00+19:00", "2026-11-01T12:00:00Zjunk", "2026-11-01T12:00:00.Z"}) {
    EXPECT_EQ(SqlParam::Timestamp(bad).Validate().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_EQ(SqlParam::Text("\xff\xfe").Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SqlParam::Text("\xed\xa0\x80").Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SqlParam::Text("\xc0\xaf").Validate().code(),
            StatusCode::kInvalidArgument);  // overlong
  EXPECT_EQ(SqlParam::Text(std::string("a\0b", 3)).Validate().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(SqlParam::Text("Zoë 日本 😀").Validate().ok());
}

TEST(ValueTest, TimestampsConvertToUtc) {
  auto t = ParseTimestamp("2026-11-01T00:30:00+01:00", true);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(FormatTimestamp(*t), "2026-10-31T23:30:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-11-01 12:00:00.250-0330", true)),
            "2026-11-01T15:30:00.25Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-11-01 12:00:00+00", true)),
            "2026-11-01T12:00:00Z");
  EXPECT_EQ(FormatTimestamp(*ParseTimestamp("2026-11-01 12:00:00", false)), "2026-11-01T12:00:00Z");
}

TEST(ValueTest, DecimalToMinorUnitsIsExact) {
  EXPECT_EQ(*DecimalToMinorUnits("4.5", 2), 450);
  EXPECT_EQ(*DecimalToMinorUnits("4.50", 2), 450);
  EXPECT_EQ(*DecimalToMinorUnits("-0.07", 2), -7);
  EXPECT_EQ(*DecimalToMinorUnits("92233720368547758.07", 2), INT64_MAX);
  EXPECT_EQ(*DecimalToMinorUnits("12.3400", 2), 1234);
  EXPECT_EQ(DecimalToMinorUnits("92233720368547758.08", 2).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(DecimalToMinorUnits("1.234", 2).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DecimalToMinorUnits("0.1e1", 2).status().code(), StatusCode::kInvalidArgument);
}

TEST(ValueTest, Utf16RoundTrip) {
  std::string text = "Zoë Ångström 日本語 😀 \x7f";
  auto wide = Utf8ToUtf16(text);
  ASSERT_TRUE(wide.ok());
  EXPECT_EQ(Utf16ToUtf8(*wide), text);
  EXPECT_EQ(Utf16ToUtf8(std::u16string(1, char16_t{0xD800})), "\xEF\xBF\xBD");
}

TEST(BlockingExecutorTest, FullQueueAnswersResourceExhaustedAtOnce) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  auto deadline = BlockingExecutor::Clock::now() + std::chrono::seconds(30);
  std::atomic<int> ran{0};
  // Declared last: destroyed (joining its threads) before what its jobs use.
  BlockingExecutor executor(1, 1);
  ASSERT_TRUE(executor
                  .Submit(deadline,
                          [&](absl::Status status) {
                            started.set_value();
                            released.wait();
                            ran += status.ok();
                          })
                  .ok());
  started.get_future().wait();  // the only thread is busy
  ASSERT_TRUE(executor.Submit(deadline, [&](absl::Status status) { ran += status.ok(); }).ok());
  auto full = executor.Submit(deadline, [&](absl::Status) { ADD_FAILURE() << "must not run"; });
  EXPECT_EQ(full.code(), StatusCode::kResourceExhausted) << full;
  release.set_value();
}

TEST(BlockingExecutorTest, JobWhoseDeadlinePassedWhileQueuedIsNotRun) {
  std::promise<void> release;
  auto released = release.get_future().share();
  std::promise<void> started;
  std::promise<absl::Status> told;
  BlockingExecutor executor(1, 4);
  auto far = BlockingExecutor::Clock::now() + std::chrono::seconds(30);
  ASSERT_TRUE(executor
                  .Submit(far,
                          [&](absl::Status) {
                            started.set_value();
                            released.wait();
                          })
                  .ok());
  started.get_future().wait();
  ASSERT_TRUE(executor
                  .Submit(BlockingExecutor::Clock::now() + milliseconds(20),
                          [&](absl::Status status) { told.set_value(status); })
                  .ok());
  std::this_thread::sleep_for(milliseconds(50));  // let the queued job's deadline pass
  release.set_value();
  EXPECT_EQ(told.get_future().get().code(), StatusCode::kDeadlineExceeded);
}

TEST(BlockingExecutorTest, PastDeadlineIsRefusedAndShutdownCancelsQueuedJobs) {
  auto past = BlockingExecutor::Clock::now() - milliseconds(1);
  std::promise<absl::Status> cancelled;
  auto cancelled_future = cancelled.get_future().share();
  {
    BlockingExecutor executor(1, 4);
    EXPECT_EQ(executor.Submit(past, [](absl::Status) { ADD_FAILURE(); }).code(),
              StatusCode::kDeadlineExceeded);
    std::promise<void> started;
    auto far = BlockingExecutor::Clock::now() + std::chrono::seconds(30);
    ASSERT_TRUE(executor
                    .Submit(far,
                            [&](absl::Status) {
                              started.set_value();
                              cancelled_future.wait();  // set by the destructor
                            })
                    .ok());
    started.get_future().wait();
    ASSERT_TRUE(
        executor.Submit(far, [&](absl::Status status) { cancelled.set_value(status); }).ok());
  }
  EXPECT_EQ(cancelled_future.get().code(), StatusCode::kCancelled);
}

}  // namespace
}  // namespace omnihub::odbc
