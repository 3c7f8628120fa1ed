// Hermetic checks of the embedded migrations and the statement splitter.
#include "hub/store/migrations.h"

#include <gtest/gtest.h>

#include "hub/store/hub_store.h"

namespace omnihub::hub::store {
namespace {

TEST(EmbeddedMigrations, AreNumberedOneToNWithTheirFileNames) {
  const auto& migrations = EmbeddedMigrations();
  ASSERT_GE(migrations.size(), 2u);
  for (size_t i = 0; i < migrations.size(); ++i) {
    EXPECT_EQ(migrations[i].version, static_cast<int>(i) + 1);
    EXPECT_EQ(std::stoi(migrations[i].name.substr(0, 4)), migrations[i].version);
    EXPECT_FALSE(SplitStatements(migrations[i].sql).empty()) << migrations[i].name;
  }
  EXPECT_EQ(migrations[0].name, "0001_identity_links");
}

TEST(SplitStatements, SplitsAtSemicolonsOutsideQuotesAndComments) {
  const auto statements = SplitStatements(
      "-- a comment; with a semicolon\n"
      "CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b');\n"
      "\n"
      "INSERT INTO a VALUES ('it''s; fine'); -- trailing; comment\n"
      ";;\n");
  ASSERT_EQ(statements.size(), 2u);
  EXPECT_EQ(statements[0], "CREATE TABLE a (x VARCHAR(10) DEFAULT 'a;b')");
  EXPECT_EQ(statements[1], "INSERT INTO a VALUES ('it''s; fine')");
}

TEST(MigrationChecksum, IsStableAndSensitive) {
  EXPECT_EQ(MigrationChecksum(""), "cbf29ce484222325");
  EXPECT_NE(MigrationChecksum("CREATE TABLE a (x INT)"),
            MigrationChecksum("CREATE TABLE a (x INT) "));
}

TEST(SqliteConnectionString, RefusesFileNamesThatWouldInjectAttributes) {
  for (const char* path : {"", "a;Driver=evil.so", "a{b}", "x=y", "line\nbreak"}) {
    auto connection = omnihub::hub::SqliteConnectionString(path);
    ASSERT_FALSE(connection.ok()) << path;
    EXPECT_EQ(connection.status().code(), absl::StatusCode::kInvalidArgument) << path;
  }
}

}  // namespace
}  // namespace omnihub::hub::store
