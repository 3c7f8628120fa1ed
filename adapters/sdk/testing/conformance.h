// The adapter conformance kit: one GoogleTest suite that every connector instantiates.
//
// Usage, in a connector's test file:
//
//   omnihub::sdk::testing::ConformanceTarget MyTarget() {
//     ConformanceTarget target;
//     target.name = "my_connector";
//     target.make_healthy = [] { return std::make_unique<MyAdapter>(...); };
//     target.known_accounts = {"A1"};
//     target.unknown_account = "NOPE";
//     target.make_slow = ...;      // optional: a backend slower than any test deadline
//     target.make_failing = ...;   // optional: a backend that answers with errors
//     target.make_garbage = ...;   // optional: a backend that answers with malformed data
//     target.search_known = {.surname = "Doe", .postal_code = "SW1A 1AA"};  // with kSearch
//     target.search_nobody = {.surname = "Nobodyhere"};
//     return target;
//   }
//   INSTANTIATE_TEST_SUITE_P(MyConnector, AdapterConformance, ::testing::Values(MyTarget()),
//                            omnihub::sdk::testing::ConformanceName);
//
// Capability flags, not special cases: a check runs only when the target can express it (no
// `make_slow`, no slow-backend checks) and only for the sections the adapter declares; the search
// checks run for adapters that declare Capability::kSearch (the others must answer UNIMPLEMENTED).
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "adapters/sdk/adapter.h"

namespace omnihub::sdk::testing {

using AdapterMaker = std::function<std::unique_ptr<Adapter>()>;

struct ConformanceTarget {
  // Test name suffix; letters, digits and underscores only.
  std::string name;
  // An adapter in front of a healthy backend.
  AdapterMaker make_healthy;
  // Accounts the healthy backend holds (at least one).
  std::vector<std::string> known_accounts;
  // An account the healthy backend does not hold.
  std::string unknown_account;
  // Optional: an adapter whose backend takes longer than `slow_backend_at_least` to answer.
  AdapterMaker make_slow;
  std::chrono::milliseconds slow_backend_at_least{2000};
  // Optional: an adapter whose backend fails (refuses connections, answers 5xx, ...).
  AdapterMaker make_failing;
  // Optional: an adapter whose backend answers with malformed data.
  AdapterMaker make_garbage;
  // How long a healthy backend may take; calls get this as their deadline.
  std::chrono::milliseconds healthy_deadline{2000};
  // With Capability::kSearch: a search whose hits include known_accounts.front(), and one the
  // healthy backend finds nothing for. Hostile searches are checked on `make_failing` when given
  // (so a refusal before any backend call is INVALID_ARGUMENT, not UNAVAILABLE), else on
  // `make_healthy`.
  SearchRequest search_known;
  SearchRequest search_nobody;
};

std::string ConformanceName(const ::testing::TestParamInfo<ConformanceTarget>& info);

// How GoogleTest prints a target in test names and failures: by its name.
inline void PrintTo(const ConformanceTarget& target, std::ostream* out) { *out << target.name; }

class AdapterConformance : public ::testing::TestWithParam<ConformanceTarget> {};

// Blocks until `adapter` answers one Fetch (test helper; never use outside tests).
absl::StatusOr<SourceData> FetchAndWait(Adapter& adapter, const FetchRequest& request,
                                        std::shared_ptr<CallContext> context);

// Blocks until `adapter` answers one SearchCustomers (test helper; never use outside tests).
absl::StatusOr<SearchResult> SearchAndWait(Adapter& adapter, const SearchRequest& request,
                                           std::shared_ptr<CallContext> context);

}  // namespace omnihub::sdk::testing
