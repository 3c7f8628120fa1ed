// http_xml_bench: the http-xml connector fetching the demo customer's payments (her transactions,
// then the fraud assessment of each of her 3 orders in parallel: 4 HTTP requests per fetch, XML
// read through adapters/xml and mapped by XPath) from the payment simulator running in this
// process (its own io thread; the connector's client on another), with keep-alive connections and
// with a new connection per request. Reports p50/p99 latency per fetch and fetches/s and HTTP
// requests/s, one fetch at a time and 16 in flight; and the cost of reading and mapping one
// answer (3 transactions) without HTTP.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <condition_variable>
#include <future>
#include <mutex>
#include <thread>

#include "adapters/http_xml/http_xml_adapter.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/xml_mapper.h"
#include "tools/simulators/http/background_server.h"
#include "tools/simulators/payment/representation.h"
#include "tools/simulators/payment/server.h"

namespace {

using namespace omnihub;
namespace asio = boost::asio;

struct Fixture {
  Fixture()
      : gateway(std::make_shared<payment_sim::Gateway>(std::make_shared<const world::World>(
            world::Generate({.seed = 42, .customers = 1000})))),
        server([this](asio::io_context& io) {
          return std::make_unique<payment_sim::Server>(
              io, std::make_shared<payment_sim::PaymentApi>(gateway, payment_sim::ApiOptions{}),
              payment_sim::ServerOptions{.port = 0});
        }),
        guard(client_io.get_executor()) {
    client_thread = std::thread([this] { client_io.run(); });
    auto compiled =
        mapping::engine::CompileMappingFile(OMNIHUB_MAPPINGS_DIR "/systems/payment.xml");
    if (!compiled.ok()) throw std::runtime_error("mapping does not compile");
    mapping = compiled.system;
  }
  ~Fixture() {
    guard.reset();
    client_io.stop();
    client_thread.join();
  }

  std::unique_ptr<sdk::Adapter> Adapter(bool keep_alive) {
    http::HttpClientOptions options;
    options.base_url = server.url();
    options.pool.max_connections = 16;
    // An idle connection older than zero is never reused: one new connection per request.
    if (!keep_alive) options.pool.idle_timeout = std::chrono::seconds(0);
    auto backend = std::make_shared<http_xml::Backend>();
    backend->system = "payment";
    backend->mapping = mapping;
    backend->client = *http::HttpClient::Create(client_io.get_executor(), options);
    return std::make_unique<http_xml::HttpXmlAdapter>(std::move(backend));
  }

  std::shared_ptr<payment_sim::Gateway> gateway;
  sim_http::BackgroundServer server;
  asio::io_context client_io;
  asio::executor_work_guard<asio::io_context::executor_type> guard;
  std::thread client_thread;
  std::shared_ptr<const mapping::engine::CompiledSystem> mapping;
};

Fixture& Shared() {
  static auto* fixture = new Fixture();
  return *fixture;
}

sdk::FetchRequest DemoRequest() {
  sdk::FetchRequest request;
  request.account_ids = {"6108000123"};
  request.sections = {v1::SECTION_PAYMENTS};
  return request;
}

void Percentiles(benchmark::State& state, std::vector<double>& micros, size_t fetches) {
  std::sort(micros.begin(), micros.end());
  if (micros.empty()) return;
  state.counters["p50_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
  state.counters["fetches_per_s"] =
      benchmark::Counter(static_cast<double>(fetches), benchmark::Counter::kIsRate);
  state.counters["http_requests_per_s"] =
      benchmark::Counter(static_cast<double>(fetches * 4), benchmark::Counter::kIsRate);
}

// One fetch at a time: latency.
void BM_FetchDemoCustomer(benchmark::State& state) {
  auto adapter = Shared().Adapter(state.range(0) != 0);
  const auto request = DemoRequest();
  std::vector<double> micros;
  size_t failures = 0;
  for (auto _ : state) {
    const auto started = std::chrono::steady_clock::now();
    std::promise<bool> done;
    adapter->Fetch(
        request, sdk::CallContext::WithTimeout(std::chrono::seconds(5)),
        [&](absl::StatusOr<sdk::SourceData> data) {
          done.set_value(data.ok() && data->payments.size() == 3 && data->payments[0].has_fraud());
        });
    if (!done.get_future().get()) ++failures;
    micros.push_back(
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - started)
            .count());
  }
  if (failures > 0) state.SkipWithError("a fetch failed");
  Percentiles(state, micros, micros.size());
}
BENCHMARK(BM_FetchDemoCustomer)->ArgName("keep_alive")->Arg(1)->Arg(0)->UseRealTime();

// 16 fetches in flight (each iteration: 16 fetches): throughput.
void BM_FetchDemoCustomer16InFlight(benchmark::State& state) {
  auto adapter = Shared().Adapter(state.range(0) != 0);
  const auto request = DemoRequest();
  constexpr int kInFlight = 16;
  std::vector<double> micros;
  std::mutex mutex;
  size_t failures = 0;
  for (auto _ : state) {
    std::condition_variable all_done;
    int left = kInFlight;
    for (int i = 0; i < kInFlight; ++i) {
      const auto started = std::chrono::steady_clock::now();
      adapter->Fetch(request, sdk::CallContext::WithTimeout(std::chrono::seconds(5)),
                     [&, started](absl::StatusOr<sdk::SourceData> data) {
                       const double us = std::chrono::duration<double, std::micro>(
                                             std::chrono::steady_clock::now() - started)
                                             .count();
                       std::lock_guard lock(mutex);
                       micros.push_back(us);
                       if (!data.ok()) ++failures;
                       if (--left == 0) all_done.notify_one();
                     });
    }
    std::unique_lock lock(mutex);
    all_done.wait(lock, [&] { return left == 0; });
  }
  if (failures > 0) state.SkipWithError("a fetch failed");
  Percentiles(state, micros, micros.size());
}
BENCHMARK(BM_FetchDemoCustomer16InFlight)->ArgName("keep_alive")->Arg(1)->Arg(0)->UseRealTime();

// Reading (adapters/xml, limits), checking the result code and mapping Jane's transaction list,
// no HTTP: `map` does all three for one body.
template <typename Map>
void MapTransactionList(benchmark::State& state, const Map& map) {
  const auto& mapping = *Shared().mapping;
  const auto* operation = mapping.FindOperation("list-payments");
  auto transactions = *Shared().gateway->ByShopper("6108000123");
  const std::string body = payment_sim::TransactionsXml("TransactionList", transactions);
  size_t failures = 0;
  for (auto _ : state) {
    std::vector<v1::Payment> payments;
    const auto add = [&] { return &payments.emplace_back(); };
    if (!map(mapping, *operation, body, add).ok() || payments.size() != 3) ++failures;
    benchmark::DoNotOptimize(payments);
  }
  if (failures > 0) state.SkipWithError("mapping failed");
  state.counters["bytes"] = static_cast<double>(body.size());
  state.counters["transactions_per_s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * 3), benchmark::Counter::kIsRate);
}

// As the connector reads answers: streamed (payment.xml's selectors are all plain paths).
void BM_MapTransactionList(benchmark::State& state) {
  MapTransactionList(
      state,
      [](const auto& mapping, const auto& operation, const auto& body,
         const auto& add) -> absl::Status {
        auto answer = mapping::engine::ReadXmlAnswer(operation, body);
        if (!answer.ok()) return answer.status();
        if (answer->streamed() == nullptr) return absl::InternalError("not streamed");
        auto status = mapping::engine::CheckXmlResult(mapping, operation.name, *answer);
        return status.ok() ? mapping::engine::MapXmlRecords(mapping, operation, *answer, add)
                           : status;
      });
}
BENCHMARK(BM_MapTransactionList);

// Through a libxml2 tree and XPath on it, for comparison.
void BM_MapTransactionListFromTree(benchmark::State& state) {
  MapTransactionList(
      state,
      [](const auto& mapping, const auto& operation, const auto& body,
         const auto& add) -> absl::Status {
        auto doc = mapping::engine::ParseXmlAnswer(body);
        if (!doc.ok()) return doc.status();
        auto status = mapping::engine::CheckXmlResult(mapping, operation.name, **doc);
        return status.ok() ? mapping::engine::MapXmlRecords(mapping, operation, **doc, add)
                           : status;
      });
}
BENCHMARK(BM_MapTransactionListFromTree);

}  // namespace

BENCHMARK_MAIN();
