// store_bench: what an agent's link costs in the hub.
//   BM_RecordLink        one identity link event written durably to the store (one transaction:
//                        write lock, MAX(seq), INSERT, COMMIT), SQLite file and, when
//                        OMNIHUB_TEST_PG_CONNECTION names a server, PostgreSQL;
//   BM_ApplyLink/N       the same link applied to an identity index of N customers (the index is
//                        copied, so readers never wait: the cost grows with N);
//   BM_Replay/M          start-up replay of M stored links over a 100,000-customer index.
//
//   build-store/hub/store/store_bench --benchmark_min_time=0.5
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "hub/identity/identity_linker.h"
#include "hub/identity/manual_links.h"
#include "hub/store/hub_store.h"

namespace omnihub::hub {
namespace {

const IdentifierNormalizer& Normalizer() {
  static const IdentifierNormalizer normalizer("GB");
  return normalizer;
}

omnihub::v1::Identifier Handle(int64_t n) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE);
  identifier.set_value("handle_" + std::to_string(n));
  return identifier;
}

// N customers, each an erp account with its own e-mail and an ecommerce account sharing it.
std::shared_ptr<const IdentityIndex> Index(int customers) {
  IdentityIndex::SystemAccounts erp{"erp", {}}, ecommerce{"ecommerce", {}};
  for (int i = 0; i < customers; ++i) {
    omnihub::v1::Identifier email;
    email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
    email.set_value("customer" + std::to_string(i) + "@example.com");
    erp.accounts.push_back({"C" + std::to_string(i), {email}, "Customer " + std::to_string(i), ""});
    ecommerce.accounts.push_back({"E" + std::to_string(i), {email}, "", ""});
  }
  return IdentityIndex::Build({erp, ecommerce}, {"erp", "ecommerce"}, Normalizer());
}

ManualLinkEvent Link(const std::string& customer_id, int64_t n) {
  ManualLinkEvent event;
  event.customer_id = customer_id;
  event.identifier = Handle(n);
  event.agent_id = "A17";
  event.reason = "verified on the phone";
  event.recorded_at = "2026-11-29T05:00:00Z";
  return event;
}

void RecordLink(benchmark::State& state, StoreOptions options) {
  auto store = HubStore::Open(options);
  if (!store.ok()) {
    state.SkipWithError(std::string(store.status().message()).c_str());
    return;
  }
  int64_t n = 0;
  for (auto _ : state) {
    auto seq = (*store)->Append(Link("C-0123456789abcdef", n++));
    if (!seq.ok()) state.SkipWithError(std::string(seq.status().message()).c_str());
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RecordLinkSqlite(benchmark::State& state) {
  const auto directory =
      std::filesystem::temp_directory_path() / ("omnihub-store-bench-" + std::to_string(getpid()));
  std::filesystem::remove_all(directory);
  StoreOptions options;
  options.sqlite_file = (directory / "hub-store.db").string();
  RecordLink(state, options);
  std::filesystem::remove_all(directory);
}
BENCHMARK(BM_RecordLinkSqlite)->Unit(benchmark::kMicrosecond);

void BM_RecordLinkPostgres(benchmark::State& state) {
  const char* connection = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
  if (connection == nullptr || *connection == '\0') {
    state.SkipWithError("OMNIHUB_TEST_PG_CONNECTION is not set");
    return;
  }
  StoreOptions options;
  options.connection = connection;
  RecordLink(state, options);
}
BENCHMARK(BM_RecordLinkPostgres)->Unit(benchmark::kMicrosecond);

void BM_ApplyLink(benchmark::State& state) {
  auto base = Index(static_cast<int>(state.range(0)));
  const std::string customer = base->customer(0).customer_id;
  int64_t n = 0;
  for (auto _ : state) {
    ManualLinks links(base);
    auto applied = links.Apply(Link(customer, n++));
    benchmark::DoNotOptimize(applied);
  }
  state.counters["customers"] = static_cast<double>(state.range(0));
}
BENCHMARK(BM_ApplyLink)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond);

// An in-memory log holding M links.
class MemoryLog : public ManualLinkLog {
 public:
  absl::StatusOr<int64_t> Append(const ManualLinkEvent&) override {
    return absl::UnimplementedError("read only");
  }
  absl::StatusOr<std::vector<ManualLinkEvent>> ReadAfter(int64_t after_seq) override {
    return std::vector<ManualLinkEvent>(events.begin() + after_seq, events.end());
  }
  std::vector<ManualLinkEvent> events;
};

void BM_Replay(benchmark::State& state) {
  auto base = Index(100000);
  MemoryLog log;
  for (int64_t i = 0; i < state.range(0); ++i) {
    log.events.push_back(Link(base->customer(static_cast<uint32_t>(i % 100000)).customer_id, i));
    log.events.back().seq = i + 1;
  }
  for (auto _ : state) {
    CustomerDirectory directory(Normalizer());
    directory.Replace(base);
    IdentityLinker linker(directory);
    auto replay = linker.Start(log, [](auto, auto) { return absl::OkStatus(); });
    if (!replay.ok() || replay->applied != log.events.size()) state.SkipWithError("replay failed");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_Replay)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace omnihub::hub

BENCHMARK_MAIN();
