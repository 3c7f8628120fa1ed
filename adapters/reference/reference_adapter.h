// The reference adapter: one backend system's slice of a generated world (tools/simulators/world)
// behind omnihub::sdk::Adapter, with simulated latency, failures and malformed answers. It makes
// the hub usable end to end before the real protocol connectors exist, and is the benchmark's
// backend.
//
// Settings (AdapterConfig::settings; unknown keys are rejected):
//   slice          required: mainframe | erp | ecommerce | payment | pos
//   seed           world seed, default 42
//   customers      world size, 1..2000000, default 1000
//   latency_ms     simulated backend latency, 0..600000, default 0
//   jitter_ms      extra latency, uniform in [0, jitter_ms], 0..600000, default 0
//   failure_rate   0..1: share of calls answered UNAVAILABLE "simulated backend failure"
//   garbage_rate   0..1: share of calls whose backend answer is malformed (DATA_LOSS)
//   xref_mainframe_system  system name in ERP cross-references, default "mainframe"
//   xref_ecommerce_system  system name in payment cross-references, default "ecommerce"
//
// The world is frozen at its anchor (2026-11-01T12:00:00Z): "late" and "delayed" are judged
// against the anchor, not the wall clock, so answers never change over time.
//
// Account ids: mainframe legacy account number; erp customer number; ecommerce customer id;
// payment shopper reference (the ecommerce customer id); pos loyalty card number (digits only).
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <chrono>
#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/reference/slice.h"
#include "adapters/sdk/adapter.h"
#include "adapters/sdk/registry.h"

namespace omnihub::reference {

struct ReferenceOptions {
  SliceKind slice = SliceKind::kErp;
  uint64_t seed = 42;
  int customers = 1000;
  std::chrono::milliseconds latency{0};
  std::chrono::milliseconds jitter{0};
  double failure_rate = 0;
  double garbage_rate = 0;
  std::string xref_mainframe_system = "mainframe";
  std::string xref_ecommerce_system = "ecommerce";
};

// One system's slice behind the adapter interface.
//
// Thread-safe: any number of concurrent calls. Every answer is delivered on the executor (posted
// even with zero latency, never inline), after the simulated latency, through a timer; a call
// ends with CANCELLED as soon as its CallContext is cancelled and with DEADLINE_EXCEEDED at its
// deadline, whichever comes first, and its callback runs exactly once. Calls in flight keep what
// they need alive (the slice, not the adapter), so the adapter may be destroyed while calls are
// pending; the executor must outlive them.
class ReferenceAdapter : public sdk::Adapter {
 public:
  ReferenceAdapter(std::string system, ReferenceOptions options,
                   std::shared_ptr<const world::World> world,
                   boost::asio::any_io_executor executor);

  // omnihub::sdk::Adapter
  const sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
             sdk::FetchCallback done) override;
  void ScanIdentities(const std::string& cursor, std::shared_ptr<sdk::CallContext> context,
                      sdk::ScanCallback done) override;

  // Accounts per identity-scan page.
  static constexpr size_t kScanPageSize = 1000;

 private:
  struct Outcome;
  // Decides this call's simulated fate (latency, failure, garbage) from a per-call stream.
  Outcome Roll();

  sdk::AdapterInfo info_;
  ReferenceOptions options_;
  std::shared_ptr<const Slice> slice_;
  boost::asio::any_io_executor executor_;
  std::atomic<uint64_t> calls_{0};
};

// Builds a ReferenceAdapter from `config` (see the settings above), over SharedWorld(seed,
// customers). INVALID_ARGUMENT naming every bad or unknown setting.
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeReferenceAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::reference
