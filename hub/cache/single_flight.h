// SingleFlight: at most one backend call at a time per (customer, system); concurrent askers wait
// for it instead of calling again.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/sdk/adapter.h"
#include "hub/cache/cache_clock.h"

namespace omnihub::hub {

// What one backend call answered, shared by every waiter.
struct FlightResult {
  absl::StatusOr<omnihub::sdk::SourceData> data;
  std::chrono::system_clock::time_point as_of;
  std::chrono::nanoseconds latency{0};
};

using FlightWaiter = std::function<void(std::shared_ptr<const FlightResult>)>;

// One backend call in flight.
struct Flight {
  std::string customer_id;
  std::shared_ptr<omnihub::sdk::Adapter> adapter;
  omnihub::sdk::FetchRequest request;
  // A background refresh: not cancelled when no one waits for it.
  bool background = false;
  std::shared_ptr<omnihub::sdk::CallContext> context;

  // True when this call answers `sections` with at least `limit` recent records.
  bool Covers(const std::vector<omnihub::v1::Section>& sections, int limit) const;

 private:
  friend class SingleFlight;
  // Guarded by SingleFlight::mutex_.
  std::map<uint64_t, FlightWaiter> waiters_;
  uint64_t next_waiter_ = 0;
  bool done_ = false;
};

// A waiter's ticket: lets it stop waiting.
struct FlightTicket {
  std::shared_ptr<Flight> flight;
  uint64_t waiter = 0;
};

// The table of calls in flight, keyed by (customer id, system).
//
// `on_answer` runs once per call when the backend answers, before any waiter hears of it and
// before the call leaves the table (the cache stores the answer there, so an asker that finds no
// call in flight afterwards finds the answer in the cache).
//
// A call loses its last waiter (Leave) and is not a background refresh: it is cancelled and leaves
// the table at once (no one joins a cancelled call).
//
// Thread-safe. Waiters and `on_answer` run on the adapter's threads (or the caller's, when an
// adapter answers at once) and must not block. Always owned by a shared_ptr (calls in flight keep
// it alive).
class SingleFlight : public std::enable_shared_from_this<SingleFlight> {
 public:
  using OnAnswer = std::function<void(const Flight&, const FlightResult&)>;
  // `clock` stamps each answer's as_of.
  SingleFlight(OnAnswer on_answer, std::shared_ptr<const CacheClock> clock)
      : on_answer_(std::move(on_answer)), clock_(std::move(clock)) {}

  // Joins the call in flight for (customer, system) when it covers `sections` and `limit`;
  // otherwise asks `make_flight()` for a new one, registers it and starts it. `make_flight` runs
  // under the table's lock (it may look at the cache, not call into this table) and may return
  // nullptr: nothing to call (the returned ticket is empty). `waiter` may be empty (a background
  // refresh nobody waits for). `joined` (optional) tells whether an existing call was joined.
  FlightTicket JoinOrStart(const std::string& customer_id, const std::string& system,
                           const std::vector<omnihub::v1::Section>& sections, int limit,
                           const std::function<std::shared_ptr<Flight>()>& make_flight,
                           FlightWaiter waiter, bool* joined = nullptr);

  // True when a call is in flight for (customer, system).
  bool InFlight(const std::string& customer_id, const std::string& system) const;

  // Stops waiting (idempotent).
  void Leave(const FlightTicket& ticket);

  size_t size() const;

 private:
  void Answer(const std::shared_ptr<Flight>& flight, FlightResult result);

  const OnAnswer on_answer_;
  const std::shared_ptr<const CacheClock> clock_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, std::string>, std::shared_ptr<Flight>> flights_;
};

}  // namespace omnihub::hub
