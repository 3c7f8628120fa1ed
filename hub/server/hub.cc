#include "hub/server/hub.h"

#include <grpcpp/ext/proto_server_reflection_plugin.h>
#include <grpcpp/health_check_service_interface.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <malloc.h>

#include <algorithm>
#include <boost/asio/post.hpp>
#include <nlohmann/json.hpp>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/events/change_subscriber.h"
#include "hub/admin/admin_server.h"
#include "hub/api/contact_service.h"
#include "hub/api/customer_service.h"
#include "hub/api/event_service.h"
#include "hub/api/order_service.h"
#include "hub/cache/aggregate_cache.h"
#include "hub/common/log.h"
#include "hub/contacts/hub_store_source.h"
#include "hub/events/change_router.h"
#include "hub/events/event_broadcaster.h"
#include "hub/identity/account_refresher.h"
#include "hub/identity/identity_linker.h"
#include "hub/identity/stable_build.h"
#include "hub/server/calls_in_flight.h"
#include "hub/server/case_changed.h"
#include "hub/server/contact_logged.h"
#include "hub/server/identity_build_progress.h"
#include "hub/server/identity_scan.h"
#include "hub/store/hub_store.h"

namespace omnihub::hub {
namespace {

constexpr std::chrono::seconds kIdentityPageTimeout{30};
// Stopping: how long gRPC may serve a call that arrived while the calls in flight finished.
constexpr std::chrono::milliseconds kLastCallGrace{200};

// The aggregate cache's figures (admin /cache, and "cache" in /status).
nlohmann::json CacheJson(const AggregateCache* cache) {
  if (cache == nullptr) return {{"enabled", false}};
  const auto stats = cache->Stats();
  return {{"enabled", true},
          {"size_bytes", stats.bytes + stats.reply_bytes},
          {"section_bytes", stats.bytes},
          {"reply_bytes", stats.reply_bytes},
          {"max_bytes", cache->policy().max_bytes},
          {"entries", stats.entries},
          {"hits", stats.hits},
          {"misses", stats.misses},
          {"hit_ratio", stats.hit_ratio()},
          {"evictions", stats.evictions},
          {"stale_serves", stats.stale_serves},
          {"refreshes", stats.refreshes},
          {"refresh_failures", stats.refresh_failures},
          {"invalidations", stats.invalidations},
          {"replies", stats.replies},
          {"reply_hits", stats.reply_hits},
          {"backend_calls_in_flight", cache->flights()}};
}

}  // namespace

Hub::Hub(const HubConfig& config)
    : config_(config),
      work_(boost::asio::make_work_guard(io_)),
      normalizer_(config.default_country),
      directory_(normalizer_) {}

absl::StatusOr<std::unique_ptr<Hub>> Hub::Create(const HubConfig& config,
                                                 const omnihub::sdk::AdapterRegistry& registry) {
  std::unique_ptr<Hub> hub(new Hub(config));
  omnihub::sdk::AdapterEnvironment environment{hub->io_.get_executor()};
  std::vector<std::string> errors;
  for (const auto& adapter_config : config.adapters) {
    auto adapter = registry.Create(adapter_config, environment);
    if (!adapter.ok()) {
      errors.emplace_back(adapter.status().message());
      continue;
    }
    hub->adapters_.push_back(std::shared_ptr<omnihub::sdk::Adapter>(*std::move(adapter)));
  }
  if (!errors.empty()) return absl::InvalidArgumentError(absl::StrJoin(errors, "\n"));

  // What a customer's view is gathered from: the adapters and what the hub keeps (contacts, cases).
  hub->contacts_ = std::make_unique<HubContacts>();
  hub->cases_ = std::make_unique<HubCases>();
  auto sources = hub->adapters_;
  sources.push_back(std::make_shared<HubStoreSource>(*hub->contacts_, *hub->cases_));
  for (const auto& adapter : hub->adapters_) {
    if (adapter->info().system == kHubSystem) {
      return absl::InvalidArgumentError(
          absl::StrCat("adapter system name '", kHubSystem,
                       "' is reserved for the contacts and cases the hub keeps: rename it"));
    }
  }
  hub->fan_out_ = std::make_unique<FanOut>(sources, hub->io_.get_executor());
  hub->merger_ = std::make_unique<Merger>(SurvivorshipRules(config.survivorship), hub->normalizer_);
  ApiContext context{hub->directory_, *hub->fan_out_, *hub->merger_,
                     DeadlinePolicy{config.default_deadline, config.max_deadline},
                     config.recent_limit};
  hub->search_fan_out_ = std::make_unique<SearchFanOut>(hub->adapters_, hub->io_.get_executor());
  context.search = hub->search_fan_out_.get();
  if (config.cache.enabled) {
    hub->cache_ = std::make_unique<AggregateCache>(sources, hub->io_.get_executor(), config.cache);
    context.cache = hub->cache_.get();
  }
  hub->linker_ = std::make_unique<IdentityLinker>(hub->directory_);
  context.linker = hub->linker_.get();
  hub->build_progress_ = std::make_unique<IdentityBuildProgress>();
  // Accounts backends announce after start-up (CUSTOMER_CHANGED) join the index.
  hub->account_refresher_ = std::make_unique<AccountRefresher>(
      hub->adapters_, *hub->linker_, kIdentityPageTimeout,
      [](const std::string& system, const std::string& account_id,
         const absl::StatusOr<AccountUpdate::Outcome>& outcome) {
        if (!outcome.ok()) {
          LogWarning(absl::StrCat(
              "identity: account ", system, ":", account_id,
              " announced as changed could not be read: ", outcome.status().message()));
        } else {
          LogInfo(absl::StrCat("identity: account ", system, ":", account_id, outcome->Summary()));
        }
      });
  if (hub->cache_) {
    // A customer whose identifiers or accounts an agent changed is assembled afresh.
    hub->linker_->SetChangedHook(
        [cache = hub->cache_.get()](const std::vector<std::string>& customer_ids) {
          for (const auto& id : customer_ids) cache->InvalidateCustomer(id);
        });
  }
  hub->customer_service_ = std::make_unique<CustomerService>(context);
  hub->order_service_ = std::make_unique<OrderService>(context);
  hub->contact_service_ =
      std::make_unique<ContactService>(context, hub->contacts_.get(), hub->cases_.get());
  hub->broadcaster_ = std::make_unique<EventBroadcaster>(config.event_subscriber_queue);
  hub->change_router_ = std::make_unique<ChangeRouter>(hub->directory_, *hub->broadcaster_);
  if (hub->cache_) {
    // A backend's change makes exactly the sections it names out of date.
    hub->change_router_->SetInvalidateHook(
        [cache = hub->cache_.get()](const std::string& customer_id, const std::string& system,
                                    const std::vector<omnihub::v1::Section>& sections) {
          for (const auto section : sections) cache->Invalidate(customer_id, system, section);
        });
  }
  hub->contacts_->SetLoggedHook(ContactLoggedHook(hub->cache_.get(), *hub->change_router_));
  hub->contacts_->SetLearnedHook(
      ContactLearnedHook(hub->cache_.get(), *hub->change_router_, hub->directory_));
  hub->cases_->SetChangedHook(
      CaseChangedHook(hub->cache_.get(), *hub->change_router_, hub->directory_));
  hub->cases_->SetLearnedHook(
      CaseLearnedHook(hub->cache_.get(), *hub->change_router_, hub->directory_));
  hub->event_service_ = std::make_unique<EventService>(hub->directory_, *hub->broadcaster_);
  return hub;
}

Hub::~Hub() { Shutdown(std::chrono::milliseconds(1000)); }

absl::Status Hub::Start() {
  for (int i = 0; i < config_.io_threads; ++i) io_threads_.emplace_back([this] { io_.run(); });

  // The hub's own store first: a store this hubd must not use stops it before the long scan.
  auto store = HubStore::Open(config_.store);
  if (!store.ok()) return store.status();
  store_ = *std::move(store);
  LogInfo(absl::StrCat("hub store: ", store_->description(), " (", store_->dbms_name(),
                       "), schema version ", store_->migration().to_version,
                       store_->migration().from_version != store_->migration().to_version
                           ? absl::StrCat(", migrated from ", store_->migration().from_version)
                           : std::string()));

  // The admin port next: /status shows the identity index build while it runs (hubctl status),
  // and an admin port that cannot be bound stops the hub before the long scan.
  if (auto status = StartAdmin(); !status.ok()) return status;

  const HubContacts::Submit on_store = [executor = &store_->executor()](
                                           HubContacts::Clock::time_point deadline,
                                           std::function<void(absl::Status)> job) {
    return executor->Submit(deadline, std::move(job));
  };
  contacts_->Bind(store_->contacts(), on_store);
  cases_->Bind(store_->cases(), on_store);

  // Identity index: every system's accounts, linked by the rules in IdentityIndex::Build.
  const auto scan_started = std::chrono::steady_clock::now();
  size_t scanning = 0;
  for (const auto& adapter : adapters_) {
    scanning += adapter->info().capabilities.Has(omnihub::sdk::Capability::kIdentityScan);
  }
  build_progress_->Start(scanning);
  auto report = ScanIdentities(
      adapters_, kIdentityPageTimeout,
      [progress = build_progress_.get()](const std::string& system, size_t accounts) {
        auto line = progress->OnPage(system, accounts);
        if (!line.empty()) LogInfo("identity index build: " + line);
      });
  for (const auto& system : report.systems) build_progress_->SystemDone(system.system);
  for (const auto& failure : report.failures) build_progress_->SystemDone(failure.first);
  build_progress_->SetPhase(IdentityBuildProgress::Phase::kLinking);
  for (const auto& [system, status] : report.failures) {
    LogWarning(absl::StrCat("identity scan of ", system,
                            " failed, its accounts cannot be found "
                            "until the next start: ",
                            status.message()));
  }
  for (const auto& system : report.systems) {
    LogInfo(
        absl::StrCat("identity scan: ", system.system, ": ", system.accounts.size(), " accounts"));
  }
  scan_failures_ = report.failures;
  std::vector<std::string> order = merger_->rules().DefaultOrder();
  // Golden ids issued before are kept (the hub's store); accounts new to it get theirs recorded.
  std::vector<std::string> known_systems;
  for (const auto& adapter : adapters_) known_systems.push_back(adapter->info().system);
  // Identifiers agents unlinked connect only accounts that were one customer (as at run time).
  auto events = store_->ReadAfter(0);
  if (!events.ok()) return events.status();
  auto built = BuildKeepingIds(store_->issued_ids(), report.systems, order, normalizer_,
                               config_.identity_rules, known_systems, UnlinkedKeys(*events));
  if (!built.ok()) return built.status();
  for (size_t i = 0; i < built->rejected.size() && i < 10; ++i) {
    LogWarning("identity: issued golden id in the hub store not trusted, skipped: " +
               built->rejected[i]);
  }
  LogInfo(absl::StrCat("identity: ", built->issued_before, " issued golden ids kept, ",
                       built->recorded, " recorded, ", built->reissued,
                       " reissued to accounts of split customers, ", built->rejected.size(),
                       " stored rows not trusted, ", built->unresolved,
                       " resolve to no customer now"));
  if (built->unresolved > 0) {
    LogWarning(absl::StrCat("identity: ", built->unresolved,
                            " golden ids issued before resolve to no customer (their accounts are "
                            "gone from their systems, or the systems could not be scanned), e.g. ",
                            absl::StrJoin(built->unresolved_examples, ", ")));
  }
  issued_ids_ = {built->issued_before, built->recorded, built->rejected.size(), built->unresolved};
  auto index = std::move(built->index);
  const auto& stats = index->stats();
  LogInfo(absl::StrCat("identity index: ", stats.customers, " customers from ", stats.accounts,
                       " accounts, ", stats.identifiers, " identifiers, ",
                       stats.invalid_identifiers, " invalid identifiers skipped, ", stats.conflicts,
                       " conflicting links refused, in ",
                       std::chrono::duration_cast<std::chrono::milliseconds>(
                           std::chrono::steady_clock::now() - scan_started)
                           .count(),
                       " ms"));
  build_progress_->Built(stats);
  LogInfo("identity index build: " + build_progress_->Line());
  directory_.Replace(std::move(index));
  build_progress_->SetPhase(IdentityBuildProgress::Phase::kReplaying);

  linker_->SetIssuedIds(&store_->issued_ids());
  // Agents' links and unlinks, replayed in the order they were made.
  auto replay = linker_->Start(
      *store_, [executor = &store_->executor()](IdentityLinker::Clock::time_point deadline,
                                                std::function<void(absl::Status)> job) {
        return executor->Submit(deadline, std::move(job));
      });
  if (!replay.ok()) return replay.status();
  for (const auto& skipped : replay->skipped) {
    LogWarning(absl::StrCat("identity link no longer applies, skipped: ", skipped));
  }
  LogInfo(absl::StrCat("identity links: ", replay->applied, " replayed from the hub store, ",
                       replay->skipped.size(), " skipped, ", linker_->active_links(),
                       " in effect"));
  build_progress_->SetPhase(IdentityBuildProgress::Phase::kReady);
  // The scan and the build freed about as much as the index holds (at 1 M customers, 2.3 of
  // 4.4 GiB resident), and glibc keeps freed pages for the next allocation, which never comes:
  // give them back to the system, once, now the scanned accounts are gone too.
  std::vector<IdentityIndex::SystemAccounts>().swap(report.systems);
  malloc_trim(0);
  ScheduleLinkRefresh();

  // Change events, once changes can be attributed to customers.
  if (!config_.event_endpoints.empty()) {
    auto subscriber = omnihub::events::ChangeSubscriber::Start(
        omnihub::events::SubscriberOptions{config_.event_endpoints, {}},
        [router = change_router_.get(),
         accounts = account_refresher_.get()](const omnihub::events::BackendChange& change) {
          accounts->OnChange(change);
          router->OnChange(change);
        },
        [](const absl::Status& rejected) {
          // Bounded: a peer sending garbage must not flood the log.
          static std::atomic<uint64_t> count{0};
          const uint64_t n = ++count;
          if (n <= 10 || n % 1000 == 0) {
            LogWarning(
                absl::StrCat("change event rejected (", n, " so far): ", rejected.message()));
          }
        });
    if (!subscriber.ok()) return subscriber.status();
    change_subscriber_ = *std::move(subscriber);
    LogInfo(absl::StrCat("change events: subscribed to ",
                         absl::StrJoin(config_.event_endpoints, ", ")));
  }

  grpc::EnableDefaultHealthCheckService(true);
  grpc::reflection::InitProtoReflectionServerBuilderPlugin();
  grpc::ServerBuilder builder;
  const std::string grpc_address = config_.grpc_listen.ToString();
  builder.AddListeningPort(grpc_address, grpc::InsecureServerCredentials(), &grpc_port_);
  builder.RegisterService(customer_service_.get());
  builder.RegisterService(order_service_.get());
  builder.RegisterService(contact_service_.get());
  builder.RegisterService(event_service_.get());
  calls_in_flight_ = std::make_unique<CallsInFlight>();
  std::vector<std::unique_ptr<grpc::experimental::ServerInterceptorFactoryInterface>> counting;
  counting.push_back(calls_in_flight_->InterceptorFactory());
  builder.experimental().SetInterceptorCreators(std::move(counting));
  server_ = builder.BuildAndStart();
  if (!server_ || grpc_port_ == 0) {
    return absl::UnavailableError(absl::StrCat("cannot listen for gRPC on ", grpc_address,
                                               " (address in use or not available?)"));
  }

  // Health per service as well as overall (""), so a client may check the service it uses.
  if (auto* health = server_->GetHealthCheckService()) {
    for (const char* service : {"omnihub.v1.CustomerService", "omnihub.v1.OrderService",
                                "omnihub.v1.ContactService", "omnihub.v1.EventService"}) {
      health->SetServingStatus(service, true);
    }
  }

  ready_ = true;
  LogInfo(absl::StrCat("hubd serving gRPC on ", config_.grpc_listen.host, ":", grpc_port_,
                       ", admin HTTP on ", config_.admin_listen.host, ":", admin_port_.load()));
  return absl::OkStatus();
}

absl::Status Hub::StartAdmin() {
  admin_ = std::make_unique<AdminServer>(io_, config_.admin_listen);
  admin_->Handle("/healthz", [this] {
    return ready_ && !stopped_ ? AdminServer::Response{200, "text/plain", "ok\n"}
                               : AdminServer::Response{503, "text/plain", "not serving\n"};
  });
  admin_->Handle("/readyz", [this] {
    return ready_ && !stopped_ ? AdminServer::Response{200, "text/plain", "ready\n"}
                               : AdminServer::Response{503, "text/plain", "not ready\n"};
  });
  admin_->Handle("/status", [this] {
    return AdminServer::Response{200, "application/json", StatusJson()};
  });
  admin_->Handle("/identity/audit", [this] {
    return AdminServer::Response{200, "application/json", IdentityAuditJson()};
  });
  admin_->Handle("/cache", [this] {
    return AdminServer::Response{200, "application/json", CacheJson(cache_.get()).dump(2) + "\n"};
  });
  if (auto status = admin_->Start(); !status.ok()) return status;
  admin_port_ = admin_->port();
  LogInfo(absl::StrCat("admin HTTP on ", config_.admin_listen.host, ":", admin_port_.load(),
                       " (not ready until the identity index is built; /status shows how far)"));
  return absl::OkStatus();
}

absl::StatusOr<size_t> Hub::RefreshIdentityLinks() {
  if (!store_) return absl::FailedPreconditionError("the hub has not started");
  return linker_->Refresh();
}

absl::StatusOr<size_t> Hub::RefreshContacts() {
  if (!store_) return absl::FailedPreconditionError("the hub has not started");
  return contacts_->Refresh();
}

absl::StatusOr<size_t> Hub::RefreshCases() {
  if (!store_) return absl::FailedPreconditionError("the hub has not started");
  return cases_->Refresh();
}

void Hub::ScheduleLinkRefresh() {
  const auto interval = config_.store.refresh_interval;
  if (interval.count() <= 0 || stopped_) return;
  if (!refresh_timer_) refresh_timer_ = std::make_unique<boost::asio::steady_timer>(io_);
  refresh_timer_->expires_after(interval);
  refresh_timer_->async_wait([this, interval](const boost::system::error_code& error) {
    if (error || stopped_) return;
    // The store is read on its own threads; the next round is armed once this one is done.
    auto queued = store_->executor().Submit(
        std::chrono::steady_clock::now() + interval, [this](absl::Status admitted) {
          if (admitted.ok()) {
            if (auto read = linker_->Refresh(); !read.ok()) {
              LogWarning(absl::StrCat("cannot read other hubs' identity links: ",
                                      read.status().message()));
            } else if (*read > 0) {
              LogInfo(absl::StrCat("identity links: ", *read, " made by other hubs applied"));
            }
            if (auto learned = contacts_->Refresh(); !learned.ok()) {
              LogWarning(absl::StrCat("cannot read the contacts other hubs logged: ",
                                      learned.status().message()));
            }
            if (auto learned = cases_->Refresh(); !learned.ok()) {
              LogWarning(absl::StrCat("cannot read the cases other hubs changed: ",
                                      learned.status().message()));
            }
          }
          boost::asio::post(io_, [this] { ScheduleLinkRefresh(); });
        });
    if (!queued.ok()) ScheduleLinkRefresh();
  });
}

std::string Hub::IdentityAuditJson() const {
  // Every agent's link and unlink as read from the store, with the customer each id resolves to
  // now (hubctl customer audit picks one customer's, merged ids included).
  const auto index = directory_.snapshot();
  nlohmann::json events = nlohmann::json::array();
  for (const auto& event : linker_->History()) {
    const GoldenCustomer* now = index->FindById(event.customer_id);
    events.push_back({{"seq", event.seq},
                      {"action", ManualLinkActionName(event.action)},
                      {"customer_id", event.customer_id},
                      {"resolves_to", now != nullptr ? now->customer_id : ""},
                      {"identifier", IdentifierNormalizer::Key(event.identifier)},
                      {"agent", event.agent_id},
                      {"reason", event.reason},
                      {"recorded_at", event.recorded_at}});
  }
  return nlohmann::json{{"events", events}}.dump(2) + "\n";
}

std::string Hub::StatusJson() const {
  nlohmann::json status;
  // What Start writes while the admin port already answers (the scan's failures, the change
  // subscriber) is read only once the hub is ready.
  const bool ready = ready_.load();
  status["ready"] = ready;
  auto& adapters = status["adapters"] = nlohmann::json::array();
  for (const auto& adapter : adapters_) {
    nlohmann::json entry;
    entry["system"] = adapter->info().system;
    entry["type"] = adapter->info().type;
    std::vector<std::string> capabilities;
    for (int i = 0; i < static_cast<int>(omnihub::sdk::Capability::kCount); ++i) {
      auto capability = static_cast<omnihub::sdk::Capability>(i);
      if (adapter->info().capabilities.Has(capability)) {
        capabilities.emplace_back(omnihub::sdk::CapabilityName(capability));
      }
    }
    entry["capabilities"] = capabilities;
    if (auto counters = adapter->Counters(); !counters.empty()) {
      auto& values = entry["counters"] = nlohmann::json::object();
      for (const auto& counter : counters) values[counter.name] = counter.value;
    }
    adapters.push_back(entry);
  }
  const auto index = directory_.snapshot();
  const auto& stats = index->stats();
  status["identity"] = {{"customers", stats.customers},
                        {"accounts", stats.accounts},
                        {"identifiers", stats.identifiers},
                        {"invalid_identifiers", stats.invalid_identifiers},
                        {"conflicts", stats.conflicts}};
  auto& failures = status["identity"]["scan_failures"] = nlohmann::json::array();
  for (size_t i = 0; ready && i < scan_failures_.size(); ++i) {
    failures.push_back({{"system", scan_failures_[i].first},
                        {"error", std::string(scan_failures_[i].second.message())}});
  }
  status["identity"]["build"] = nlohmann::json::parse(build_progress_->Json());
  if (ready) {
    status["identity"]["issued_ids"] = {{"kept", issued_ids_.kept},
                                        {"recorded", issued_ids_.recorded},
                                        {"not_trusted", issued_ids_.not_trusted},
                                        {"unresolved", issued_ids_.unresolved}};
  }
  const auto accounts = account_refresher_->stats();
  status["identity"]["account_updates"] = {{"requested", accounts.requested},
                                           {"applied", accounts.applied},
                                           {"failed", accounts.failed},
                                           {"identifiers_withdrawn", accounts.withdrawn},
                                           {"accounts_removed", accounts.removed},
                                           {"customers_split", accounts.split},
                                           {"customers_merged", accounts.merged}};
  status["identity"]["overlay_entries"] = index->overlay_size();
  const auto events = broadcaster_->stats();
  const auto routing = change_router_->stats();
  status["events"] = {{"published", events.published},
                      {"delivered", events.delivered},
                      {"dropped", events.dropped},
                      {"subscribers", events.subscribers},
                      {"changes_routed", routing.routed},
                      {"changes_unattributed", routing.unattributed},
                      {"changes_duplicate", routing.duplicates}};
  if (ready && change_subscriber_) {
    const auto received = change_subscriber_->stats();
    status["events"]["changes_received"] = received.received;
    status["events"]["changes_rejected"] = received.rejected;
  }
  status["cache"] = CacheJson(cache_.get());
  if (store_) {
    const auto replay = linker_->last_replay();
    status["store"] = {{"database", store_->description()},
                       {"dbms", store_->dbms_name()},
                       {"schema_version", store_->migration().to_version},
                       {"queued", store_->executor().queued()}};
    status["identity"]["manual_links"] = {{"in_effect", linker_->active_links()},
                                          {"replayed_at_start", replay.applied},
                                          {"skipped_at_start", replay.skipped}};
  }
  return status.dump(2) + "\n";
}

void Hub::Shutdown(std::chrono::milliseconds grace) {
  if (stopped_.exchange(true)) return;
  change_subscriber_.reset();
  // Watch streams never end by themselves: end them so the server need not wait out `grace`.
  if (event_service_) event_service_->FinishAll();
  if (server_) {
    if (auto* health = server_->GetHealthCheckService()) health->Shutdown();
    // gRPC's Shutdown would also wait, up to its deadline, for idle clients to close their
    // connections (CallsInFlight): wait for the calls here, then give gRPC only a moment for a
    // call that came in meanwhile.
    const auto until = std::chrono::steady_clock::now() + grace;
    if (!calls_in_flight_->WaitUntilNone(until)) {
      LogWarning(absl::StrCat("hubd stopping: ", calls_in_flight_->count(),
                              " calls still in flight after ", grace.count(), " ms are cancelled"));
    }
    const auto left = std::max(std::chrono::steady_clock::duration::zero(),
                               until - std::chrono::steady_clock::now());
    server_->Shutdown(std::chrono::system_clock::now() +
                      std::min<std::chrono::nanoseconds>(left, kLastCallGrace));
  }
  if (admin_) admin_->Stop();
  if (refresh_timer_) boost::asio::post(io_, [this] { refresh_timer_->cancel(); });
  work_.reset();
  io_.stop();
  for (auto& thread : io_threads_) {
    if (thread.joinable()) thread.join();
  }
  // The store's threads may still be running a refresh or a write whose hooks reach the cache,
  // the change router and the broadcaster: let them finish while those still exist.
  store_.reset();
}

}  // namespace omnihub::hub
