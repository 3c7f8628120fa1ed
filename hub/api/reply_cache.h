// ReplyCache: the aggregate cache as the API sees it. Besides answering fan-outs, it keeps whole
// GetCustomer360 answers serialised once, so a hit is sent without assembling or serialising
// anything (cache_bench in tools/bench measured the representations; README "Benchmarks").
// Implemented by hub/cache's AggregateCache.
#pragma once

#include <grpcpp/support/slice.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "hub/aggregate/fan_out.h"

namespace omnihub::hub {

// A kept answer is sent byte for byte as it was assembled: its assembled_at says when, and each
// source's as_of and latency are those of the backend answer it holds.
//
// Thread-safe.
class ReplyCache : public FanOutSource {
 public:
  // The customer's answers' generation: read it before gathering the outcomes of an answer, and
  // pass it to KeepReply, which then refuses the answer if any section changed meanwhile.
  virtual uint64_t ReplyGeneration(const std::string& customer_id) = 0;

  // The serialised Customer 360 of `customer_id` with `recent_limit`, while every section in it
  // is fresh and unchanged.
  virtual std::optional<grpc::Slice> FindReply(const std::string& customer_id,
                                               int recent_limit) = 0;

  // Keeps `bytes` (the answer assembled from `outcomes`) when every source answered fresh (OK or
  // holding nothing); it is served until the first of its sections expires or changes.
  virtual void KeepReply(const std::string& customer_id, int recent_limit, uint64_t generation,
                         const std::vector<SourceOutcome>& outcomes, grpc::Slice bytes) = 0;
};

}  // namespace omnihub::hub
