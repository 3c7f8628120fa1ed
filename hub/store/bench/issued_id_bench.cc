// issued_id_bench: what keeping golden ids costs at start-up, on a SQLite file, for N customers
// (each an erp account and an ecommerce account sharing an e-mail: 2N accounts).
//   BM_BuildOnly/N          IdentityIndex::Build without the registry (what start-up did before);
//   BM_FirstStart/N         BuildKeepingIds on an empty store: read, build, record 2N ids;
//   BM_Restart/N            BuildKeepingIds on a store holding the 2N ids: read, check, build,
//                           nothing to record;
//   BM_ReadIssued/N         IssuedIdRepository::ReadAll of 2N ids alone;
//   BM_RecordIssued/N       IssuedIdRepository::Record of 2N new ids alone.
//
//   build/hub/store/issued_id_bench --benchmark_repetitions=3   (one iteration each, fresh store)
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "absl/strings/str_format.h"
#include "hub/identity/stable_build.h"
#include "hub/store/hub_store.h"

namespace omnihub::hub {
namespace {

const IdentifierNormalizer& Normalizer() {
  static const IdentifierNormalizer normalizer("GB");
  return normalizer;
}

std::vector<IdentityIndex::SystemAccounts> Systems(int customers) {
  IdentityIndex::SystemAccounts erp{"erp", {}}, ecommerce{"ecommerce", {}};
  for (int i = 0; i < customers; ++i) {
    omnihub::v1::Identifier email;
    email.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
    email.set_value("customer" + std::to_string(i) + "@example.com");
    erp.accounts.push_back({"C" + std::to_string(i), {email}, "Customer " + std::to_string(i), ""});
    ecommerce.accounts.push_back({"E" + std::to_string(i), {email}, "", ""});
  }
  return {erp, ecommerce};
}

const std::vector<std::string> kOrder = {"erp", "ecommerce"};

// A fresh SQLite store in its own directory, removed with it.
class FreshStore {
 public:
  FreshStore() {
    static int counter = 0;
    directory_ = std::filesystem::temp_directory_path() /
                 absl::StrFormat("omnihub-issued-bench-%d-%d", getpid(), counter++);
    std::filesystem::remove_all(directory_);
    StoreOptions options;
    options.sqlite_file = (directory_ / "hub-store.db").string();
    options.timeout = std::chrono::milliseconds(600000);
    auto store = HubStore::Open(options);
    if (store.ok()) store_ = *std::move(store);
  }
  ~FreshStore() {
    store_.reset();
    std::filesystem::remove_all(directory_);
  }
  HubStore* get() { return store_.get(); }

 private:
  std::filesystem::path directory_;
  std::unique_ptr<HubStore> store_;
};

void BM_BuildOnly(benchmark::State& state) {
  const auto systems = Systems(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    benchmark::DoNotOptimize(IdentityIndex::Build(systems, kOrder, Normalizer()));
  }
}
BENCHMARK(BM_BuildOnly)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

// One iteration each (a fresh store per run): --benchmark_repetitions=N for more.
void KeepIds(benchmark::State& state, bool restart) {
  const auto systems = Systems(static_cast<int>(state.range(0)));
  FreshStore store;
  if (store.get() == nullptr) {
    state.SkipWithError("cannot open the store");
    return;
  }
  if (restart) {
    BuildKeepingIds(store.get()->issued_ids(), systems, kOrder, Normalizer(), {}, kOrder)
        .IgnoreError();
  }
  for (auto _ : state) {
    auto built =
        BuildKeepingIds(store.get()->issued_ids(), systems, kOrder, Normalizer(), {}, kOrder);
    if (!built.ok()) {
      state.SkipWithError(std::string(built.status().message()).c_str());
      return;
    }
    state.counters["recorded"] = static_cast<double>(built->recorded);
    state.counters["kept"] = static_cast<double>(built->issued_before);
  }
}
void BM_FirstStart(benchmark::State& state) { KeepIds(state, false); }
void BM_Restart(benchmark::State& state) { KeepIds(state, true); }
BENCHMARK(BM_FirstStart)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Restart)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

std::vector<IssuedId> Ids(int customers) {
  std::vector<IssuedId> ids;
  for (int i = 0; i < 2 * customers; ++i) {
    ids.push_back({absl::StrFormat("account:erp:C%d", i), absl::StrFormat("C-%016x", i), ""});
  }
  return ids;
}

void BM_RecordIssued(benchmark::State& state) {
  const auto ids = Ids(static_cast<int>(state.range(0)));
  FreshStore store;
  for (auto _ : state) {
    if (store.get() == nullptr || !store.get()->issued_ids().Record(ids).ok()) {
      state.SkipWithError("cannot record");
      return;
    }
  }
}
BENCHMARK(BM_RecordIssued)
    ->Arg(100000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_ReadIssued(benchmark::State& state) {
  FreshStore store;
  if (store.get() == nullptr ||
      !store.get()->issued_ids().Record(Ids(static_cast<int>(state.range(0)))).ok()) {
    state.SkipWithError("cannot record");
    return;
  }
  for (auto _ : state) {
    auto read = store.get()->issued_ids().ReadAll();
    if (!read.ok()) {
      state.SkipWithError("cannot read");
      return;
    }
    state.counters["rows"] = static_cast<double>(read->size());
  }
}
BENCHMARK(BM_ReadIssued)->Arg(100000)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace omnihub::hub

BENCHMARK_MAIN();
