// ecommerce-sim: the web shop's admin REST/JSON API over a generated world (see README.md).
#include <google/protobuf/util/time_util.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>

#include "adapters/events/change_publisher.h"
#include "tools/simulators/ecommerce/server.h"
#include "tools/simulators/http/serving.h"
#include "tools/simulators/world/world.h"

namespace po = boost::program_options;
using namespace omnihub::ecommerce_sim;

int main(int argc, char** argv) {
  std::string listen = "127.0.0.1:8081";
  std::string ready_file;
  std::string api_key_env;
  std::string publish_changes;
  std::string system_name = "ecommerce";
  uint64_t seed = 42;
  int customers = 1000;
  int threads = 1;
  ApiOptions api;
  ServerOptions server_options;
  po::options_description description("ecommerce-sim options");
  description.add_options()("help", "this help")(
      "listen", po::value(&listen)->default_value(listen), "HOST:PORT to listen on (port 0: any)")(
      "ready-file", po::value(&ready_file), "write ecommerce=HOST:PORT here once listening")(
      "seed", po::value(&seed)->default_value(seed), "world seed")(
      "customers", po::value(&customers)->default_value(customers), "world size (people)")(
      "api-key", po::value(&api.api_key),
      "require this X-Api-Key (visible in ps: prefer --api-key-env)")(
      "api-key-env", po::value(&api_key_env),
      "require the X-Api-Key held by this environment variable")(
      "rate-limit-every", po::value(&api.rate_limit_every)->default_value(0),
      "answer every N-th request to a path 429 with Retry-After (0: never)")(
      "retry-after-s", po::value(&api.retry_after_s)->default_value(1), "Retry-After of a 429")(
      "error-rate", po::value(&api.error_rate)->default_value(0.0),
      "share (0..1) of requests answered 503")(
      "garbage-rate", po::value(&api.garbage_rate)->default_value(0.0),
      "share (0..1) of successful GETs answered with a truncated JSON body")(
      "slow-ms", po::value(&server_options.slow_ms)->default_value(0), "delay every response (ms)")(
      "threads", po::value(&threads)->default_value(threads), "I/O threads (1..16)")(
      "publish-changes", po::value(&publish_changes),
      "publish change events (a note added, a customer created or changed) to this ZeroMQ "
      "endpoint, e.g. the frontend of "
      "omnihub-event-forwarder")("system-name", po::value(&system_name)->default_value(system_name),
                                 "the system name change events carry (the hub's adapter name)");
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
    if (api.rate_limit_every < 0)
      throw std::runtime_error("--rate-limit-every must not be negative");
    if (api.retry_after_s < 0) throw std::runtime_error("--retry-after-s must not be negative");
    for (double rate : {api.error_rate, api.garbage_rate}) {
      if (!(rate >= 0 && rate <= 1)) throw std::runtime_error("rates must be within 0..1");
    }
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
    std::cerr << "ecommerce-sim: " << error.what() << "\n";
    return 2;
  }

  try {
    auto world = std::make_shared<const omnihub::world::World>(
        omnihub::world::Generate({.seed = seed, .customers = customers}));
    auto shop = std::make_shared<Shop>(world);
    std::unique_ptr<omnihub::events::ChangePublisher> publisher;
    if (!publish_changes.empty()) {
      auto created = omnihub::events::ChangePublisher::Create({publish_changes, /*bind=*/false});
      if (!created.ok()) throw std::runtime_error(std::string(created.status().message()));
      publisher = *std::move(created);
      // The shop's change feed: every note added through the API, as a NOTE_ADDED change.
      api.on_note_added = [&publisher, system_name](const std::string& customer_id,
                                                    const Note& note) {
        omnihub::events::BackendChange change;
        change.set_event_id("note-" + note.id);
        change.set_type(omnihub::v1::EVENT_TYPE_NOTE_ADDED);
        *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
        change.set_system(system_name);
        change.set_account_id(customer_id);
        change.set_subject(note.order_number.empty() ? note.id : note.order_number);
        change.set_detail(note.body.substr(0, 200));
        change.add_affected_sections(omnihub::v1::SECTION_CONTACTS);
        if (auto status = publisher->Publish(change); !status.ok()) {
          std::cerr << "ecommerce-sim: change event not published: " << status.message() << "\n";
        }
      };
      // Every customer created or changed through the API, as a CUSTOMER_CHANGED change: the
      // hub reads the account again and updates its identity index.
      api.on_customer_changed = [&publisher, system_name](
                                    const omnihub::world::EcomCustomer& customer, bool is_new) {
        static std::atomic<uint64_t> serial{0};
        omnihub::events::BackendChange change;
        change.set_event_id("customer-" + customer.id + "-" + std::to_string(++serial));
        change.set_type(omnihub::v1::EVENT_TYPE_CUSTOMER_CHANGED);
        *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::GetCurrentTime();
        change.set_system(system_name);
        change.set_account_id(customer.id);
        change.set_subject(customer.id);
        change.set_detail(is_new ? "customer created" : "customer changed");
        change.add_affected_sections(omnihub::v1::SECTION_PROFILE);
        if (auto status = publisher->Publish(change); !status.ok()) {
          std::cerr << "ecommerce-sim: change event not published: " << status.message() << "\n";
        }
      };
    }
    boost::asio::io_context io;
    Server server(io, std::make_shared<ShopApi>(shop, api), server_options);
    server.Start();
    const std::string address = omnihub::sim_http::Address(server);
    omnihub::sim_http::WriteReadyFile(ready_file, "ecommerce", address);
    std::cerr << "ecommerce-sim: listening on http://" << address << " ("
              << world->ecom_customers.size() << " customers, " << world->ecom_orders.size()
              << " orders" << (api.api_key.empty() ? "" : ", API key required") << ")\n";
    omnihub::sim_http::ServeUntilSignalled(io, server, threads);
  } catch (const std::exception& error) {
    std::cerr << "ecommerce-sim: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
