#include "hub/cache/aggregate_cache.h"

#include <algorithm>
#include <boost/asio/steady_timer.hpp>
#include <mutex>
#include <optional>

#include "absl/strings/str_cat.h"
#include "hub/aggregate/source_accounts.h"
#include "hub/cache/section_parts.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::CallContext;
using omnihub::sdk::Clock;
using omnihub::v1::Section;
using SystemTime = std::chrono::system_clock::time_point;

enum class Freshness { kFresh, kStale, kMissing };

// What the cache holds for one section of one source, judged for one request.
struct SectionLook {
  Section section = omnihub::v1::SECTION_UNSPECIFIED;
  Freshness freshness = Freshness::kMissing;
  std::optional<CachedSection> held;
};

// One source of one request.
struct SourcePlan {
  size_t slot = 0;
  std::shared_ptr<omnihub::sdk::Adapter> adapter;
  std::vector<std::string> accounts;
  std::vector<SectionLook> looks;

  const std::string& system() const { return adapter->info().system; }
  bool Servable() const {
    return std::all_of(looks.begin(), looks.end(),
                       [](const auto& look) { return look.freshness != Freshness::kMissing; });
  }
  std::vector<Section> SectionsWhere(bool (*want)(Freshness)) const {
    std::vector<Section> sections;
    for (const auto& look : looks) {
      if (want(look.freshness)) sections.push_back(look.section);
    }
    return sections;
  }
};

Freshness Classify(const CachedSection& held, Section section, int limit, const CachePolicy& policy,
                   const std::string& system, SystemTime now) {
  if (IsListSection(section) && !held.not_found && !held.complete && held.limit < limit) {
    return Freshness::kMissing;  // holds fewer recent records than asked for
  }
  const auto age = now - held.as_of;
  const auto ttl = policy.TtlOf(system);
  if (age < ttl) return Freshness::kFresh;
  if (age < ttl + policy.max_staleness) return Freshness::kStale;
  return Freshness::kMissing;
}

std::string Seconds(std::chrono::system_clock::duration duration) {
  return absl::StrCat(std::chrono::duration_cast<std::chrono::seconds>(duration).count(), " s");
}

// Applies a backend answer to the store (SingleFlight's on_answer).
void StoreAnswer(SectionStore& store, const Flight& flight, const FlightResult& result) {
  const std::string& system = flight.adapter->info().system;
  const auto& status = result.data.status();
  if (status.code() == absl::StatusCode::kCancelled) return;
  // Kept replies are not dropped here: a backend answer is either the first for a section (no
  // reply holds it) or a refresh after expiry (the replies holding it have expired too). Their
  // generation must not move either, or the request that asked would not keep its own reply.
  bool refreshed = false;
  for (Section section : flight.request.sections) {
    SectionKey key{flight.customer_id, system, section};
    if (result.data.ok() || status.code() == absl::StatusCode::kNotFound) {
      refreshed = refreshed || store.Find(key).has_value();
      CachedSection cached;
      cached.not_found = !result.data.ok();
      cached.part = std::make_shared<const omnihub::sdk::SourceData>(
          result.data.ok() ? SectionPart(*result.data, section) : omnihub::sdk::SourceData());
      cached.as_of = result.as_of;
      cached.limit = flight.request.recent_limit;
      cached.complete = !IsListSection(section) || cached.not_found ||
                        SectionItemCount(*cached.part, section) <
                            static_cast<size_t>(std::max(flight.request.recent_limit, 0));
      cached.cost = result.latency;
      store.Put(key, std::move(cached));
    } else if (store.MarkRefreshFailed(key, absl::StrCat("refresh failed: ", status.message()))) {
      refreshed = true;
    }
  }
  if (refreshed)
    store.CountRefresh(!result.data.ok() && status.code() != absl::StatusCode::kNotFound);
}

}  // namespace

// One request: the cache's counterpart of FanOutCall (fan_out.cc).
class AggregateCache::Gather : public FanOutHandle,
                               public std::enable_shared_from_this<AggregateCache::Gather> {
 public:
  Gather(AggregateCache& cache, std::string customer_id, Clock::time_point deadline, int limit,
         std::vector<SourceOutcome> outcomes, std::vector<SourcePlan> plans, FanOutDone done)
      : policy_(cache.policy_),
        clock_(cache.clock_),
        store_(cache.store_),
        flights_(cache.flights_),
        timer_(cache.executor_, deadline),
        customer_id_(std::move(customer_id)),
        deadline_(deadline),
        limit_(limit),
        outcomes_(std::move(outcomes)),
        plans_(std::move(plans)),
        awaiting_(outcomes_.size(), false),
        tickets_(outcomes_.size()),
        done_(std::move(done)) {}

  // omnihub::hub::FanOutHandle
  void Start() override {
    {
      std::lock_guard lock(mutex_);
      if (finished_ || started_) return;
      started_ = true;
    }
    const SystemTime now = clock_->Now();
    uint64_t hits = 0, misses = 0, stale = 0;
    std::vector<SourcePlan*> to_fetch;
    for (auto& plan : plans_) {
      Look(plan, now);
      for (const auto& look : plan.looks) {
        if (look.freshness == Freshness::kMissing) {
          ++misses;
        } else {
          ++hits;
          if (look.freshness == Freshness::kStale) ++stale;
        }
      }
      if (plan.Servable()) {
        Serve(plan);
        auto expired = plan.SectionsWhere([](Freshness f) { return f == Freshness::kStale; });
        if (!expired.empty()) Refresh(plan, expired);
      } else {
        to_fetch.push_back(&plan);
      }
    }
    store_->CountHits(hits);
    store_->CountMisses(misses);
    store_->CountStaleServes(stale);
    if (to_fetch.empty()) {
      Finish(absl::OkStatus());
      return;
    }
    {
      std::lock_guard lock(mutex_);
      pending_ = to_fetch.size();
      for (const auto* plan : to_fetch) awaiting_[plan->slot] = true;
    }
    timer_.async_wait([self = shared_from_this()](const boost::system::error_code& error) {
      if (!error) self->Finish(absl::DeadlineExceededError("no answer before the deadline"));
    });
    for (auto* plan : to_fetch) Fetch(*plan);
  }

  // omnihub::hub::FanOutHandle
  void Cancel() override { Finish(absl::CancelledError("the caller cancelled the request")); }

 private:
  void Look(SourcePlan& plan, SystemTime now) {
    for (auto& look : plan.looks) {
      look.held = store_->Find({customer_id_, plan.system(), look.section});
      look.freshness =
          look.held ? Classify(*look.held, look.section, limit_, *policy_, plan.system(), now)
                    : Freshness::kMissing;
    }
  }

  // The outcome of `plan` from the sections held (all of them servable).
  void Serve(const SourcePlan& plan) {
    SourceOutcome outcome;
    bool any_data = false, stale = false;
    SystemTime as_of = SystemTime::max();
    std::string failure;
    for (const auto& look : plan.looks) {
      const CachedSection& held = *look.held;
      if (!held.not_found) {
        AddSectionPart(*held.part, look.section, outcome.data);
        any_data = true;
      }
      as_of = std::min(as_of, held.as_of);
      stale = stale || look.freshness == Freshness::kStale;
      if (!held.refresh_failure.empty()) failure = held.refresh_failure;
    }
    outcome.status =
        any_data ? absl::OkStatus()
                 : absl::NotFoundError(absl::StrCat(plan.system(),
                                                    " holds nothing for the customer (as of its "
                                                    "last answer)"));
    outcome.as_of = as_of;
    outcome.stale = stale;
    if (stale) {
      outcome.note = absl::StrCat("served from the cache: read ", Seconds(clock_->Now() - as_of),
                                  " ago, older than ", plan.system(), "'s freshness target of ",
                                  Seconds(policy_->TtlOf(plan.system())), "; ",
                                  failure.empty() ? "a refresh is running" : failure);
    }
    std::lock_guard lock(mutex_);
    if (finished_) return;
    SourceOutcome& slot = outcomes_[plan.slot];
    slot.status = outcome.status;
    slot.data = std::move(outcome.data);
    slot.as_of = outcome.as_of;
    slot.stale = outcome.stale;
    slot.note = std::move(outcome.note);
  }

  // Starts one background refresh of `sections` unless a call covering them is in flight.
  void Refresh(const SourcePlan& plan, const std::vector<Section>& sections) {
    int limit = limit_;
    for (const auto& look : plan.looks) {
      if (look.held) limit = std::max(limit, look.held->limit);
    }
    const auto timeout = policy_->fetch_timeout;
    flights_->JoinOrStart(
        customer_id_, plan.system(), sections, limit,
        [&] {
          auto flight = std::make_shared<Flight>();
          flight->adapter = plan.adapter;
          flight->request.account_ids = plan.accounts;
          flight->request.sections = sections;
          flight->request.recent_limit = limit;
          flight->background = true;
          flight->context = CallContext::WithTimeout(timeout);
          return flight;
        },
        nullptr);
  }

  void Fetch(SourcePlan& plan) {
    auto wanted = plan.SectionsWhere([](Freshness f) { return f != Freshness::kFresh; });
    bool served_meanwhile = false;
    const size_t slot = plan.slot;
    auto ticket = flights_->JoinOrStart(
        customer_id_, plan.system(), wanted, limit_,
        [&]() -> std::shared_ptr<Flight> {
          // A call may have answered between the look and now: the answer is in the store.
          Look(plan, clock_->Now());
          if (plan.Servable()) {
            served_meanwhile = true;
            return nullptr;
          }
          auto flight = std::make_shared<Flight>();
          flight->adapter = plan.adapter;
          flight->request.account_ids = plan.accounts;
          flight->request.sections = wanted;
          flight->request.recent_limit = limit_;
          // A shared call outlives its first waiter's deadline: later waiters have their own.
          flight->context = std::make_shared<CallContext>(
              std::max(deadline_, Clock::now() + policy_->fetch_timeout));
          return flight;
        },
        [self = shared_from_this(), slot](std::shared_ptr<const FlightResult> result) {
          self->Answer(slot, *result);
        });
    if (served_meanwhile) {
      Serve(plan);
      MarkAnswered(slot);
      return;
    }
    bool leave = false;
    {
      std::lock_guard lock(mutex_);
      tickets_[slot] = ticket;
      leave = finished_;
    }
    if (leave) flights_->Leave(ticket);
  }

  void Answer(size_t slot, const FlightResult& result) {
    {
      std::lock_guard lock(mutex_);
      if (finished_ || !awaiting_[slot]) return;
      const SourcePlan& plan = PlanOf(slot);
      SourceOutcome& outcome = outcomes_[slot];
      outcome.latency = result.latency;
      outcome.as_of = result.as_of;
      if (result.data.ok()) {
        outcome.status = absl::OkStatus();
        for (const auto& look : plan.looks) {
          if (look.freshness == Freshness::kFresh) {
            if (!look.held->not_found) AddSectionPart(*look.held->part, look.section, outcome.data);
            outcome.as_of = std::min(outcome.as_of, look.held->as_of);
          } else {
            AddSectionPart(*result.data, look.section, outcome.data);
          }
        }
      } else {
        outcome.status = result.data.status();
      }
    }
    MarkAnswered(slot);
  }

  void MarkAnswered(size_t slot) {
    {
      std::lock_guard lock(mutex_);
      if (finished_ || !awaiting_[slot]) return;
      awaiting_[slot] = false;
      if (--pending_ != 0) return;
    }
    Finish(absl::OkStatus());
  }

  const SourcePlan& PlanOf(size_t slot) const {
    return *std::find_if(plans_.begin(), plans_.end(),
                         [slot](const auto& plan) { return plan.slot == slot; });
  }

  // Ends the request: sources that have not answered get `unanswered`.
  void Finish(absl::Status unanswered) {
    std::vector<SourceOutcome> outcomes;
    std::vector<FlightTicket> tickets;
    {
      std::lock_guard lock(mutex_);
      if (finished_) return;
      finished_ = true;
      for (size_t slot = 0; slot < outcomes_.size(); ++slot) {
        if (awaiting_[slot]) outcomes_[slot].status = unanswered;
      }
      outcomes = std::move(outcomes_);
      tickets = tickets_;
    }
    timer_.cancel();
    for (const auto& ticket : tickets) flights_->Leave(ticket);
    done_(std::move(outcomes));
    done_ = nullptr;
  }

  std::shared_ptr<const CachePolicy> policy_;
  std::shared_ptr<const CacheClock> clock_;
  std::shared_ptr<SectionStore> store_;
  std::shared_ptr<SingleFlight> flights_;
  boost::asio::steady_timer timer_;
  const std::string customer_id_;
  const Clock::time_point deadline_;
  const int limit_;
  std::mutex mutex_;
  std::vector<SourceOutcome> outcomes_;
  std::vector<SourcePlan> plans_;  // written only in Start (before any answer can arrive)
  std::vector<bool> awaiting_;
  std::vector<FlightTicket> tickets_;
  size_t pending_ = 0;
  bool started_ = false;
  bool finished_ = false;
  FanOutDone done_;
};

AggregateCache::AggregateCache(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
                               boost::asio::any_io_executor executor, CachePolicy policy,
                               std::shared_ptr<const CacheClock> clock)
    : adapters_(std::move(adapters)),
      executor_(std::move(executor)),
      policy_(std::make_shared<const CachePolicy>(std::move(policy))),
      clock_(std::move(clock)),
      store_(std::make_shared<SectionStore>(policy_->max_bytes - policy_->max_bytes / 4)),
      replies_(std::make_shared<ReplyStore>(policy_->max_bytes / 4)) {
  flights_ = std::make_shared<SingleFlight>(
      [store = store_](const Flight& flight, const FlightResult& result) {
        StoreAnswer(*store, flight, result);
      },
      clock_);
}

std::shared_ptr<FanOutHandle> AggregateCache::Prepare(const GoldenCustomer& customer,
                                                      const FanOutRequest& request,
                                                      Clock::time_point deadline, FanOutDone done) {
  std::vector<SourceOutcome> outcomes;
  std::vector<SourcePlan> plans;
  const SystemTime now = clock_->Now();
  for (const auto& adapter : adapters_) {
    const auto& info = adapter->info();
    SourcePlan plan;
    for (auto section : request.sections) {
      auto capability = omnihub::sdk::CapabilityForSection(section);
      if (capability != omnihub::sdk::Capability::kCount && info.capabilities.Has(capability)) {
        plan.looks.push_back({section, Freshness::kMissing, std::nullopt});
      }
    }
    if (plan.looks.empty()) continue;
    SourceOutcome outcome;
    outcome.system = info.system;
    for (const auto& look : plan.looks) outcome.sections.push_back(look.section);
    outcome.as_of = now;
    plan.accounts = SourceAccounts(customer, info.system);
    if (plan.accounts.empty()) {
      outcome.status =
          absl::NotFoundError(absl::StrCat("the customer has no account in ", info.system));
    } else {
      plan.slot = outcomes.size();
      plan.adapter = adapter;
      plans.push_back(std::move(plan));
    }
    outcomes.push_back(std::move(outcome));
  }
  return std::make_shared<Gather>(*this, customer.customer_id, deadline, request.recent_limit,
                                  std::move(outcomes), std::move(plans), std::move(done));
}

bool AggregateCache::Invalidate(const std::string& customer_id, const std::string& system,
                                Section section) {
  replies_->Changed(customer_id);
  return store_->Invalidate({customer_id, system, section});
}

size_t AggregateCache::InvalidateCustomer(const std::string& customer_id) {
  replies_->Changed(customer_id);
  return store_->InvalidateCustomer(customer_id);
}

bool AggregateCache::Update(const std::string& customer_id, const std::string& system,
                            Section section,
                            const std::function<void(omnihub::sdk::SourceData&)>& change) {
  SectionKey key{customer_id, system, section};
  auto held = store_->Find(key);
  if (!held) return false;
  omnihub::sdk::SourceData part = held->not_found ? omnihub::sdk::SourceData() : *held->part;
  change(part);
  held->part = std::make_shared<const omnihub::sdk::SourceData>(SectionPart(part, section));
  held->not_found = false;
  held->as_of = clock_->Now();
  held->refresh_failure.clear();
  store_->Put(key, *std::move(held));
  replies_->Changed(customer_id);
  return true;
}

uint64_t AggregateCache::ReplyGeneration(const std::string& customer_id) {
  return replies_->Generation(customer_id);
}

std::optional<grpc::Slice> AggregateCache::FindReply(const std::string& customer_id,
                                                     int recent_limit) {
  auto reply = replies_->Find(customer_id, recent_limit, clock_->Now());
  if (reply) reply_hits_.fetch_add(1, std::memory_order_relaxed);
  return reply;
}

void AggregateCache::KeepReply(const std::string& customer_id, int recent_limit,
                               uint64_t generation, const std::vector<SourceOutcome>& outcomes,
                               grpc::Slice bytes) {
  SystemTime fresh_until = SystemTime::max();
  for (const auto& outcome : outcomes) {
    const bool fresh = (outcome.status.ok() && !outcome.stale) ||
                       outcome.status.code() == absl::StatusCode::kNotFound;
    if (!fresh) return;
    fresh_until = std::min(fresh_until, outcome.as_of + policy_->TtlOf(outcome.system));
  }
  replies_->Put(customer_id, recent_limit, generation, std::move(bytes), fresh_until);
}

CacheStats AggregateCache::Stats() const {
  CacheStats stats = store_->Stats();
  stats.reply_bytes = replies_->bytes();
  stats.replies = replies_->replies();
  stats.reply_hits = reply_hits_.load(std::memory_order_relaxed);
  return stats;
}

}  // namespace omnihub::hub
