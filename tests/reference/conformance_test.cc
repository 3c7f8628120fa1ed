// The adapter conformance kit, instantiated for every slice of the reference adapter.
#include "adapters/sdk/testing/conformance.h"

#include <gtest/gtest.h>

#include "adapters/reference/world_cache.h"
#include "tests/reference/test_io.h"

namespace omnihub::reference::testing {
namespace {

using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;

ConformanceTarget Target(const std::string& slice, std::vector<std::string> known,
                         std::string unknown) {
  ConformanceTarget target;
  target.name = slice;
  target.make_healthy = [slice] { return MakeAdapter(slice, {{"latency_ms", "2"}}); };
  target.known_accounts = std::move(known);
  target.unknown_account = std::move(unknown);
  target.make_slow = [slice] { return MakeAdapter(slice, {{"latency_ms", "5000"}}); };
  target.slow_backend_at_least = std::chrono::milliseconds(5000);
  target.make_failing = [slice] { return MakeAdapter(slice, {{"failure_rate", "1"}}); };
  target.make_garbage = [slice] { return MakeAdapter(slice, {{"garbage_rate", "1"}}); };
  return target;
}

// Jane Doe's accounts plus a few of other people's, from the world the adapters share.
std::vector<ConformanceTarget> Targets() {
  auto world = SharedWorld(42, 1000);
  std::vector<std::string> mainframe{"00104217"}, erp{"C0100001"}, ecommerce{"6108000123"};
  for (size_t i = 1; i < 4; ++i) {
    mainframe.push_back(world->mainframe_accounts[i].account_number);
    erp.push_back(world->erp_customers[i].customer_number);
    ecommerce.push_back(world->ecom_customers[i].id);
  }
  return {Target("mainframe", mainframe, "99999999"), Target("erp", erp, "C9999999"),
          Target("ecommerce", ecommerce, "6100000000"),
          Target("payment", {"6108000123"}, "6100000000"),
          Target("pos", {"6335000000000003"}, "6335000000000011")};
}

INSTANTIATE_TEST_SUITE_P(Reference, AdapterConformance, ::testing::ValuesIn(Targets()),
                         sdk::testing::ConformanceName);

}  // namespace
}  // namespace omnihub::reference::testing
