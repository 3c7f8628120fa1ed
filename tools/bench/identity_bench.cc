// Identity resolution from memory, on a generated world: index build time and memory, quality
// against ground truth, and identifiers resolved per second (normalised key look-ups, walking the
// customers in order and in random order, and the whole path from a raw e-mail as a caller types
// it), candidate searches per second (by name and
// postcode; a customer's possible duplicates), and what an agent's link and unlink cost on an index
// of that size (ManualLinks: the snapshot readers resolve with after the change).
//
//   build-release/tools/bench/identity_bench --customers=100000
#include <benchmark/benchmark.h>
#include <malloc.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <numeric>
#include <random>
#include <string>

#include "adapters/reference/world_cache.h"
#include "hub/identity/manual_links.h"
#include "tools/identity_eval/identity_eval.h"

namespace {

int g_customers = 100000;

size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

// Heap bytes allocated and not freed: what the index holds, without the pages the allocator keeps
// from what the build freed.
size_t HeapBytesInUse() {
  const auto info = mallinfo2();
  return info.uordblks + info.hblkhd;
}

struct Fixture {
  omnihub::sdk::IdentifierNormalizer normalizer{"GB"};
  std::shared_ptr<const omnihub::hub::IdentityIndex> index;
  std::vector<omnihub::v1::Identifier> keys;  // normalised, every identifier of the index
  // At most 1 M of them in random order: each look-up meets a customer not seen just before, as a
  // caller's look-ups do (walking `keys` meets each customer's identifiers one after the other).
  std::vector<omnihub::v1::Identifier> shuffled_keys;
  std::vector<omnihub::v1::Identifier> raw_emails;  // as callers type them
  // Name searches as an agent types them: each golden customer's name and postcode.
  std::vector<std::pair<std::string, std::string>> name_queries;

  Fixture() {
    auto scanned = omnihub::identity_eval::ScanWorld(42, g_customers);
    const size_t before = ResidentBytes();
    const size_t heap_before = HeapBytesInUse();
    const auto started = std::chrono::steady_clock::now();
    index = omnihub::hub::IdentityIndex::Build(
        scanned, {"erp", "ecommerce", "mainframe", "payment", "pos"}, normalizer);
    const double build_s =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    const size_t after = ResidentBytes();
    const size_t heap_after = HeapBytesInUse();
    const auto& stats = index->stats();
    auto world = omnihub::reference::SharedWorld(42, g_customers);
    auto quality = omnihub::identity_eval::Evaluate(*world, *index);
    std::printf(
        "customers generated: %d; accounts: %zu; golden customers: %zu; identifiers: %zu\n"
        "index build: %.2f s; resident memory added: %.1f MiB (%.0f bytes per identifier)\n"
        "heap in use added: %.1f MiB (%.0f bytes per identifier)\n"
        "automatic links: precision %.4f, recall %.4f; candidates: precision %.4f, recall %.4f\n",
        g_customers, stats.accounts, stats.customers, stats.identifiers, build_s,
        double(after - before) / (1 << 20), double(after - before) / double(stats.identifiers),
        double(heap_after - heap_before) / (1 << 20),
        double(heap_after - heap_before) / double(stats.identifiers), quality.automatic.precision(),
        quality.automatic.recall(), quality.candidates.precision(), quality.candidates.recall());
    // What the hub does once its start-up build is done (Hub::Start): the scanned accounts go, and
    // the pages glibc kept of what the scan and the build freed go back to the system.
    const size_t resident_built = ResidentBytes();
    decltype(scanned)().swap(scanned);
    const size_t resident_scan_freed = ResidentBytes();
    malloc_trim(0);
    const size_t resident_trimmed = ResidentBytes();
    std::printf(
        "resident memory after the build: %.1f MiB; the scan freed: %.1f MiB; then "
        "malloc_trim(0): %.1f MiB (heap in use: %.1f MiB)\n",
        double(resident_built) / (1 << 20), double(resident_scan_freed) / (1 << 20),
        double(resident_trimmed) / (1 << 20), double(HeapBytesInUse()) / (1 << 20));
    for (size_t c = 0; c < index->size(); ++c) {
      const auto& customer = index->customer(static_cast<uint32_t>(c));
      if (!customer.display_name.empty() && !customer.postal_code.empty()) {
        name_queries.emplace_back(customer.display_name, customer.postal_code);
      }
      for (const auto& identifier : customer.identifiers) {
        keys.push_back(identifier);
        if (identifier.type() == omnihub::v1::IDENTIFIER_TYPE_EMAIL) {
          auto raw = identifier;
          raw.set_value(" " + identifier.value() + " ");
          raw.mutable_value()->at(1) = static_cast<char>(std::toupper(raw.value()[1]));
          raw_emails.push_back(raw);
        }
      }
    }
    std::vector<size_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0);
    std::shuffle(order.begin(), order.end(), std::mt19937_64(42));
    order.resize(std::min<size_t>(order.size(), 1 << 20));
    shuffled_keys.reserve(order.size());
    for (size_t i : order) shuffled_keys.push_back(keys[i]);
  }
};

Fixture& Get() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

// Find for each of `keys` in turn, as a caller hands them over normalised.
void ResolveInTurn(benchmark::State& state, const std::vector<omnihub::v1::Identifier>& keys) {
  const auto& index = *Get().index;
  size_t i = 0, found = 0;
  for (auto _ : state) {
    found += index.Find(keys[i]).size();
    if (++i == keys.size()) i = 0;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}

void BM_ResolveNormalisedIdentifier(benchmark::State& state) { ResolveInTurn(state, Get().keys); }
BENCHMARK(BM_ResolveNormalisedIdentifier);

void BM_ResolveNormalisedIdentifierInRandomOrder(benchmark::State& state) {
  ResolveInTurn(state, Get().shuffled_keys);
}
BENCHMARK(BM_ResolveNormalisedIdentifierInRandomOrder);

void BM_ResolveRawEmail(benchmark::State& state) {
  auto& fixture = Get();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    auto normalized = fixture.normalizer.Normalize(fixture.raw_emails[i]);
    found += fixture.index->Find(*normalized).size();
    if (++i == fixture.raw_emails.size()) i = 0;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ResolveRawEmail);

// A name search (candidates by name and postcode, at most 10), as SearchCustomers asks the index.
void BM_FindByName(benchmark::State& state) {
  auto& fixture = Get();
  size_t i = 0, found = 0;
  for (auto _ : state) {
    const auto& [name, postcode] = fixture.name_queries[i];
    found += fixture.index->FindByName(name, postcode, 10).size();
    if (++i == fixture.name_queries.size()) i = 0;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindByName)->Unit(benchmark::kMicrosecond);

// A customer's possible duplicates (candidates by name with the postcode or a shared phone or
// address, at most 10), as the quality line's candidate figures ask for every golden customer.
void BM_FindCandidatesOfCustomer(benchmark::State& state) {
  auto& fixture = Get();
  const auto& index = *fixture.index;
  uint32_t c = 0;
  size_t found = 0;
  for (auto _ : state) {
    found += index.FindCandidates(omnihub::hub::CandidateQuery::Of(index.customer(c)), 10).size();
    if (++c == index.size()) c = 0;
  }
  benchmark::DoNotOptimize(found);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_FindCandidatesOfCustomer)->Unit(benchmark::kMicrosecond);

omnihub::hub::ManualLinkEvent LinkEvent(omnihub::hub::ManualLinkAction action,
                                        const std::string& customer_id, size_t n) {
  omnihub::hub::ManualLinkEvent event;
  event.action = action;
  event.customer_id = customer_id;
  event.identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_TWITTER_HANDLE);
  event.identifier.set_value("@bench_" + std::to_string(n));
  event.agent_id = "A1";
  event.reason = "benchmark";
  event.recorded_at = "2026-11-29T05:00:00Z";
  return event;
}

// One agent's link of a new handle, on the index as built (no other link in effect).
void BM_LinkIdentifier(benchmark::State& state) {
  auto& fixture = Get();
  size_t n = 0;
  for (auto _ : state) {
    omnihub::hub::ManualLinks links(fixture.index);
    const auto& customer =
        fixture.index->customer(static_cast<uint32_t>(n % fixture.index->size()));
    auto effect =
        links.Apply(LinkEvent(omnihub::hub::ManualLinkAction::kLink, customer.customer_id, n++));
    if (!effect.ok()) state.SkipWithError(std::string(effect.status().message()).c_str());
    benchmark::DoNotOptimize(links.current());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkIdentifier)->Unit(benchmark::kMicrosecond);

// A link and the unlink that undoes it (the undo re-applies the links still in effect).
void BM_LinkThenUnlink(benchmark::State& state) {
  auto& fixture = Get();
  omnihub::hub::ManualLinks links(fixture.index);
  size_t n = 0;
  for (auto _ : state) {
    const auto& customer =
        fixture.index->customer(static_cast<uint32_t>(n % fixture.index->size()));
    auto linked =
        links.Apply(LinkEvent(omnihub::hub::ManualLinkAction::kLink, customer.customer_id, n));
    auto unlinked =
        links.Apply(LinkEvent(omnihub::hub::ManualLinkAction::kUnlink, customer.customer_id, n++));
    if (!linked.ok() || !unlinked.ok()) state.SkipWithError("link or unlink refused");
    benchmark::DoNotOptimize(links.current());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LinkThenUnlink)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    if (std::strncmp(argv[i], "--customers=", 12) == 0) g_customers = std::atoi(argv[i] + 12);
  }
  if (g_customers < 1 || g_customers > 2000000) {
    std::fprintf(stderr, "identity_bench: --customers must be in [1, 2000000]\n");
    return 2;
  }
  benchmark::Initialize(&argc, argv);
  Get();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
