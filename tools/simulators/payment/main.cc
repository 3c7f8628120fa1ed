// payment-sim: the payment gateway's and fraud engine's XML-over-HTTP API over a generated world
// (see README.md).
#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "adapters/events/change_publisher.h"
#include "google/protobuf/util/time_util.h"
#include "tools/simulators/http/serving.h"
#include "tools/simulators/payment/server.h"
#include "tools/simulators/world/world.h"

namespace po = boost::program_options;
using namespace omnihub::payment_sim;

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:8082";
  std::string ready_file;
  std::string api_key_env;
  std::string fault = "none";
  uint64_t seed = 42;
  int customers = 1000;
  int threads = 1;
  std::string publish_changes;
  std::string system_name = "payment";
  ApiOptions api;
  ServerOptions server_options;
  po::options_description description("payment-sim options");
  description.add_options()("help", "this help")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0: any)")(
      "ready-file", po::value(&ready_file), "write payment=HOST:PORT here once listening")(
      "seed", po::value(&seed)->default_value(seed), "world seed")(
      "customers", po::value(&customers)->default_value(customers), "world size (people)")(
      "api-key", po::value(&api.api_key),
      "require this X-Merchant-Key (visible in ps: prefer --api-key-env)")(
      "api-key-env", po::value(&api_key_env),
      "require the X-Merchant-Key held by this environment variable")(
      "rate-limit-every", po::value(&api.rate_limit_every)->default_value(0),
      "answer every N-th request to a path 429 with Retry-After (0: never)")(
      "retry-after-s", po::value(&api.retry_after_s)->default_value(1), "Retry-After of a 429")(
      "error-rate", po::value(&api.error_rate)->default_value(0.0),
      "share (0..1) of requests answered 503")(
      "fault", po::value(&fault)->default_value(fault),
      "faulty answers: none, truncated, wrong-content-type, malformed, xml-bomb, "
      "external-entity, deep-nesting, oversized, result-96")(
      "fault-rate", po::value(&api.fault_rate)->default_value(1.0),
      "share (0..1) of successful answers replaced by --fault")(
      "fraud-unavailable", po::bool_switch(&api.fraud_unavailable),
      "the fraud engine answers 503 while payments work")(
      "slow-ms", po::value(&server_options.slow_ms)->default_value(0), "delay every response (ms)")(
      "threads", po::value(&threads)->default_value(threads), "I/O threads (1..16)")(
      "publish-changes", po::value(&publish_changes),
      "publish a change event for every approved refund (REFUND_COMPLETED) to this ZeroMQ "
      "endpoint (an event forwarder's frontend, e.g. tcp://127.0.0.1:5570)")(
      "system-name", po::value(&system_name)->default_value(system_name),
      "the system name the change events carry (the hub's adapter name)");
  try {
    po::variables_map vm;
    po::store(po::parse_command_line(argc, argv, description), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << description << "\n";
      return 0;
    }
    omnihub::sim_http::ApplyListen(listen, server_options);
    if (customers < 1) throw std::runtime_error("--customers must be at least 1");
    if (threads < 1 || threads > 16) throw std::runtime_error("--threads must be within 1..16");
    if (server_options.slow_ms < 0) throw std::runtime_error("--slow-ms must not be negative");
    if (api.rate_limit_every < 0) {
      throw std::runtime_error("--rate-limit-every must not be negative");
    }
    if (api.retry_after_s < 0) throw std::runtime_error("--retry-after-s must not be negative");
    for (double rate : {api.error_rate, api.fault_rate}) {
      if (!(rate >= 0 && rate <= 1)) throw std::runtime_error("rates must be within 0..1");
    }
    const auto parsed = ParseFault(fault);
    if (!parsed) throw std::runtime_error("--fault: unknown fault '" + fault + "'");
    api.fault = *parsed;
    if (!api_key_env.empty()) {
      const char* value = std::getenv(api_key_env.c_str());
      if (value == nullptr || *value == '\0') {
        throw std::runtime_error("--api-key-env: environment variable " + api_key_env +
                                 " is not set");
      }
      api.api_key = value;
    }
    api.seed = seed;
  } catch (const std::exception& error) {
    std::cerr << "payment-sim: " << error.what() << "\n";
    return 2;
  }

  try {
    auto world = std::make_shared<const omnihub::world::World>(
        omnihub::world::Generate({.seed = seed, .customers = customers}));
    auto gateway = std::make_shared<Gateway>(world);
    std::unique_ptr<omnihub::events::ChangePublisher> publisher;
    if (!publish_changes.empty()) {
      auto created = omnihub::events::ChangePublisher::Create({publish_changes, /*bind=*/false});
      if (!created.ok()) throw std::runtime_error(std::string(created.status().message()));
      publisher = *std::move(created);
      // The gateway's change feed: every approved refund (a replay is not a new refund).
      api.on_refund_completed = [&publisher, system_name](const RefundOutcome& refund) {
        omnihub::events::BackendChange change;
        change.set_event_id("refund-" + refund.refund_reference);
        change.set_type(omnihub::v1::EVENT_TYPE_REFUND_COMPLETED);
        *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
        change.set_system(system_name);
        change.set_account_id(refund.shopper_reference);
        change.set_subject(refund.order);
        change.set_detail("refund " + refund.refund_reference + " of " +
                          std::to_string(refund.amount_minor) + " minor units " + refund.currency +
                          " (" + refund.merchant_reference + ")");
        change.add_affected_sections(omnihub::v1::SECTION_PAYMENTS);
        if (auto status = publisher->Publish(change); !status.ok()) {
          std::cerr << "payment-sim: change event not published: " << status.message() << "\n";
        }
      };
    }
    boost::asio::io_context io;
    Server server(io, std::make_shared<PaymentApi>(gateway, api), server_options);
    server.Start();
    const std::string address = omnihub::sim_http::Address(server);
    omnihub::sim_http::WriteReadyFile(ready_file, "payment", address);
    std::cerr << "payment-sim: listening on http://" << address << " ("
              << gateway->Shoppers().size() << " shoppers, " << world->payments.size()
              << " transactions" << (api.api_key.empty() ? "" : ", merchant key required")
              << (api.fault == Fault::kNone ? "" : ", fault " + fault) << ")\n";
    omnihub::sim_http::ServeUntilSignalled(io, server, threads);
  } catch (const std::exception& error) {
    std::cerr << "payment-sim: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
