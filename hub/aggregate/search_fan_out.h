// SearchFanOut: asks every backend that can search its customers (Capability::kSearch) in
// parallel, under one deadline, and reports what each answered.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <functional>
#include <memory>
#include <vector>

#include "adapters/sdk/adapter.h"
#include "hub/aggregate/fan_out.h"

namespace omnihub::hub {

// What one searching system answered.
struct SearchOutcome {
  // system, status (OK; DEADLINE_EXCEEDED: no answer in time; CANCELLED: the caller went away;
  // anything else: the search failed), as_of and latency; `note` says which hits were dropped as
  // unusable (filled by CombineSearchMatches). `sections` and `data` stay empty.
  SourceOutcome source;
  // The hits, when `source.status` is OK.
  omnihub::sdk::SearchResult result;
};

using SearchFanOutDone = std::function<void(std::vector<SearchOutcome>)>;

// Fans one search out to the adapters that declare Capability::kSearch.
//
// `done` runs exactly once: when every asked adapter answered, or at `deadline` (unanswered
// systems get DEADLINE_EXCEEDED and their calls are cancelled), or on the handle's Cancel()
// (CANCELLED). Outcomes are in adapter order. A failing or slow system never fails the others.
//
// Thread-safe; `done` runs on an adapter's or the executor's thread and must not block.
class SearchFanOut {
 public:
  SearchFanOut(const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters,
               boost::asio::any_io_executor executor);

  // True when no adapter can search (a search then needs no backend at all).
  bool empty() const { return adapters_.empty(); }

  // Prepares the calls without sending anything; Start() the handle (keep it first, so a
  // cancellation can reach it before `done` can run).
  std::shared_ptr<FanOutHandle> Prepare(const omnihub::sdk::SearchRequest& request,
                                        omnihub::sdk::Clock::time_point deadline,
                                        SearchFanOutDone done) const;

 private:
  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;  // those with kSearch
  boost::asio::any_io_executor executor_;
};

}  // namespace omnihub::hub
