#include "hub/cache/single_flight.h"

#include <algorithm>

namespace omnihub::hub {

bool Flight::Covers(const std::vector<omnihub::v1::Section>& sections, int limit) const {
  if (request.recent_limit < limit || !request.order_number.empty()) return false;
  return std::all_of(sections.begin(), sections.end(), [&](omnihub::v1::Section section) {
    return std::find(request.sections.begin(), request.sections.end(), section) !=
           request.sections.end();
  });
}

FlightTicket SingleFlight::JoinOrStart(const std::string& customer_id, const std::string& system,
                                       const std::vector<omnihub::v1::Section>& sections, int limit,
                                       const std::function<std::shared_ptr<Flight>()>& make_flight,
                                       FlightWaiter waiter, bool* joined) {
  FlightTicket ticket;
  bool was_joined = false;
  {
    std::lock_guard lock(mutex_);
    auto key = std::make_pair(customer_id, system);
    auto it = flights_.find(key);
    if (it != flights_.end() && it->second->Covers(sections, limit)) {
      ticket.flight = it->second;
      was_joined = true;
    } else {
      ticket.flight = make_flight();
      if (!ticket.flight) return ticket;
      // A newer call supersedes one that does not cover it; the older still answers its waiters.
      flights_[key] = ticket.flight;
      ticket.flight->customer_id = customer_id;
    }
    if (waiter) {
      ticket.waiter = ++ticket.flight->next_waiter_;
      ticket.flight->waiters_.emplace(ticket.waiter, std::move(waiter));
    }
  }
  if (joined) *joined = was_joined;
  if (was_joined) return ticket;
  auto flight = ticket.flight;
  const auto started = std::chrono::steady_clock::now();
  flight->adapter->Fetch(
      flight->request, flight->context,
      [self = shared_from_this(), flight, started](absl::StatusOr<omnihub::sdk::SourceData> data) {
        FlightResult result;
        result.data = std::move(data);
        result.as_of = self->clock_->Now();
        result.latency = std::chrono::steady_clock::now() - started;
        self->Answer(flight, std::move(result));
      });
  return ticket;
}

void SingleFlight::Answer(const std::shared_ptr<Flight>& flight, FlightResult result) {
  on_answer_(*flight, result);
  std::map<uint64_t, FlightWaiter> waiters;
  {
    std::lock_guard lock(mutex_);
    auto it = flights_.find({flight->customer_id, flight->adapter->info().system});
    if (it != flights_.end() && it->second == flight) flights_.erase(it);
    flight->done_ = true;
    waiters.swap(flight->waiters_);
  }
  auto shared = std::make_shared<const FlightResult>(std::move(result));
  for (auto& [id, waiter] : waiters) waiter(shared);
}

void SingleFlight::Leave(const FlightTicket& ticket) {
  if (!ticket.flight) return;
  {
    std::lock_guard lock(mutex_);
    auto& flight = *ticket.flight;
    if (flight.done_ || flight.waiters_.erase(ticket.waiter) == 0) return;
    if (!flight.waiters_.empty() || flight.background) return;
    flight.done_ = true;
    auto it = flights_.find({flight.customer_id, flight.adapter->info().system});
    if (it != flights_.end() && it->second == ticket.flight) flights_.erase(it);
  }
  ticket.flight->context->Cancel();
}

bool SingleFlight::InFlight(const std::string& customer_id, const std::string& system) const {
  std::lock_guard lock(mutex_);
  return flights_.count({customer_id, system}) > 0;
}

size_t SingleFlight::size() const {
  std::lock_guard lock(mutex_);
  return flights_.size();
}

}  // namespace omnihub::hub
