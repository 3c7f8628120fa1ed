// What the odbc connector tests share: the ERP database loaded once per test binary (SQLite, or
// PostgreSQL in the *_postgres_test binaries), an io thread for the adapters' deadline timers,
// adapters over mappings/systems/erp.xml, and side databases for the conformance kit's slow and
// garbage backends (a separate SQLite file, or a separate database on the PostgreSQL server).
#pragma once

#include <gtest/gtest.h>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <cstdlib>
#include <map>
#include <memory>
#include <regex>
#include <string>
#include <thread>

#include "adapters/odbc/connector/odbc_adapter.h"
#include "tests/odbc/test_database.h"
#include "tools/simulators/erp/erp_loader.h"

namespace omnihub::odbc::testing {

inline Clock::time_point ConnectorSoon() { return Clock::now() + std::chrono::seconds(30); }

inline bool DatabaseConfigured() {
  const char* pg = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
  return !kPostgres || (pg != nullptr && *pg != '\0');
}

// One database loaded once for the whole binary (60 generated customers).
struct LoadedErp {
  TestDatabase database;
  world::World world;
  absl::Status loaded = absl::OkStatus();
  boost::asio::io_context io;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard{io.get_executor()};
  std::thread io_thread{[this] { io.run(); }};

  LoadedErp() {
    if (database.connection_string().empty()) return;
    world::GeneratorOptions options;
    options.customers = 60;
    world = world::Generate(options);
    auto connection = Open(database.connection_string());
    if (!connection.ok()) {
      loaded = connection.status();
      return;
    }
    erp::LoadOptions load;
    load.replace = true;
    loaded = erp::LoadErp(world, **connection, load).status();
  }
  ~LoadedErp() {
    guard.reset();
    io.stop();
    io_thread.join();
  }

  static absl::StatusOr<std::unique_ptr<Connection>> Open(const std::string& connection_string) {
    auto environment = Environment::Create();
    if (!environment.ok()) return environment.status();
    return Connection::Open(*environment, connection_string, ConnectorSoon());
  }
};

inline LoadedErp& Erp() {
  static LoadedErp erp;  // loaded on first use by a test, never at test discovery
  return erp;
}

inline std::unique_ptr<OdbcAdapter> MakeOdbcAdapter(const std::string& connection,
                                                    OdbcAdapterOptions options = {}) {
  options.system = "erp";
  options.mapping_path = std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/erp.xml";
  options.connection = connection;
  options.dialect = kPostgres ? "postgresql" : "sqlite";
  options.pool_size = 4;
  options.scan_page_size = 25;
  auto adapter = CreateOdbcAdapter(options, Erp().io.get_executor());
  EXPECT_TRUE(adapter.ok()) << adapter.status();
  if (!adapter.ok()) return nullptr;
  return std::move(*adapter);
}

// Runs `sql` on the database named by `connection_string`; fails the test on error.
inline void ExecuteOn(const std::string& connection_string, const std::string& sql) {
  auto connection = LoadedErp::Open(connection_string);
  ASSERT_TRUE(connection.ok()) << connection.status();
  auto done = (*connection)->Execute(sql, {}, ConnectorSoon());
  ASSERT_TRUE(done.ok()) << sql << ": " << done.status();
}

// A second, empty database beside the loaded one, named `name`: a fresh SQLite file, or a
// database created (dropped first) on the PostgreSQL server. Lives until the binary ends.
inline std::string SideDatabase(const std::string& name) {
  static std::map<std::string, std::unique_ptr<TestDatabase>> sqlite_files;
  if (!kPostgres) {
    auto& file = sqlite_files[name];
    if (!file) file = std::make_unique<TestDatabase>();
    return file->connection_string();
  }
  const std::string main = Erp().database.connection_string();
  const std::string database = "omnihub_side_" + name;
  ExecuteOn(main, "DROP DATABASE IF EXISTS " + database);
  ExecuteOn(main, "CREATE DATABASE " + database);
  return std::regex_replace(main, std::regex("Database=[^;]*"), "Database=" + database);
}

}  // namespace omnihub::odbc::testing
