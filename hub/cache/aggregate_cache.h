// AggregateCache: the Customer 360 sections of recently asked-for customers, kept in memory and
// served instead of asking the backends again. Sits in front of the fan-out (same contract).
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "hub/aggregate/fan_out.h"
#include "hub/api/reply_cache.h"
#include "hub/cache/cache_clock.h"
#include "hub/cache/cache_policy.h"
#include "hub/cache/reply_store.h"
#include "hub/cache/section_store.h"
#include "hub/cache/single_flight.h"

namespace omnihub::hub {

// For each source able to answer a request, per section:
// - fresh (younger than the system's TTL): served from memory, state OK;
// - expired but within the maximum staleness: served at once, state STALE with its as_of, and one
//   background refresh of the expired sections starts (unless one is already running);
// - missing, too old, or held with fewer recent records than asked: fetched. Concurrent askers
//   for the same (customer, system) share one backend call (SingleFlight); each waits under its
//   own deadline (its source becomes DEADLINE_EXCEEDED for it alone). A shared call is cancelled
//   only when its last waiter gives up.
// Answers are stored per section. A failed refresh keeps the last good section and marks it (the
// STALE status's detail then says the refresh failed). NOT_FOUND answers are kept too (the source
// holds nothing for the customer); other failures are not.
//
// Whole GetCustomer360 answers are kept serialised too (ReplyCache), while all their sections are
// fresh; Invalidate, InvalidateCustomer and Update drop that customer's answers. They get a quarter
// of max_bytes, the sections the rest.
//
// Hits and misses count sections. Requests for one order (FanOutRequest::order_number) are not
// for this class: use the FanOut.
//
// Thread-safe. Must outlive the handles it returns; calls in flight keep what they need alive.
class AggregateCache final : public ReplyCache {
 public:
  AggregateCache(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
                 boost::asio::any_io_executor executor, CachePolicy policy,
                 std::shared_ptr<const CacheClock> clock = std::make_shared<SystemCacheClock>());

  // omnihub::hub::FanOutSource: as FanOut::Prepare (see fan_out.h), answering from memory where
  // it can.
  std::shared_ptr<FanOutHandle> Prepare(const GoldenCustomer& customer,
                                        const FanOutRequest& request,
                                        omnihub::sdk::Clock::time_point deadline,
                                        FanOutDone done) override;

  // Entry points for change events and writes through the hub.
  // Drops exactly one section (the next request fetches it). False when it was not held.
  bool Invalidate(const std::string& customer_id, const std::string& system,
                  omnihub::v1::Section section);
  // Drops every section of a customer (e.g. an identifier was linked or unlinked).
  size_t InvalidateCustomer(const std::string& customer_id);
  // Applies `change` to the held section (e.g. adds the note just written) and makes it fresh as
  // of now. False when the section is not held (then nothing is done: the next request fetches
  // it, change included).
  bool Update(const std::string& customer_id, const std::string& system,
              omnihub::v1::Section section,
              const std::function<void(omnihub::sdk::SourceData&)>& change);

  // omnihub::hub::ReplyCache
  uint64_t ReplyGeneration(const std::string& customer_id) override;
  std::optional<grpc::Slice> FindReply(const std::string& customer_id, int recent_limit) override;
  void KeepReply(const std::string& customer_id, int recent_limit, uint64_t generation,
                 const std::vector<SourceOutcome>& outcomes, grpc::Slice bytes) override;

  // Sections' figures; replies' bytes and count in reply_bytes / replies.
  CacheStats Stats() const;
  const CachePolicy& policy() const { return *policy_; }
  // Backend calls in flight (for tests and the status page).
  size_t flights() const { return flights_->size(); }

 private:
  class Gather;

  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  boost::asio::any_io_executor executor_;
  std::shared_ptr<const CachePolicy> policy_;
  std::shared_ptr<const CacheClock> clock_;
  std::shared_ptr<SectionStore> store_;
  std::shared_ptr<ReplyStore> replies_;
  std::atomic<uint64_t> reply_hits_{0};
  std::shared_ptr<SingleFlight> flights_;
};

}  // namespace omnihub::hub
