// The hub's own cost per call: GetCustomer360 through a Hub whose five adapters answer at once
// (no backend latency), against a bare callback-API gRPC server of the same proto returning a
// pre-built answer of the same shape. The difference is what identity resolution, fan-out and
// merge add to a call.
//
//   build-release/tools/bench/hub_overhead_bench --benchmark_min_time=2
#include <benchmark/benchmark.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>

#include "adapters/sdk/testing/fake_adapter.h"
#include "google/protobuf/util/time_util.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"

namespace {

using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;
using namespace std::chrono_literals;

const char* const kSystems[] = {"erp", "ecommerce", "mainframe", "payment", "pos"};

// A plausible answer of one system: a profile, 5 orders of 3 lines, 5 contacts, 2 payments.
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

class HubFixture {
 public:
  HubFixture() {
    omnihub::hub::HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "ecommerce", "mainframe"}}};
    for (const char* system : kSystems) config.adapters.push_back({system, "instant", {}, "bench"});
    (void)registry_.Register(
        "instant",
        [](const omnihub::sdk::AdapterConfig& adapter_config,
           const omnihub::sdk::AdapterEnvironment& environment)
            -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
          auto fake = std::make_unique<FakeAdapter>(
              environment.executor, adapter_config.system,
              omnihub::sdk::Capabilities{Capability::kProfile, Capability::kOrders,
                                         Capability::kContacts, Capability::kPayments,
                                         Capability::kIdentityScan},
              0ms);
          omnihub::v1::Identifier email;
          email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
          email.set_value("jane.doe@example.com");
          fake->identities = {{"A1", {email}, "Jane Doe", "LS1 4AB"}};
          FillSourceData(adapter_config.system, fake->data);
          return fake;
        });
    hub_ = *omnihub::hub::Hub::Create(config, registry_);
    (void)hub_->Start();
    stub_ = omnihub::v1::CustomerService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(hub_->grpc_port()), grpc::InsecureChannelCredentials()));
  }
  omnihub::v1::CustomerService::Stub& stub() { return *stub_; }

 private:
  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<omnihub::hub::Hub> hub_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> stub_;
};

// Returns the same pre-built Customer 360 to every call.
class BareService final : public omnihub::v1::CustomerService::CallbackService {
 public:
  explicit BareService(omnihub::v1::Customer360 answer) : answer_(std::move(answer)) {}
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

omnihub::v1::GetCustomer360Request JaneRequest() {
  omnihub::v1::GetCustomer360Request request;
  request.mutable_customer()->mutable_identifier()->set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  request.mutable_customer()->mutable_identifier()->set_value("Jane.Doe@Example.com");
  return request;
}

HubFixture& Hub() {
  static HubFixture* fixture = new HubFixture();
  return *fixture;
}

void BM_Hub_GetCustomer360(benchmark::State& state) {
  auto request = JaneRequest();
  size_t bytes = 0;
  for (auto _ : state) {
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    auto status = Hub().stub().GetCustomer360(&context, request, &view);
    if (!status.ok()) {
      state.SkipWithError(status.error_message().c_str());
      break;
    }
    bytes = view.ByteSizeLong();
  }
  state.counters["response_bytes"] = static_cast<double>(bytes);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Hub_GetCustomer360)->UseRealTime();

void BM_BareServer_GetCustomer360(benchmark::State& state) {
  // The same answer the hub gives, so both sides serialise the same bytes.
  omnihub::v1::Customer360 answer;
  {
    grpc::ClientContext context;
    (void)Hub().stub().GetCustomer360(&context, JaneRequest(), &answer);
  }
  static BareService* service = new BareService(answer);
  static std::unique_ptr<grpc::Server> server;
  static int port = 0;
  if (!server) {
    grpc::ServerBuilder builder;
    builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
    builder.RegisterService(service);
    server = builder.BuildAndStart();
  }
  auto stub = omnihub::v1::CustomerService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  auto request = JaneRequest();
  for (auto _ : state) {
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    auto status = stub->GetCustomer360(&context, request, &view);
    if (!status.ok()) {
      state.SkipWithError(status.error_message().c_str());
      break;
    }
  }
  state.counters["response_bytes"] = static_cast<double>(answer.ByteSizeLong());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BareServer_GetCustomer360)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
