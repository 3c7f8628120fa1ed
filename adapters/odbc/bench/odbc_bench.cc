// odbc_bench: a customer-with-orders lookup (customer, orders, order lines: one join) through
// omnihub_odbc, beside the same query run by the databases' own command-line clients in the same
// run (sqlite3; psql when OMNIHUB_TEST_PG_CONNECTION/OMNIHUB_TEST_PG_PORT name a server started by
// tools/pg-test-server.sh). The ERP is loaded first (1000 generated customers, seed 42).
//
//   source tools/odbc-env.sh && build-odbc/adapters/odbc/odbc_bench --benchmark_min_time=1
//
// CLI figures: one client process reads 200 copies of the query from a file; items/s is queries
// per second (process start-up amortised over the 200). The *Cached library variants keep the
// prepared statement on the connection (Connection::set_statement_cache_size, as the odbc
// connector's pooled connections do); the others prepare it on every lookup.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "adapters/odbc/connection.h"
#include "tools/simulators/erp/erp_loader.h"

namespace omnihub::odbc {
namespace {

constexpr char kQuery[] =
    "SELECT c.customer_id, c.given_name, c.family_name, o.order_number, o.status, o.placed_at, "
    "o.total_minor, l.sku, l.quantity, l.unit_price_minor FROM customers c JOIN orders o ON "
    "o.customer_id = c.customer_id JOIN order_lines l ON l.order_id = o.order_id WHERE "
    "c.customer_id = ? ORDER BY o.placed_at DESC, l.line_no";
constexpr int kCliQueries = 200;
const std::string kSqlitePath = "/tmp/omnihub-odbc-bench.db";

std::string PgConnection() {
  const char* env = std::getenv("OMNIHUB_TEST_PG_CONNECTION");
  return env == nullptr ? "" : env;
}

std::unique_ptr<Connection> Open(const std::string& connection_string) {
  static auto environment = *Environment::Create();
  auto connection =
      Connection::Open(environment, connection_string, Clock::now() + std::chrono::seconds(30));
  if (!connection.ok()) {
    std::cerr << "odbc_bench: " << connection.status() << "\n";
    return nullptr;
  }
  return std::move(*connection);
}

bool Load(const std::string& connection_string) {
  auto connection = Open(connection_string);
  if (!connection) return false;
  world::GeneratorOptions options;
  options.customers = 1000;
  erp::LoadOptions load;
  load.replace = true;
  auto counts = erp::LoadErp(world::Generate(options), *connection, load);
  if (!counts.ok()) std::cerr << "odbc_bench: " << counts.status() << "\n";
  return counts.ok();
}

void Lookup(benchmark::State& state, const std::string& connection_string,
            size_t statement_cache = 0) {
  auto connection = Open(connection_string);
  if (!connection) {
    state.SkipWithError("cannot connect");
    return;
  }
  connection->set_statement_cache_size(statement_cache);
  size_t rows = 0;
  for (auto _ : state) {
    auto result = connection->Query(kQuery, {SqlParam::Text("C0100001")},
                                    Clock::now() + std::chrono::seconds(10));
    if (!result.ok() || result->rows.empty()) {
      state.SkipWithError("query failed");
      return;
    }
    rows = result->rows.size();
    benchmark::DoNotOptimize(result);
  }
  state.counters["rows"] = static_cast<double>(rows);
  state.SetItemsProcessed(state.iterations());
}

void Cli(benchmark::State& state, const std::string& command) {
  std::string literal = kQuery;
  literal.replace(literal.find('?'), 1, "'C0100001'");
  const std::string file = "/tmp/omnihub-odbc-bench.sql";
  {
    std::ofstream out(file);
    for (int i = 0; i < kCliQueries; ++i) out << literal << ";\n";
  }
  const std::string run = command + " < " + file + " > /dev/null";
  for (auto _ : state) {
    if (std::system(run.c_str()) != 0) {
      state.SkipWithError(("failed: " + run).c_str());
      return;
    }
  }
  state.SetItemsProcessed(state.iterations() * kCliQueries);
}

void BM_LibrarySqlite(benchmark::State& state) {
  Lookup(state, "Driver=OmnihubSQLite3;Database=" + kSqlitePath);
}
void BM_LibrarySqliteCached(benchmark::State& state) {
  Lookup(state, "Driver=OmnihubSQLite3;Database=" + kSqlitePath, 16);
}
void BM_CliSqlite(benchmark::State& state) { Cli(state, "sqlite3 " + kSqlitePath); }
void BM_LibraryPostgres(benchmark::State& state) {
  if (PgConnection().empty()) {
    state.SkipWithError("OMNIHUB_TEST_PG_CONNECTION not set");
    return;
  }
  Lookup(state, PgConnection());
}
void BM_LibraryPostgresCached(benchmark::State& state) {
  if (PgConnection().empty()) {
    state.SkipWithError("OMNIHUB_TEST_PG_CONNECTION not set");
    return;
  }
  Lookup(state, PgConnection(), 16);
}
void BM_CliPostgres(benchmark::State& state) {
  const char* port = std::getenv("OMNIHUB_TEST_PG_PORT");
  if (port == nullptr) {
    state.SkipWithError("OMNIHUB_TEST_PG_PORT not set");
    return;
  }
  Cli(state, std::string("psql -X -q -h 127.0.0.1 -p ") + port + " -U omnihub -d omnihub_test");
}

BENCHMARK(BM_LibrarySqlite)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_LibrarySqliteCached)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_CliSqlite)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_LibraryPostgres)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_LibraryPostgresCached)->Unit(benchmark::kMicrosecond)->UseRealTime();
BENCHMARK(BM_CliPostgres)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace omnihub::odbc

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  std::filesystem::remove(omnihub::odbc::kSqlitePath);
  if (!omnihub::odbc::Load("Driver=OmnihubSQLite3;Database=" + omnihub::odbc::kSqlitePath)) {
    return 1;
  }
  if (!omnihub::odbc::PgConnection().empty() &&
      !omnihub::odbc::Load(omnihub::odbc::PgConnection())) {
    return 1;
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  std::filesystem::remove(omnihub::odbc::kSqlitePath);
  return 0;
}
