#include "hub/store/hub_store.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/odbc/diagnostics.h"

namespace omnihub::hub {
namespace {

using omnihub::odbc::Clock;

std::string InstanceName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  return absl::StrCat(host[0] ? host : "unknown-host", ":", getpid());
}

absl::Status CheckOptions(const StoreOptions& options) {
  auto in = [](int value, int low, int high) { return value >= low && value <= high; };
  if (!in(options.pool_size, 1, 64)) {
    return absl::InvalidArgumentError(
        absl::StrCat("store pool size must be 1 to 64, got ", options.pool_size));
  }
  if (!in(options.threads, 1, 64)) {
    return absl::InvalidArgumentError(
        absl::StrCat("store threads must be 1 to 64, got ", options.threads));
  }
  if (!in(options.queue_limit, 0, 100000)) {
    return absl::InvalidArgumentError(
        absl::StrCat("store queue limit must be 0 to 100000, got ", options.queue_limit));
  }
  if (options.timeout.count() <= 0) {
    return absl::InvalidArgumentError("store timeout must be positive");
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::string> SqliteConnectionString(const std::string& path) {
  if (path.empty()) return absl::InvalidArgumentError("the store's SQLite file name is empty");
  if (path.find_first_of(";{}=\n\r") != std::string::npos || path.find('\0') != std::string::npos) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the store's SQLite file name '", path,
        "' holds a character an ODBC connection string cannot carry (; { } = or a line break)"));
  }
  std::string driver;
  if (const char* named = std::getenv("OMNIHUB_ODBC_SQLITE_DRIVER"); named && *named) {
    driver = named;
  } else {
    std::error_code error;
    for (const char* root : {"/usr/lib", "/usr/lib64", "/usr/local/lib"}) {
      for (std::filesystem::directory_iterator it(root, error), end; !error && it != end;
           it.increment(error)) {
        for (const auto& candidate :
             {it->path() / "odbc/libsqlite3odbc.so", it->path() / "libsqlite3odbc.so"}) {
          if (driver.empty() && std::filesystem::exists(candidate)) driver = candidate.string();
        }
      }
      error.clear();
    }
    if (driver.empty()) {
      return absl::FailedPreconditionError(
          "the hub's store needs the SQLite ODBC driver (libsqlite3odbc.so, Debian package "
          "libsqliteodbc), which is not installed; install it (tools/install-deps.sh) or set "
          "<store connection-from-env=...> to a PostgreSQL connection");
    }
  }
  // Timeout: SQLite's busy timeout (ms), for hubs or tools sharing the file.
  return absl::StrCat("Driver=", driver, ";Database=", path, ";Timeout=10000");
}

HubStore::HubStore(StoreOptions options, std::shared_ptr<omnihub::odbc::ConnectionPool> pool)
    : options_(std::move(options)),
      pool_(std::move(pool)),
      executor_(std::make_unique<omnihub::odbc::BlockingExecutor>(
          options_.threads, static_cast<size_t>(options_.queue_limit))),
      instance_(InstanceName()),
      contacts_(std::make_unique<ContactRepository>(pool_, options_.timeout)),
      cases_(std::make_unique<CaseRepository>(pool_, options_.timeout)),
      issued_ids_(std::make_unique<IssuedIdRepository>(pool_, options_.timeout)) {}

HubStore::~HubStore() = default;

Clock::time_point HubStore::Deadline() const { return Clock::now() + options_.timeout; }

absl::StatusOr<std::unique_ptr<HubStore>> HubStore::Open(
    const StoreOptions& options, const std::vector<store::Migration>& migrations) {
  if (auto status = CheckOptions(options); !status.ok()) return status;
  std::string connection = options.connection;
  std::string description;
  if (connection.empty()) {
    auto sqlite = SqliteConnectionString(options.sqlite_file);
    if (!sqlite.ok()) return sqlite.status();
    const std::filesystem::path parent = std::filesystem::path(options.sqlite_file).parent_path();
    std::error_code error;
    if (!parent.empty()) std::filesystem::create_directories(parent, error);
    if (error) {
      return absl::FailedPreconditionError(absl::StrCat("cannot create the directory ",
                                                        parent.string(),
                                                        " for the hub's store: ", error.message()));
    }
    connection = *std::move(sqlite);
    description = absl::StrCat("SQLite ", options.sqlite_file);
  } else {
    description = omnihub::odbc::RedactCredentials(connection);
  }
  auto pool = omnihub::odbc::ConnectionPool::Create(
      omnihub::odbc::PoolOptions{connection, options.pool_size, std::chrono::milliseconds(5000)});
  if (!pool.ok()) {
    return absl::Status(
        pool.status().code(),
        absl::StrCat("the hub's store (", description, "): ",
                     omnihub::odbc::RedactCredentials(std::string(pool.status().message()))));
  }
  std::unique_ptr<HubStore> store(new HubStore(options, *std::move(pool)));
  store->description_ = description;
  const auto deadline = store->Deadline();
  auto lease = store->pool_->Acquire(deadline);
  if (!lease.ok()) {
    return absl::Status(lease.status().code(),
                        absl::StrCat("cannot open the hub's store (", description,
                                     "): ", lease.status().message()));
  }
  store->dbms_name_ = (*lease)->dbms_name();
  auto migrated = store::ApplyMigrationsWithRetry(**lease, migrations, deadline);
  if (!migrated.ok()) {
    return absl::Status(migrated.status().code(), absl::StrCat("the hub's store (", description,
                                                               "): ", migrated.status().message()));
  }
  store->migration_ = *migrated;
  return store;
}

}  // namespace omnihub::hub
