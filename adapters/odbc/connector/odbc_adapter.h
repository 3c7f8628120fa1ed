// The odbc connector: an ERP (or any SQL database) reached over ODBC, driven by its mapping file
// (mappings/systems/erp.xml): the mapping holds the SQL (with per-dialect variants) and how rows
// become canonical records; this connector runs the statements through omnihub_odbc on a
// dedicated BlockingExecutor, so hub threads never wait on the database.
//
// Operations used (capabilities follow from what the mapping declares):
//   get-customer   -> kProfile (required: it also tells whether an account exists)
//   list-orders    -> kOrders (get-order for FetchRequest::order_number)
//   list-contacts  -> kContacts       get-loyalty    -> kLoyalty
//   list-customers -> kIdentityScan (pages in customer_id order; the cursor is the last id)
//   add-note       -> kAddNote: Act runs its SQL (an INSERT with ? parameters: account_id,
//                     contact_id, occurred_at, text, agent_id, idempotency_key) and records the
//                     idempotency key in one transaction (note_writer.h). The key is required.
//
// Deadlines and cancellation: a call answers DEADLINE_EXCEEDED at its deadline (a timer on `io`)
// and CANCELLED when its context is cancelled, and the statement it runs is cancelled on the
// database (SQLCancel, from the backend's canceller thread) so the database thread is freed.
// A write that answered DEADLINE_EXCEEDED or CANCELLED may still have committed: retry it with
// the same idempotency key to learn its result.
//
// Settings (hubd.xml <setting key=... value=...>; unknown keys are rejected):
//   mapping             required: the mapping file (relative: to the configuration's directory)
//   connection          overrides the mapping's <endpoint connection>: a DSN name or an ODBC
//                       connection string (no password: that comes from the mapping's
//                       <credential name="password" env=...>, appended as PWD)
//   dialect             overrides <endpoint dialect>: sqlite | postgresql
//   pool_size           overrides <pool size> (1..64): connections, and database threads
//   queue_limit         calls that may wait for a database thread, 0..10000, default 64; beyond
//                       it a call answers RESOURCE_EXHAUSTED at once
//   request_timeout_ms  overrides <timeouts request-ms> (1..600000): a fetch's upper bound
//   scan_page_size      accounts per ScanIdentities page, 1..5000, default 500
//   statement_cache     prepared statements each pooled connection keeps for reuse, 0..1000,
//                       default 64 (0: prepare every statement every time)
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/odbc/blocking_executor.h"
#include "adapters/odbc/connection_pool.h"
#include "adapters/sdk/adapter.h"
#include "adapters/sdk/registry.h"

namespace omnihub::odbc {

// What every call shares. Immutable after construction except the pool and executor, which are
// thread-safe.
struct OdbcBackend {
  std::string system;
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping;
  std::string dialect;  // "sqlite" or "postgresql"
  std::shared_ptr<ConnectionPool> pool;
  std::unique_ptr<BlockingExecutor> executor;
  std::chrono::milliseconds request_timeout{3000};
  int scan_page_size = 500;
  // Optional: for a timer that answers DEADLINE_EXCEEDED on time even while a statement runs.
  boost::asio::any_io_executor io;
  // One thread that sends cancel requests (SQLCancel may block on a network round trip, so it
  // never runs on an io or gRPC thread).
  std::shared_ptr<BlockingExecutor> cancel_thread;
  // The wall clock of written records (a note's occurred_at); tests inject a fixed one.
  std::function<std::chrono::system_clock::time_point()> wall_clock = [] {
    return std::chrono::system_clock::now();
  };
  // Set once omnihub_idempotency is known to exist (created on the first write if missing).
  std::atomic<bool> idempotency_table_ready{false};
};

// Thread-safe: any number of concurrent calls.
class OdbcAdapter : public sdk::Adapter {
 public:
  explicit OdbcAdapter(std::shared_ptr<OdbcBackend> backend);
  ~OdbcAdapter() override;

  // omnihub::sdk::Adapter
  const sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
             sdk::FetchCallback done) override;
  void ScanIdentities(const std::string& cursor, std::shared_ptr<sdk::CallContext> context,
                      sdk::ScanCallback done) override;
  void Act(const sdk::ActionRequest& request, std::shared_ptr<sdk::CallContext> context,
           sdk::ActCallback done) override;

 private:
  std::shared_ptr<OdbcBackend> backend_;
  sdk::AdapterInfo info_;
};

// Builds the backend from already-read settings (tests use it directly).
struct OdbcAdapterOptions {
  std::string system;
  std::string mapping_path;
  std::string connection;  // empty: the mapping's
  std::string dialect;     // empty: the mapping's
  int pool_size = 0;       // 0: the mapping's
  int queue_limit = 64;
  int request_timeout_ms = 0;  // 0: the mapping's
  int scan_page_size = 500;
  int statement_cache = 64;
  // Empty: the system clock.
  std::function<std::chrono::system_clock::time_point()> wall_clock;
};
absl::StatusOr<std::unique_ptr<OdbcAdapter>> CreateOdbcAdapter(
    const OdbcAdapterOptions& options, boost::asio::any_io_executor io = {});

// The registry factory for type "odbc" (see the settings above).
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeOdbcAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::odbc
