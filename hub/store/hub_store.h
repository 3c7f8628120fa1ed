// HubStore: the hub's own database (what no backend holds: agents' identity links and their
// audit trail, contacts logged through the API), over the ODBC library (adapters/odbc): SQLite by
// default, PostgreSQL when several hubs share it. Opening it applies the schema migrations.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/odbc/blocking_executor.h"
#include "adapters/odbc/connection_pool.h"
#include "hub/identity/manual_link.h"
#include "hub/store/case_repository.h"
#include "hub/store/contact_repository.h"
#include "hub/store/issued_id_repository.h"
#include "hub/store/migrations.h"
#include "hub/store/store_options.h"

namespace omnihub::hub {

// Thread-safe. Every method blocks on the database: call them on executor() (or another thread
// that may block), never on a gRPC or I/O thread.
class HubStore final : public ManualLinkLog {
 public:
  // Connects and migrates to `migrations` (the embedded ones by default); the SQLite file and its
  // directory are created when missing. FAILED_PRECONDITION when the database is newer than this
  // binary or the SQLite ODBC driver is not installed; UNAVAILABLE when the database cannot be
  // reached; INVALID_ARGUMENT for bad options. Messages never hold a password.
  static absl::StatusOr<std::unique_ptr<HubStore>> Open(
      const StoreOptions& options,
      const std::vector<store::Migration>& migrations = store::EmbeddedMigrations());
  ~HubStore() override;

  // Where the store's blocking work runs.
  omnihub::odbc::BlockingExecutor& executor() { return *executor_; }
  // For logs and the status page: "SQLite .run/hub-store.db" or the connection string with any
  // password replaced by ***.
  const std::string& description() const { return description_; }
  const std::string& dbms_name() const { return dbms_name_; }
  const store::MigrationOutcome& migration() const { return migration_; }

  // The contacts logged through the hub (the `contacts` table).
  ContactRepository& contacts() { return *contacts_; }
  // The cases created through the hub (the `cases` table).
  CaseRepository& cases() { return *cases_; }
  // The golden ids issued to accounts (the `issued_customer_ids` table).
  IssuedIdRepository& issued_ids() { return *issued_ids_; }

  // ManualLinkLog
  absl::StatusOr<int64_t> Append(const ManualLinkEvent& event) override;
  absl::StatusOr<std::vector<ManualLinkEvent>> ReadAfter(int64_t after_seq) override;

 private:
  HubStore(StoreOptions options, std::shared_ptr<omnihub::odbc::ConnectionPool> pool);
  omnihub::odbc::Clock::time_point Deadline() const;

  const StoreOptions options_;
  std::shared_ptr<omnihub::odbc::ConnectionPool> pool_;
  std::unique_ptr<omnihub::odbc::BlockingExecutor> executor_;
  std::string description_;
  std::string dbms_name_;
  std::string instance_;  // host:pid
  store::MigrationOutcome migration_;
  std::unique_ptr<ContactRepository> contacts_;
  std::unique_ptr<CaseRepository> cases_;
  std::unique_ptr<IssuedIdRepository> issued_ids_;
};

// The connection string for the SQLite file `path` through the SQLite ODBC driver
// (libsqlite3odbc.so, found in /usr/lib/*/odbc, so no odbcinst.ini is needed; the environment
// variable OMNIHUB_ODBC_SQLITE_DRIVER names a registered driver instead). FAILED_PRECONDITION
// when the driver is not installed.
absl::StatusOr<std::string> SqliteConnectionString(const std::string& path);

}  // namespace omnihub::hub
