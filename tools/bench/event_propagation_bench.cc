// Event propagation: from a backend publishing a change on the ZeroMQ bus to a WatchEvents
// subscriber reading it, through an in-process hub (subscriber thread, attribution to the
// customer, invalidation of the cached section, per-subscriber queue, gRPC stream). The router
// invalidates the cache before it broadcasts, so the figure bounds the invalidation too.
//
// One change at a time (the next is published when the previous has been read), so the figure is
// the latency of the path, not of a queue. p50/p99/max are reported as counters (microseconds).
//
//   build/tools/bench/event_propagation_bench
#include <benchmark/benchmark.h>
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "adapters/events/change_publisher.h"
#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "omnihub/v1/event.grpc.pb.h"

namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;

omnihub::v1::Identifier Email(const std::string& value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier.set_value(value);
  return identifier;
}

omnihub::events::BackendChange Change(const std::string& id) {
  omnihub::events::BackendChange change;
  change.set_event_id(id);
  change.set_type(omnihub::v1::EVENT_TYPE_ORDER_STATUS_CHANGED);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
  change.set_system("erp");
  change.set_account_id("C1");
  change.set_subject("W1000002");
  change.set_detail("SHIPPED");
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  return change;
}

void BM_ChangeToWatchEventsSubscriber(benchmark::State& state) {
  auto publisher = omnihub::events::ChangePublisher::Create({"tcp://127.0.0.1:*", true});
  if (!publisher.ok()) return state.SkipWithError("cannot bind the publisher");

  omnihub::sdk::AdapterRegistry registry;
  (void)registry.Register(
      "fake",
      [](const omnihub::sdk::AdapterConfig& config,
         const omnihub::sdk::AdapterEnvironment& environment)
          -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
        auto fake = std::make_unique<omnihub::sdk::testing::FakeAdapter>(
            environment.executor, config.system,
            omnihub::sdk::Capabilities{Capability::kProfile, Capability::kOrders,
                                       Capability::kIdentityScan},
            0ms);
        fake->data.profile.emplace();
        fake->identities = {{"C1", {Email("jane.doe@example.com")}, "Jane Doe", ""}};
        return fake;
      });
  omnihub::hub::HubConfig config;
  config.grpc_listen = {"127.0.0.1", 0};
  config.admin_listen = {"127.0.0.1", 0};
  config.survivorship = {{"*", {"erp"}}};
  config.adapters.push_back({"erp", "fake", {}, "bench"});
  config.event_endpoints = {(*publisher)->endpoint()};
  auto hub = omnihub::hub::Hub::Create(config, registry);
  if (!hub.ok() || !(*hub)->Start().ok()) return state.SkipWithError("cannot start the hub");
  auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string((*hub)->grpc_port()),
                                     grpc::InsecureChannelCredentials());

  // A cached view for the changes to invalidate.
  {
    omnihub::v1::GetCustomer360Request request;
    *request.mutable_customer()->mutable_identifier() = Email("jane.doe@example.com");
    omnihub::v1::Customer360 response;
    grpc::ClientContext context;
    (void)omnihub::v1::CustomerService::NewStub(channel)->GetCustomer360(&context, request,
                                                                         &response);
  }

  omnihub::v1::WatchEventsRequest request;
  *request.mutable_customer()->mutable_identifier() = Email("jane.doe@example.com");
  grpc::ClientContext context;
  auto reader = omnihub::v1::EventService::NewStub(channel)->WatchEvents(&context, request);

  // PUB/SUB and the stream join asynchronously: publish until the first change arrives.
  std::atomic<bool> joined{false};
  std::thread prober([&] {
    for (int n = 0; n < 200 && !joined; ++n) {
      (void)(*publisher)->Publish(Change("probe-" + std::to_string(n)));
      std::this_thread::sleep_for(25ms);
    }
  });
  omnihub::v1::Event event;
  const bool first = reader->Read(&event);
  joined = true;
  prober.join();
  if (!first) return state.SkipWithError("no event reached the subscriber");
  // Drain the probes still in flight.
  std::this_thread::sleep_for(100ms);
  (void)(*publisher)->Publish(Change("drained"));
  while (reader->Read(&event) && event.event_id() != "erp:drained") {
  }

  std::vector<double> micros;
  micros.reserve(state.max_iterations);
  int64_t n = 0;
  for (auto _ : state) {
    const std::string id = "change-" + std::to_string(n++);
    const auto start = std::chrono::steady_clock::now();
    (void)(*publisher)->Publish(Change(id));
    bool read = false;
    while ((read = reader->Read(&event)) && event.event_id() != "erp:" + id) {
    }
    const auto elapsed = std::chrono::steady_clock::now() - start;
    if (!read) return state.SkipWithError("the stream ended");
    state.SetIterationTime(std::chrono::duration<double>(elapsed).count());
    micros.push_back(std::chrono::duration<double, std::micro>(elapsed).count());
  }
  std::sort(micros.begin(), micros.end());
  const auto at = [&](double q) {
    return micros[std::min(micros.size() - 1, static_cast<size_t>(q * micros.size()))];
  };
  state.counters["p50_us"] = at(0.50);
  state.counters["p99_us"] = at(0.99);
  state.counters["max_us"] = micros.back();
  context.TryCancel();
  (*hub)->Shutdown(1s);
}
BENCHMARK(BM_ChangeToWatchEventsSubscriber)
    ->UseManualTime()
    ->Iterations(2000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
