// Hub: the whole hub process in one object: adapters, identity index, fan-out, the gRPC services
// and the admin port. hubd's main() only parses flags, loads the config and runs a Hub; tests run
// one in-process.
#pragma once

#include <grpcpp/server.h>

#include <atomic>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/registry.h"
#include "hub/aggregate/fan_out.h"
#include "hub/aggregate/merger.h"
#include "hub/aggregate/search_fan_out.h"
#include "hub/config/hub_config.h"
#include "hub/identity/customer_directory.h"

namespace omnihub::events {
class ChangeSubscriber;
}

namespace omnihub::hub {

using omnihub::sdk::IdentifierNormalizer;

class AdminServer;
class CustomerService;
class OrderService;
class ContactService;
class AggregateCache;
class EventService;
class EventBroadcaster;
class ChangeRouter;
class HubStore;
class IdentityLinker;
class AccountRefresher;
class IdentityBuildProgress;
class HubCases;
class HubContacts;
class CallsInFlight;

// Start, then Shutdown, from one controlling thread; Shutdown is idempotent and also runs on
// destruction. The accessors are thread-safe.
class Hub {
 public:
  // Builds the adapters named in `config` through `registry`. INVALID_ARGUMENT listing every
  // adapter whose type or settings are wrong.
  static absl::StatusOr<std::unique_ptr<Hub>> Create(const HubConfig& config,
                                                     const omnihub::sdk::AdapterRegistry& registry);
  ~Hub();
  Hub(const Hub&) = delete;
  Hub& operator=(const Hub&) = delete;

  // Opens the hub's store (<store>: migrating it), opens the admin port (not ready yet: /status
  // shows the identity index build as it runs), reads every system's identities into the
  // identity index, replays the agents' links and unlinks kept in the store over it, then opens
  // the gRPC port and becomes ready. UNAVAILABLE naming the address when a port cannot be bound;
  // the store's error (FAILED_PRECONDITION for a store newer than this hubd, UNAVAILABLE when it
  // cannot be reached) when it cannot be opened or read.
  absl::Status Start();

  // Reports NOT_SERVING to health checks, lets the calls in flight finish (at most `grace`; watch
  // streams end at once), stops accepting calls, stops the I/O threads. Idle client connections
  // do not hold it up.
  void Shutdown(std::chrono::milliseconds grace = std::chrono::milliseconds(5000));

  // The bound ports (useful with port 0 in the config).
  int grpc_port() const { return grpc_port_; }
  // The admin port is bound early in Start, so a caller on another thread may read it (0 until
  // then) and watch the build through /status.
  int admin_port() const { return admin_port_.load(); }

  const IdentityIndex& identity_index() const { return *directory_.snapshot(); }

  // The aggregate cache (null when disabled): where change events and the hub's own writes
  // invalidate or update sections (AggregateCache::Invalidate / Update).
  AggregateCache* cache() { return cache_.get(); }

  // Reads the identity links other hubs sharing the store made since this one last looked (done
  // every <store refresh-ms> anyway). Blocking.
  absl::StatusOr<size_t> RefreshIdentityLinks();

  // Reads the contacts other hubs sharing the store logged since this one last looked (done
  // every <store refresh-ms> anyway): their customers' cached contacts are dropped and watchers
  // get CONTACT_LOGGED. Blocking.
  absl::StatusOr<size_t> RefreshContacts();

  // Reads the cases other hubs sharing the store opened or changed since this one last looked
  // (done every <store refresh-ms> anyway): their customers' cached open cases are dropped and
  // watchers get CASE_CHANGED. Blocking.
  absl::StatusOr<size_t> RefreshCases();

  // Where change events go: backends' changes arrive through the subscriber configured in
  // <events>; tests and the hub's own writes may feed it directly.
  ChangeRouter& change_router() { return *change_router_; }

 private:
  explicit Hub(const HubConfig& config);
  // Binds the admin port and installs its pages (/healthz, /readyz, /status, /identity/audit,
  // /cache); safe to serve before the identity index is built.
  absl::Status StartAdmin();
  std::string StatusJson() const;
  // The admin port's /identity/audit: the agents' link events.
  std::string IdentityAuditJson() const;
  // Arms the timer that refreshes the identity links every <store refresh-ms>.
  void ScheduleLinkRefresh();

  HubConfig config_;
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;
  std::vector<std::thread> io_threads_;
  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  IdentifierNormalizer normalizer_;
  CustomerDirectory directory_;
  std::unique_ptr<FanOut> fan_out_;
  std::unique_ptr<SearchFanOut> search_fan_out_;
  std::unique_ptr<Merger> merger_;
  std::unique_ptr<AggregateCache> cache_;  // null when <cache enabled="false">
  // Declared before store_: the store's threads run the linker's work, so they stop first.
  std::unique_ptr<IdentityLinker> linker_;
  std::unique_ptr<AccountRefresher> account_refresher_;
  std::unique_ptr<IdentityBuildProgress> build_progress_;
  // Contacts logged through the hub; their source ("hub") is fanned out with the adapters.
  std::unique_ptr<HubContacts> contacts_;
  std::unique_ptr<HubCases> cases_;
  std::unique_ptr<HubStore> store_;
  std::unique_ptr<boost::asio::steady_timer> refresh_timer_;
  std::unique_ptr<CustomerService> customer_service_;
  std::unique_ptr<OrderService> order_service_;
  std::unique_ptr<ContactService> contact_service_;
  std::unique_ptr<EventBroadcaster> broadcaster_;
  std::unique_ptr<ChangeRouter> change_router_;
  std::unique_ptr<EventService> event_service_;
  std::unique_ptr<omnihub::events::ChangeSubscriber> change_subscriber_;
  // Counts the calls server_ serves (Shutdown waits for them): outlives it.
  std::unique_ptr<CallsInFlight> calls_in_flight_;
  std::unique_ptr<grpc::Server> server_;
  std::unique_ptr<AdminServer> admin_;
  int grpc_port_ = 0;
  std::atomic<int> admin_port_{0};
  std::atomic<bool> ready_{false};
  std::atomic<bool> stopped_{false};
  std::vector<std::pair<std::string, absl::Status>> scan_failures_;
  // The golden ids issued before, as the start-up build found them (BuildKeepingIdsReport).
  struct IssuedIdCounts {
    size_t kept = 0, recorded = 0, not_trusted = 0, unresolved = 0;
  } issued_ids_;
};

}  // namespace omnihub::hub
