// The database a store test runs against: a fresh SQLite file through the hub's default path
// (no odbcinst.ini needed), or, in the tests built with OMNIHUB_STORE_TEST_POSTGRES, the
// throwaway PostgreSQL named by OMNIHUB_TEST_PG_CONNECTION, emptied of the store's tables.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "adapters/odbc/connection_pool.h"
#include "hub/store/store_options.h"

namespace omnihub::hub::testing {

#ifdef OMNIHUB_STORE_TEST_POSTGRES
inline constexpr bool kPostgres = true;
#else
inline constexpr bool kPostgres = false;
#endif

class StoreDatabase {
 public:
  StoreDatabase() {
    if (kPostgres) {
      const char* env = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
      if (env == nullptr || *env == '\0') return;
      options_.connection = env;
      available_ = true;
      DropStoreTables();
      return;
    }
    static std::atomic<int> counter{0};
    directory_ =
        std::filesystem::temp_directory_path() /
        ("omnihub-store-test-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(directory_);
    options_.sqlite_file = (directory_ / "data" / "hub-store.db").string();
    available_ = true;
  }
  ~StoreDatabase() {
    if (!directory_.empty()) std::filesystem::remove_all(directory_);
  }
  StoreDatabase(const StoreDatabase&) = delete;
  StoreDatabase& operator=(const StoreDatabase&) = delete;

  bool available() const { return available_; }
  const StoreOptions& options() const { return options_; }
  static const char* skip_reason() {
    return "OMNIHUB_TEST_PG_CONNECTION is not set: start a server with "
           "`eval \"$(tools/pg-test-server.sh start)\"` or run tools/test.sh";
  }

 private:
  // PostgreSQL is shared by every test: start each from an empty store.
  void DropStoreTables() {
    auto pool = omnihub::odbc::ConnectionPool::Create({options_.connection, 1});
    if (!pool.ok()) return;
    const auto deadline = omnihub::odbc::Clock::now() + std::chrono::seconds(30);
    (*pool)
        ->Run<int64_t>(deadline,
                       [&](omnihub::odbc::Connection& connection) {
                         for (const char* table :
                              {"identity_link_events", "contacts", "cases", "issued_customer_ids",
                               "reissued_customer_ids", "schema_version", "store_test_extra"}) {
                           auto dropped = connection.Execute(
                               std::string("DROP TABLE IF EXISTS ") + table, {}, deadline);
                           if (!dropped.ok()) return absl::StatusOr<int64_t>(dropped.status());
                         }
                         return absl::StatusOr<int64_t>(0);
                       })
        .IgnoreError();
  }

  std::filesystem::path directory_;
  StoreOptions options_;
  bool available_ = false;
};

}  // namespace omnihub::hub::testing
