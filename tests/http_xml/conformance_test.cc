// The adapter conformance kit for the http-xml connector against the in-process payment
// simulator: healthy, slow (5 s per answer), failing (503 always) and garbage (XML cut in half).
#include "adapters/sdk/testing/conformance.h"

#include <gtest/gtest.h>

#include "tests/http_xml/running_gateway.h"

namespace omnihub::http_xml::testing {
namespace {

using sdk::testing::AdapterConformance;
using sdk::testing::ConformanceTarget;

// Started once, never stopped (adapters made by the targets must find them running).
const RunningGateway& Gateway(const char* kind) {
  static auto* healthy = new RunningGateway();
  static auto* slow = new RunningGateway({}, 5000);
  static auto* failing = new RunningGateway({.error_rate = 1});
  static auto* garbage = new RunningGateway({.fault = payment_sim::Fault::kMalformed});
  const std::string name = kind;
  return name == "slow"      ? *slow
         : name == "failing" ? *failing
         : name == "garbage" ? *garbage
                             : *healthy;
}

ConformanceTarget Target() {
  ConformanceTarget target;
  target.name = "payment_http_xml";
  target.make_healthy = [] { return MakeAdapter(Gateway("healthy").url()); };
  target.known_accounts = {"6108000123"};
  const auto world = SharedWorld();
  for (size_t i = 0; i < world->payments.size() && target.known_accounts.size() < 4; i += 97) {
    target.known_accounts.push_back(world->payments[i].shopper_reference);
  }
  target.unknown_account = "6100000000";
  target.make_slow = [] { return MakeAdapter(Gateway("slow").url()); };
  target.slow_backend_at_least = std::chrono::milliseconds(5000);
  target.make_failing = [] { return MakeAdapter(Gateway("failing").url()); };
  target.make_garbage = [] { return MakeAdapter(Gateway("garbage").url()); };
  return target;
}

INSTANTIATE_TEST_SUITE_P(HttpXml, AdapterConformance, ::testing::Values(Target()),
                         sdk::testing::ConformanceName);

}  // namespace
}  // namespace omnihub::http_xml::testing
