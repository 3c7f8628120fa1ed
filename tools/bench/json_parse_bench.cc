// The JSON library choice, measured: parse a typical ecommerce order (10 fields, 5 line items) and
// read every field, with simdjson (On-Demand) and with nlohmann::json (DOM).
//
//   build-release/tools/bench/json_parse_bench
#include <benchmark/benchmark.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <string>

namespace {

std::string OrderJson() {
  std::string json = R"({"id":6108000123,"name":"#W100234","email":"Jane.Doe@Example.com",)"
                     R"("created_at":"2026-10-12T09:31:00+01:00","financial_status":"paid",)"
                     R"("fulfillment_status":"fulfilled","currency":"GBP","total_price":"129.95",)"
                     R"("customer":{"id":6108000123,"phone":"07700 900123"},"line_items":[)";
  for (int i = 0; i < 5; ++i) {
    if (i) json += ",";
    json += R"({"sku":"SKU-)" + std::to_string(1000 + i) +
            R"(","title":"Cotton shirt, blue","quantity":1,"price":"25.99"})";
  }
  return json + "]}";
}

void BM_Simdjson_OnDemand(benchmark::State& state) {
  const simdjson::padded_string json(OrderJson());
  simdjson::ondemand::parser parser;
  for (auto _ : state) {
    auto doc = parser.iterate(json);
    size_t total = 0;
    total += uint64_t(doc["id"]);
    total += std::string_view(doc["name"]).size();
    total += std::string_view(doc["email"]).size();
    total += std::string_view(doc["created_at"]).size();
    total += std::string_view(doc["financial_status"]).size();
    total += std::string_view(doc["fulfillment_status"]).size();
    total += std::string_view(doc["currency"]).size();
    total += std::string_view(doc["total_price"]).size();
    auto customer = doc["customer"];
    total += uint64_t(customer["id"]);
    total += std::string_view(customer["phone"]).size();
    for (auto item : doc["line_items"]) {
      total += std::string_view(item["sku"]).size();
      total += std::string_view(item["title"]).size();
      total += int64_t(item["quantity"]);
      total += std::string_view(item["price"]).size();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_Simdjson_OnDemand);

void BM_Nlohmann_Dom(benchmark::State& state) {
  const std::string json = OrderJson();
  for (auto _ : state) {
    auto doc = nlohmann::json::parse(json);
    size_t total = 0;
    total += doc["id"].get<uint64_t>();
    for (const char* key : {"name", "email", "created_at", "financial_status", "fulfillment_status",
                            "currency", "total_price"}) {
      total += doc[key].get_ref<const std::string&>().size();
    }
    total += doc["customer"]["id"].get<uint64_t>();
    total += doc["customer"]["phone"].get_ref<const std::string&>().size();
    for (const auto& item : doc["line_items"]) {
      total += item["sku"].get_ref<const std::string&>().size();
      total += item["title"].get_ref<const std::string&>().size();
      total += item["quantity"].get<int64_t>();
      total += item["price"].get_ref<const std::string&>().size();
    }
    benchmark::DoNotOptimize(total);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_Nlohmann_Dom);

}  // namespace

BENCHMARK_MAIN();
