// FanOut: asks every able backend for its part of one customer, in parallel, under one deadline.
#pragma once

#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "adapters/sdk/adapter.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// What one source contributed to an aggregate answer.
struct SourceOutcome {
  std::string system;
  // OK; NOT_FOUND (holds nothing for the customer); DEADLINE_EXCEEDED (no answer in time);
  // CANCELLED (the caller went away); anything else: the source failed.
  absl::Status status;
  omnihub::sdk::SourceData data;
  // The sections asked of this source.
  std::vector<omnihub::v1::Section> sections;
  std::chrono::system_clock::time_point as_of;
  // Unset when the source was not asked or did not answer.
  std::optional<std::chrono::nanoseconds> latency;
  // Served from the aggregate cache after the source's freshness target (SOURCE_STATE_STALE);
  // `note` then says how old it is and whether its refresh failed.
  bool stale = false;
  std::string note;
};

// What to ask each source, apart from the accounts (which come from the identity index).
struct FanOutRequest {
  std::vector<omnihub::v1::Section> sections;
  int recent_limit = 20;
  std::string order_number;
};

using FanOutDone = std::function<void(std::vector<SourceOutcome>)>;

// One fan-out. Start() sends the calls (once); Cancel() ends it early because the caller went
// away (before or after Start, any number of times).
class FanOutHandle {
 public:
  virtual ~FanOutHandle() = default;
  virtual void Start() = 0;
  virtual void Cancel() = 0;
};

// Something that answers fan-out requests: the FanOut itself, or the aggregate cache in front of
// it (hub/cache). Same contract as FanOut::Prepare.
class FanOutSource {
 public:
  virtual ~FanOutSource() = default;
  virtual std::shared_ptr<FanOutHandle> Prepare(const GoldenCustomer& customer,
                                                const FanOutRequest& request,
                                                omnihub::sdk::Clock::time_point deadline,
                                                FanOutDone done) = 0;
};

// Fans one request out to the adapters.
//
// For each adapter that declares a capability for one of the requested sections: when the
// customer has accounts in that system it is called (all in parallel), otherwise its outcome is
// NOT_FOUND without a call. `done` runs exactly once: when every called adapter answered, or at
// `deadline` (unanswered sources get DEADLINE_EXCEEDED and their calls are cancelled), or on
// Cancel() (CANCELLED). Outcomes are in adapter order.
//
// Thread-safe; `done` runs on an adapter's or the executor's thread and must not block.
class FanOut : public FanOutSource {
 public:
  FanOut(std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters,
         boost::asio::any_io_executor executor);

  // Prepares the fan-out without sending anything; call Start() on the handle. Lets a caller
  // keep the handle (for cancellation) before `done` can possibly run.
  std::shared_ptr<FanOutHandle> Prepare(const GoldenCustomer& customer,
                                        const FanOutRequest& request,
                                        omnihub::sdk::Clock::time_point deadline,
                                        FanOutDone done) override;
  // Prepare() and Start().
  std::shared_ptr<FanOutHandle> Run(const GoldenCustomer& customer, const FanOutRequest& request,
                                    omnihub::sdk::Clock::time_point deadline, FanOutDone done);

  const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters() const { return adapters_; }

 private:
  std::vector<std::shared_ptr<omnihub::sdk::Adapter>> adapters_;
  boost::asio::any_io_executor executor_;
};

}  // namespace omnihub::hub
