// The cost of typical per-field transform chains, per value. Run:
//   build-mapping/adapters/mapping/transforms_bench
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <iostream>

#include "adapters/mapping/transform_chain.h"

namespace omnihub::mapping {
namespace {

TransformChain MustCompile(const std::vector<TransformSpec>& specs) {
  absl::StatusOr<TransformChain> chain = TransformChain::Compile(specs);
  if (!chain.ok()) {
    std::cerr << chain.status() << "\n";
    std::abort();
  }
  return *std::move(chain);
}

void RunChain(benchmark::State& state, const std::vector<TransformSpec>& specs, Value in) {
  const TransformChain chain = MustCompile(specs);
  for (auto _ : state) {
    absl::StatusOr<Value> v = chain.Apply(in);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_TrimUpper(benchmark::State& state) {
  RunChain(state, {{"trim"}, {"upper"}}, Value::Text("  jane.doe@example.com  "));
}
BENCHMARK(BM_TrimUpper);

void BM_TrimUpperCodeTable(benchmark::State& state) {
  RunChain(state,
           {{"trim"},
            {"upper"},
            {"code-table", {}, {{"S", "SHIPPED"}, {"D", "DELIVERED"}, {"C", "CANCELLED"}}}},
           Value::Text(" s "));
}
BENCHMARK(BM_TrimUpperCodeTable);

void BM_ImpliedDecimalMoney(benchmark::State& state) {
  RunChain(state, {{"money", {{"currency", "GBP"}, {"pic", "S9(7)V99"}}}},
           Value::Text("00001234}"));
}
BENCHMARK(BM_ImpliedDecimalMoney);

void BM_DecimalStringMoney(benchmark::State& state) {
  RunChain(state, {{"money", {{"currency", "EUR"}, {"decimal-separator", ","}}}},
           Value::Text("1234,50"));
}
BENCHMARK(BM_DecimalStringMoney);

void BM_YydddDate(benchmark::State& state) {
  RunChain(state, {{"date", {{"format", "YYDDD"}}}}, Value::Text("24183"));
}
BENCHMARK(BM_YydddDate);

void BM_YydddTimestampLondon(benchmark::State& state) {
  RunChain(state, {{"timestamp", {{"format", "YYDDD"}, {"tz", "Europe/London"}}}},
           Value::Text("24183"));
}
BENCHMARK(BM_YydddTimestampLondon);

void BM_CcyymmddhhmmssLondon(benchmark::State& state) {
  RunChain(state, {{"timestamp", {{"format", "CCYYMMDDHHMMSS"}, {"tz", "Europe/London"}}}},
           Value::Text("20241027013000"));
}
BENCHMARK(BM_CcyymmddhhmmssLondon);

void BM_Iso8601Offset(benchmark::State& state) {
  RunChain(state, {{"timestamp", {{"format", "ISO-8601"}}}},
           Value::Text("2024-03-31T02:30:00.250+01:00"));
}
BENCHMARK(BM_Iso8601Offset);

void BM_PhoneE164(benchmark::State& state) {
  RunChain(state, {{"phone", {{"country", "GB"}}}}, Value::Text("07700 900123"));
}
BENCHMARK(BM_PhoneE164);

void BM_Email(benchmark::State& state) {
  RunChain(state, {{"email"}}, Value::Text(" Jane.Doe@Example.COM "));
}
BENCHMARK(BM_Email);

void BM_ConcatNames(benchmark::State& state) {
  const TransformChain chain =
      MustCompile({{"concat", {{"separator", " "}}}, {"collapse-spaces"}, {"title"}});
  const std::vector<Value> in = {Value::Text("JANE "), Value::Null(), Value::Text("O'BRIEN")};
  for (auto _ : state) {
    absl::StatusOr<Value> v = chain.ApplyMany(in);
    benchmark::DoNotOptimize(v);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ConcatNames);

void BM_CompileDateTransform(benchmark::State& state) {
  for (auto _ : state) {
    auto t = CompileTransform({"timestamp", {{"format", "YYDDD"}, {"tz", "Europe/London"}}});
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_CompileDateTransform);

}  // namespace
}  // namespace omnihub::mapping

BENCHMARK_MAIN();
