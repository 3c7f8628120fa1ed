// What a cache hit costs. A Hub whose five adapters answer at once, its aggregate cache warm,
// against bare callback-API gRPC servers of the same proto that return the same pre-built Customer
// 360 in three representations:
//   copy   - a kept message copied into the reply (gRPC serialises it per call);
//   bytes  - bytes serialised once, sent as a grpc::ByteBuffer through the raw callback method
//            (no per-call serialisation);
//   arena  - the reply allocated on a per-call protobuf arena (MessageAllocator), kept message
//            copied into it.
// BM_Reply_* measure the server's work per reply alone; BM_ColdHub_Slowest60ms a call whose every
// section is fetched from backends answering after 60, 25, 15, 20 and 5 ms.
//
//   build-cache/tools/bench/cache_bench --benchmark_min_time=1 --benchmark_repetitions=3
//   (add --benchmark_report_aggregates_only=true for medians only)
//
// With --rounds=N (N >= 1) it instead alternates, round by round, 2000 calls to the cached hub and
// 2000 to the bare "copy" server (and 2000 more to the same bare server: the noise figure), then
// prints calls/s and p50/p99 latency of each and the ratios (one synchronous client).
//
// With --serve=DIR it only serves, for an outside load generator (tools/bench/cache_h2load.sh
// drives h2load against it): the warm hub and the bare "copy" and "bytes" servers on free ports,
// written to DIR/ports as hub=PORT, copy=PORT, bytes=PORT, and the demo customer's request as a
// gRPC-framed body in DIR/request.grpc; it serves until its standard input closes.
#include <benchmark/benchmark.h>
#include <google/protobuf/arena.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <grpcpp/support/message_allocator.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "adapters/sdk/testing/fake_adapter.h"
#include "google/protobuf/util/time_util.h"
#include "hub/cache/aggregate_cache.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"

namespace {

using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;
using namespace std::chrono_literals;

const char* const kSystems[] = {"erp", "ecommerce", "mainframe", "payment", "pos"};

// A plausible answer of one system: a profile, 5 orders of 3 lines, 5 contacts, 2 payments (the
// same shape as hub_overhead_bench).
void FillSourceData(const std::string& system, omnihub::sdk::SourceData& data) {
  data.profile.emplace();
  data.profile->set_display_name("Jane Doe");
  data.profile->set_email("jane.doe@example.com");
  for (int i = 0; i < 5; ++i) {
    omnihub::v1::Order order;
    order.set_order_number(system + "-" + std::to_string(i));
    order.set_source_system(system);
    *order.mutable_placed_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(i * 1000);
    for (int line = 0; line < 3; ++line) {
      auto* entry = order.add_lines();
      entry->set_sku("SKU-" + std::to_string(line));
      entry->set_description("Cotton shirt, blue, size M");
      entry->set_quantity(1);
      entry->mutable_unit_price()->set_currency_code("GBP");
      entry->mutable_unit_price()->set_amount_minor(2999);
    }
    data.orders.push_back(order);
    omnihub::v1::Contact contact;
    contact.set_summary("CUSTOMER CALLED ABOUT DELIVERY, ADVISED 2 DAYS");
    contact.set_source_system(system);
    data.contacts.push_back(contact);
  }
  for (int i = 0; i < 2; ++i) {
    omnihub::v1::Payment payment;
    payment.set_payment_ref("PSP" + std::to_string(i));
    payment.mutable_captured()->set_currency_code("GBP");
    payment.mutable_captured()->set_amount_minor(8997);
    payment.set_source_system(system);
    data.payments.push_back(payment);
  }
}

omnihub::v1::GetCustomer360Request JaneRequest() {
  omnihub::v1::GetCustomer360Request request;
  request.mutable_customer()->mutable_identifier()->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  request.mutable_customer()->mutable_identifier()->set_value("Jane.Doe@Example.com");
  return request;
}

std::unique_ptr<omnihub::v1::CustomerService::Stub> StubFor(int port) {
  return omnihub::v1::CustomerService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
}

// A Hub over five adapters that answer after `latency` of their system (none: at once), with the
// aggregate cache on (a long TTL, so every call after the first is a hit unless invalidated).
class CachedHub {
 public:
  explicit CachedHub(std::map<std::string, std::chrono::milliseconds> latency = {}) {
    omnihub::hub::HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "ecommerce", "mainframe"}}};
    config.cache.default_ttl = std::chrono::hours(1);
    for (const char* system : kSystems) config.adapters.push_back({system, "instant", {}, "bench"});
    (void)registry_.Register(
        "instant",
        [latency](const omnihub::sdk::AdapterConfig& adapter_config,
                  const omnihub::sdk::AdapterEnvironment& environment)
            -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
          auto it = latency.find(adapter_config.system);
          auto fake = std::make_unique<FakeAdapter>(
              environment.executor, adapter_config.system,
              omnihub::sdk::Capabilities{Capability::kProfile, Capability::kOrders,
                                         Capability::kContacts, Capability::kPayments,
                                         Capability::kIdentityScan},
              it == latency.end() ? 0ms : it->second);
          omnihub::v1::Identifier email;
          email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
          email.set_value("jane.doe@example.com");
          fake->identities = {{"A1", {email}, "Jane Doe", "LS1 4AB"}};
          FillSourceData(adapter_config.system, fake->data);
          return fake;
        });
    hub_ = *omnihub::hub::Hub::Create(config, registry_);
    (void)hub_->Start();
    stub_ = StubFor(hub_->grpc_port());
    grpc::ClientContext context;
    (void)stub_->GetCustomer360(&context, JaneRequest(), &answer_);  // warms the cache
  }
  omnihub::v1::CustomerService::Stub& stub() { return *stub_; }
  const omnihub::v1::Customer360& answer() const { return answer_; }
  int port() const { return hub_->grpc_port(); }
  // Forgets everything held about the demo customer: the next call is cold.
  void Forget() { hub_->cache()->InvalidateCustomer(answer_.customer().customer_id()); }

 private:
  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<omnihub::hub::Hub> hub_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> stub_;
  omnihub::v1::Customer360 answer_;
};

CachedHub& Hub() {
  static CachedHub* hub = new CachedHub();
  return *hub;
}

// (a) A kept message copied into the reply.
class CopyService final : public omnihub::v1::CustomerService::CallbackService {
 public:
  explicit CopyService(omnihub::v1::Customer360 answer) : answer_(std::move(answer)) {}
  grpc::ServerUnaryReactor* GetCustomer360(grpc::CallbackServerContext* context,
                                           const omnihub::v1::GetCustomer360Request*,
                                           omnihub::v1::Customer360* response) override {
    *response = answer_;
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  omnihub::v1::Customer360 answer_;
};

// (b) Bytes serialised once; each reply shares them (a slice reference, no copy).
class BytesService final
    : public omnihub::v1::CustomerService::WithRawCallbackMethod_GetCustomer360<
          omnihub::v1::CustomerService::CallbackService> {
 public:
  explicit BytesService(const omnihub::v1::Customer360& answer)
      : bytes_(answer.SerializeAsString()) {}
  grpc::ServerUnaryReactor* GetCustomer360(grpc::CallbackServerContext* context,
                                           const grpc::ByteBuffer*,
                                           grpc::ByteBuffer* response) override {
    grpc::Slice slice = bytes_;  // a reference, not a copy
    grpc::ByteBuffer buffer(&slice, 1);
    response->Swap(&buffer);
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  grpc::Slice bytes_;
};

// (c) The reply on a per-call arena.
class ArenaAllocator final
    : public grpc::MessageAllocator<omnihub::v1::GetCustomer360Request, omnihub::v1::Customer360> {
 public:
  class Holder final
      : public grpc::MessageHolder<omnihub::v1::GetCustomer360Request, omnihub::v1::Customer360> {
   public:
    Holder() {
      set_request(
          google::protobuf::Arena::CreateMessage<omnihub::v1::GetCustomer360Request>(&arena_));
      set_response(google::protobuf::Arena::CreateMessage<omnihub::v1::Customer360>(&arena_));
    }
    void Release() override { delete this; }

   private:
    google::protobuf::Arena arena_;
  };
  grpc::MessageHolder<omnihub::v1::GetCustomer360Request, omnihub::v1::Customer360>*
  AllocateMessages() override {
    return new Holder();
  }
};

class ArenaService final : public omnihub::v1::CustomerService::CallbackService {
 public:
  explicit ArenaService(omnihub::v1::Customer360 answer) : answer_(std::move(answer)) {
    SetMessageAllocatorFor_GetCustomer360(&allocator_);
  }
  grpc::ServerUnaryReactor* GetCustomer360(grpc::CallbackServerContext* context,
                                           const omnihub::v1::GetCustomer360Request*,
                                           omnihub::v1::Customer360* response) override {
    response->CopyFrom(answer_);
    auto* reactor = context->DefaultReactor();
    reactor->Finish(grpc::Status::OK);
    return reactor;
  }

 private:
  ArenaAllocator allocator_;
  omnihub::v1::Customer360 answer_;
};

// Starts `service` on an ephemeral loopback port; both live for the whole program.
int Serve(grpc::Service* service) {
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(service);
  new std::unique_ptr<grpc::Server>(builder.BuildAndStart());
  return port;
}

int CopyPort() {
  static int port = Serve(new CopyService(Hub().answer()));
  return port;
}
int BytesPort() {
  static int port = Serve(new BytesService(Hub().answer()));
  return port;
}
int ArenaPort() {
  static int port = Serve(new ArenaService(Hub().answer()));
  return port;
}

void Calls(benchmark::State& state, omnihub::v1::CustomerService::Stub& stub) {
  auto request = JaneRequest();
  size_t bytes = 0;
  for (auto _ : state) {
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    auto status = stub.GetCustomer360(&context, request, &view);
    if (!status.ok()) {
      state.SkipWithError(status.error_message().c_str());
      break;
    }
    bytes = view.ByteSizeLong();
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations());
}

void BM_CachedHub(benchmark::State& state) { Calls(state, Hub().stub()); }
BENCHMARK(BM_CachedHub)->UseRealTime();

// A cold call: every section fetched from five backends answering after 60, 25, 15, 20 and 5 ms
// (the latencies of config/hubd.xml's simulated systems); compare with the slowest, 60 ms.
void BM_ColdHub_Slowest60ms(benchmark::State& state) {
  static CachedHub* hub = new CachedHub(
      {{"mainframe", 60ms}, {"erp", 25ms}, {"ecommerce", 15ms}, {"payment", 20ms}, {"pos", 5ms}});
  auto request = JaneRequest();
  for (auto _ : state) {
    state.PauseTiming();
    hub->Forget();
    state.ResumeTiming();
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    auto status = hub->stub().GetCustomer360(&context, request, &view);
    if (!status.ok()) {
      state.SkipWithError(status.error_message().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ColdHub_Slowest60ms)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_Bare_Copy(benchmark::State& state) {
  static auto stub = StubFor(CopyPort());
  Calls(state, *stub);
}
BENCHMARK(BM_Bare_Copy)->UseRealTime();

void BM_Bare_Bytes(benchmark::State& state) {
  static auto stub = StubFor(BytesPort());
  Calls(state, *stub);
}
BENCHMARK(BM_Bare_Bytes)->UseRealTime();

void BM_Bare_Arena(benchmark::State& state) {
  static auto stub = StubFor(ArenaPort());
  Calls(state, *stub);
}
BENCHMARK(BM_Bare_Arena)->UseRealTime();

// Server-side work alone (no gRPC): what each representation does per reply.
void BM_Reply_Copy(benchmark::State& state) {
  const auto& answer = Hub().answer();
  for (auto _ : state) {
    omnihub::v1::Customer360 reply;
    reply = answer;
    std::string wire = reply.SerializeAsString();
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_Reply_Copy);

void BM_Reply_Bytes(benchmark::State& state) {
  grpc::Slice bytes(Hub().answer().SerializeAsString());
  for (auto _ : state) {
    grpc::Slice slice = bytes;
    grpc::ByteBuffer buffer(&slice, 1);
    benchmark::DoNotOptimize(buffer);
  }
}
BENCHMARK(BM_Reply_Bytes);

void BM_Reply_Arena(benchmark::State& state) {
  const auto& answer = Hub().answer();
  for (auto _ : state) {
    google::protobuf::Arena arena;
    auto* reply = google::protobuf::Arena::CreateMessage<omnihub::v1::Customer360>(&arena);
    reply->CopyFrom(answer);
    std::string wire = reply->SerializeAsString();
    benchmark::DoNotOptimize(wire);
  }
}
BENCHMARK(BM_Reply_Arena);

// --rounds=N: the hub and the bare server alternated round by round.
struct Sample {
  std::vector<double> micros;
  double seconds = 0;
};

void Round(omnihub::v1::CustomerService::Stub& stub, int calls, Sample& sample) {
  auto request = JaneRequest();
  for (int i = 0; i < calls; ++i) {
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    const auto started = std::chrono::steady_clock::now();
    auto status = stub.GetCustomer360(&context, request, &view);
    const double elapsed =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!status.ok()) {
      std::fprintf(stderr, "call failed: %s\n", status.error_message().c_str());
      std::exit(1);
    }
    sample.micros.push_back(elapsed * 1e6);
    sample.seconds += elapsed;
  }
}

double Percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  return values[static_cast<size_t>(p * static_cast<double>(values.size() - 1))];
}

int Alternate(int rounds) {
  constexpr int kCalls = 2000;
  auto bare = StubFor(CopyPort());
  auto bare_again = StubFor(CopyPort());
  Sample hub, bare_a, bare_b;
  Round(Hub().stub(), 200, hub);  // warm-up, discarded
  Round(*bare, 200, bare_a);
  Round(*bare_again, 200, bare_b);
  hub = {}, bare_a = {}, bare_b = {};
  for (int round = 0; round < rounds; ++round) {
    Round(Hub().stub(), kCalls, hub);
    Round(*bare, kCalls, bare_a);
    Round(*bare_again, kCalls, bare_b);
  }
  auto report = [](const char* name, const Sample& sample) {
    std::printf("%-22s %9.0f calls/s  p50 %7.1f us  p99 %7.1f us\n", name,
                static_cast<double>(sample.micros.size()) / sample.seconds,
                Percentile(sample.micros, 0.50), Percentile(sample.micros, 0.99));
  };
  std::printf("%d rounds of %d calls each, one synchronous client, %zu-byte answer\n", rounds,
              kCalls, Hub().answer().ByteSizeLong());
  report("cached hub", hub);
  report("bare server", bare_a);
  report("bare server again", bare_b);
  const double hub_rate = static_cast<double>(hub.micros.size()) / hub.seconds;
  const double bare_rate = static_cast<double>(bare_a.micros.size()) / bare_a.seconds;
  const double again_rate = static_cast<double>(bare_b.micros.size()) / bare_b.seconds;
  std::printf("throughput ratio hub/bare %.2f (noise: bare/bare %.2f)\n", hub_rate / bare_rate,
              again_rate / bare_rate);
  return 0;
}

// --serve=DIR: see the banner.
int ServeForLoadGenerator(const std::string& dir) {
  const int hub_port = Hub().port();
  const int copy_port = CopyPort();
  const int bytes_port = BytesPort();
  const std::string request = JaneRequest().SerializeAsString();
  std::string framed(5, '\0');
  const auto length = static_cast<uint32_t>(request.size());
  for (int i = 0; i < 4; ++i) framed[1 + i] = static_cast<char>((length >> (8 * (3 - i))) & 0xff);
  framed += request;
  std::ofstream(dir + "/request.grpc", std::ios::binary) << framed;
  {
    std::ofstream ports(dir + "/ports.tmp");
    ports << "hub=" << hub_port << "\ncopy=" << copy_port << "\nbytes=" << bytes_port
          << "\nanswer_bytes=" << Hub().answer().ByteSizeLong() << "\n";
  }
  if (std::rename((dir + "/ports.tmp").c_str(), (dir + "/ports").c_str()) != 0) {
    std::fprintf(stderr, "cannot write %s/ports\n", dir.c_str());
    return 1;
  }
  std::string line;
  while (std::getline(std::cin, line)) {
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--serve=", 8) == 0) return ServeForLoadGenerator(argv[i] + 8);
    if (std::strncmp(argv[i], "--rounds=", 9) == 0) {
      const int rounds = std::atoi(argv[i] + 9);
      if (rounds < 1 || rounds > 1000) {
        std::fprintf(stderr, "--rounds must be between 1 and 1000\n");
        return 2;
      }
      return Alternate(rounds);
    }
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
