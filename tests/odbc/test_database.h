// The databases the ODBC tests run against: a fresh SQLite file (always available) or the
// throwaway PostgreSQL that tools/test.sh (or tools/pg-test-server.sh) starts and names in
// OMNIHUB_TEST_PG_CONNECTION. Tests built with OMNIHUB_ODBC_TEST_POSTGRES use PostgreSQL and skip
// when the variable is absent.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace omnihub::odbc::testing {

#ifdef OMNIHUB_ODBC_TEST_POSTGRES
inline constexpr bool kPostgres = true;
#else
inline constexpr bool kPostgres = false;
#endif

// A database for one test; removes its SQLite file afterwards.
class TestDatabase {
 public:
  TestDatabase() {
    if (kPostgres) {
      const char* env = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
      if (env != nullptr && *env != '\0') connection_string_ = env;
      return;
    }
    static std::atomic<int> counter{0};
    path_ =
        std::filesystem::temp_directory_path() /
        ("omnihub-odbc-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++) + ".db");
    std::filesystem::remove(path_);
    connection_string_ = "Driver=OmnihubSQLite3;Database=" + path_.string() + ";Timeout=5000";
  }
  ~TestDatabase() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  TestDatabase(const TestDatabase&) = delete;
  TestDatabase& operator=(const TestDatabase&) = delete;

  // Empty when the database is not available (PostgreSQL not started).
  const std::string& connection_string() const { return connection_string_; }
  static const char* skip_reason() {
    return "OMNIHUB_TEST_PG_CONNECTION is not set: start a server with "
           "`eval \"$(tools/pg-test-server.sh start)\"` or run tools/test.sh";
  }

 private:
  std::filesystem::path path_;
  std::string connection_string_;
};

}  // namespace omnihub::odbc::testing
