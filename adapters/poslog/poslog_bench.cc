// POSLog ingestion throughput: a document of 1000 world transactions parsed and indexed
// (items/s = transactions per second). Run: build-poslog/adapters/poslog/poslog_bench
#include <benchmark/benchmark.h>

#include <span>

#include "adapters/poslog/poslog_parser.h"
#include "adapters/poslog/poslog_writer.h"
#include "adapters/poslog/transaction_index.h"

namespace {

void BM_ParseAndIndex(benchmark::State& state) {
  omnihub::world::GeneratorOptions options;
  options.customers = 1000;
  auto world = omnihub::world::Generate(options);
  std::span<const omnihub::world::PosTransaction> all(world.pos_transactions);
  std::string document =
      omnihub::poslog::WritePoslog(all.subspan(0, std::min<size_t>(1000, all.size())));
  size_t count = 0;
  for (auto _ : state) {
    omnihub::poslog::TransactionIndex index(50, 1000000);
    auto parsed = omnihub::poslog::ParsePoslog(document);
    if (!parsed.ok()) {
      state.SkipWithError("parse failed");
      return;
    }
    count = parsed->size();
    for (auto& t : *parsed) index.Add(std::move(t));
    benchmark::DoNotOptimize(index.transaction_count());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * count));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * document.size()));
}
BENCHMARK(BM_ParseAndIndex)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
