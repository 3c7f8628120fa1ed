// The adapter conformance kit for the http-json connector against the in-process ecommerce
// simulator: healthy, slow (5 s per answer), failing (503 always) and garbage (truncated JSON).
#include "adapters/sdk/testing/conformance.h"

#include <gtest/gtest.h>

#include "tests/http_json/running_shop.h"

namespace omnihub::http_json::testing {
namespace {

using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;

// Started once, never stopped (adapters made by the targets must find them running).
const RunningShop& Shop(const char* kind) {
  static auto* healthy = new RunningShop();
  static auto* slow = new RunningShop({}, 5000);
  static auto* failing = new RunningShop([] {
    ecommerce_sim::ApiOptions options;
    options.error_rate = 1;
    return options;
  }());
  static auto* garbage = new RunningShop([] {
    ecommerce_sim::ApiOptions options;
    options.garbage_rate = 1;
    return options;
  }());
  const std::string name = kind;
  return name == "slow"      ? *slow
         : name == "failing" ? *failing
         : name == "garbage" ? *garbage
                             : *healthy;
}

ConformanceTarget Target() {
  ConformanceTarget target;
  target.name = "ecommerce_http_json";
  target.make_healthy = [] { return MakeAdapter(Shop("healthy").url()); };
  target.known_accounts = {"6108000123"};
  const auto world = SharedWorld();
  for (size_t i = 1; i < 4; ++i) target.known_accounts.push_back(world->ecom_customers[i].id);
  target.unknown_account = "6100000000";
  target.make_slow = [] { return MakeAdapter(Shop("slow").url()); };
  target.slow_backend_at_least = std::chrono::milliseconds(5000);
  target.make_failing = [] { return MakeAdapter(Shop("failing").url()); };
  target.make_garbage = [] { return MakeAdapter(Shop("garbage").url()); };
  return target;
}

INSTANTIATE_TEST_SUITE_P(HttpJson, AdapterConformance, ::testing::Values(Target()),
                         sdk::testing::ConformanceName);

}  // namespace
}  // namespace omnihub::http_json::testing
