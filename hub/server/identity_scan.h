// Identity scan: reads every account and identifier from the adapters that can enumerate them,
// to build the identity index at start-up.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adapters/sdk/adapter.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

struct IdentityScanReport {
  std::vector<IdentityIndex::SystemAccounts> systems;
  // System name -> why its scan failed (its accounts are then missing from the index).
  std::vector<std::pair<std::string, absl::Status>> failures;
};

// Pages through ScanIdentities of every adapter with Capability::kIdentityScan, one page at a time
// per adapter, all adapters in parallel. An adapter that cannot scan (e.g. tn3270) gets, as its
// accounts, the account numbers the scanned accounts cross-reference in its system.
// `page_timeout` bounds each page. `progress` is called (from scanning threads) after each page
// with the system and the accounts read so far.
// Blocks the calling thread: for start-up only.
IdentityScanReport ScanIdentities(
    const std::vector<std::shared_ptr<omnihub::sdk::Adapter>>& adapters,
    std::chrono::milliseconds page_timeout,
    const std::function<void(const std::string& system, size_t accounts)>& progress);

}  // namespace omnihub::hub
