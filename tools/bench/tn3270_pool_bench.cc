// tn3270_pool_bench: customer inquiries through the TN3270 session pool against the mainframe
// simulator running in a child process (forked before any thread starts, so the simulator's
// memory and CPU are not counted in this process).
//
// One inquiry = lease a signed-on session at the menu, type option 1 and the account, Enter
// (the inquiry screen), read name and postcode, PF3 back to the menu, return the session: two
// screen round trips, as a skilled operator would do it.
//
//   BM_PooledInquiry/callers:N   N caller threads sharing 8 pooled sessions; reports
//                                inquiries/s (items_per_second) and p50/p99 latency (µs).
//   BM_ConnectorInquiry/callers:N  the same through the tn3270 connector (Fetch of the profile with
//                                the shipped mapping): script, Table, canonical Customer.
//   BM_SessionMemory             heap bytes per signed-on session (64 sessions, mallinfo2).
#include <benchmark/benchmark.h>
#include <malloc.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

#include "adapters/sdk/adapter.h"
#include "adapters/tn3270/connector/tn3270_adapter.h"
#include "adapters/tn3270/pool/password_sign_on.h"
#include "adapters/tn3270/pool/session_pool.h"
#include "tools/simulators/mainframe/server.h"
#include "tools/simulators/world/world.h"

namespace {

using namespace std::chrono_literals;
using omnihub::tn3270::Aid;
using omnihub::tn3270::Client;
using omnihub::tn3270::Lease;
using omnihub::tn3270::PoolClock;
using omnihub::tn3270::Screen;
using omnihub::tn3270::SessionPool;
using omnihub::tn3270::SessionPoolOptions;

std::uint16_t g_sim_port = 0;
constexpr int kPoolSize = 8;
const char* const kAccount = "00104217";

// Runs the simulator in a forked child; returns its port (written back through a pipe).
pid_t StartSimulator() {
  int fds[2];
  if (pipe(fds) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    close(fds[0]);
    boost::asio::io_context io;
    const auto world = omnihub::world::Generate({.seed = 42, .customers = 1000});
    omnihub::mainframe_sim::Server server(io, world, {.host = "127.0.0.1", .port = 0});
    server.Start();
    const std::uint16_t port = server.endpoint().port();
    if (write(fds[1], &port, sizeof port) != sizeof port) _exit(1);
    close(fds[1]);
    boost::asio::signal_set signals(io, SIGTERM);
    signals.async_wait([&](const boost::system::error_code&, int) {
      server.Stop();
      io.stop();
    });
    io.run();
    _exit(0);
  }
  close(fds[1]);
  if (read(fds[0], &g_sim_port, sizeof g_sim_port) != sizeof g_sim_port) g_sim_port = 0;
  close(fds[0]);
  return pid;
}

class IoThreads {
 public:
  explicit IoThreads(int threads) : guard_(io_.get_executor()) {
    for (int i = 0; i < threads; ++i) threads_.emplace_back([this] { io_.run(); });
  }
  ~IoThreads() {
    guard_.reset();
    io_.stop();
    for (auto& thread : threads_) thread.join();
  }
  boost::asio::any_io_executor executor() { return io_.get_executor(); }

 private:
  boost::asio::io_context io_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> guard_;
  std::vector<std::thread> threads_;
};

std::shared_ptr<SessionPool> MakePool(IoThreads& io, int size) {
  SessionPoolOptions options;
  options.client.port = g_sim_port;
  options.size = size;
  options.max_waiting = 1024;
  options.sign_on = omnihub::tn3270::PasswordSignOn("CSR0001", "OMNIHUB");
  options.is_home = [](const Screen& screen) { return screen.RegionText(0, 1, 7) == "OMNM001"; };
  auto pool = SessionPool::Create(io.executor(), options);
  if (!pool.ok()) return nullptr;
  (*pool)->Start();
  // Wait until every session is signed on (lease them all once).
  std::vector<Lease> leases;
  for (int i = 0; i < size; ++i) {
    std::promise<absl::StatusOr<Lease>> promise;
    (*pool)->Acquire(PoolClock::now() + 30s, [&promise](absl::StatusOr<Lease> lease) {
      promise.set_value(std::move(lease));
    });
    auto lease = promise.get_future().get();
    if (!lease.ok()) return nullptr;
    leases.push_back(*std::move(lease));
  }
  return *pool;
}

absl::Status Send(Client& client, Aid aid) {
  std::promise<absl::Status> promise;
  client.AsyncSendAid(aid, 5s, [&promise](absl::Status status) { promise.set_value(status); });
  return promise.get_future().get();
}

template <typename Fn>
auto OnStrand(Client& client, Fn fn) {
  std::promise<decltype(fn())> promise;
  client.AsyncRun([&] { promise.set_value(fn()); });
  return promise.get_future().get();
}

// One inquiry; false on any failure.
bool Inquiry(SessionPool& pool, std::string& name) {
  std::promise<absl::StatusOr<Lease>> promise;
  pool.Acquire(PoolClock::now() + 10s,
               [&promise](absl::StatusOr<Lease> lease) { promise.set_value(std::move(lease)); });
  auto lease = promise.get_future().get();
  if (!lease.ok()) return false;
  Client& client = lease->client();
  const bool typed = OnStrand(client, [&] {
    auto& keyboard = client.keyboard();
    return keyboard.MoveCursor(12, 24).ok() && keyboard.Type("1").ok() &&
           keyboard.MoveCursor(14, 24).ok() && keyboard.Type(kAccount).ok();
  });
  if (!typed || !Send(client, Aid::kEnter).ok()) return false;
  name = OnStrand(client, [&] {
    return client.screen().RegionText(4, 18, 30) + client.screen().RegionText(8, 18, 8);
  });
  return Send(client, Aid::kPf3).ok();
}

// Each iteration: `callers` threads run kPerCaller inquiries each through one pool of 8 sessions.
constexpr int kPerCaller = 25;

void BM_PooledInquiry(benchmark::State& state) {
  const int callers = static_cast<int>(state.range(0));
  IoThreads io(2);
  auto pool = MakePool(io, kPoolSize);
  if (!pool) {
    state.SkipWithError("no pool (simulator not reachable?)");
    return;
  }
  std::mutex mutex;
  std::vector<double> latencies_us;
  bool failed = false;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int c = 0; c < callers; ++c) {
      threads.emplace_back([&] {
        std::vector<double> mine;
        std::string name;
        bool ok = true;
        for (int i = 0; i < kPerCaller && ok; ++i) {
          const auto start = std::chrono::steady_clock::now();
          ok = Inquiry(*pool, name);
          mine.push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                  .count());
        }
        std::lock_guard lock(mutex);
        failed = failed || !ok;
        latencies_us.insert(latencies_us.end(), mine.begin(), mine.end());
      });
    }
    for (auto& thread : threads) thread.join();
    if (failed) {
      state.SkipWithError("an inquiry failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * callers * kPerCaller);
  std::sort(latencies_us.begin(), latencies_us.end());
  if (!latencies_us.empty()) {
    state.counters["p50_us"] = latencies_us[latencies_us.size() / 2];
    state.counters["p99_us"] =
        latencies_us[std::min(latencies_us.size() - 1, latencies_us.size() * 99 / 100)];
  }
  pool->Shutdown();
}
BENCHMARK(BM_PooledInquiry)
    ->ArgName("callers")
    ->Arg(1)
    ->Arg(8)
    ->Arg(16)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// The same inquiry through the tn3270 connector (Adapter::Fetch of the profile): the shipped
// mapping's get-customer script on the pool, the screen read into a Table and mapped to a
// canonical Customer. The connector sends the session back to the menu after the answer.
std::unique_ptr<omnihub::sdk::Adapter> MakeConnector(IoThreads& io) {
  setenv("OMNIHUB_MAINFRAME_USER", "CSR0001", 1);
  setenv("OMNIHUB_MAINFRAME_PASSWORD", "OMNIHUB", 1);
  omnihub::sdk::AdapterConfig config;
  config.system = "mainframe";
  config.type = "tn3270";
  config.origin = "bench:1";
  config.settings = {
      {"mapping", std::string(OMNIHUB_SOURCE_DIR) + "/mappings/systems/mainframe.xml"},
      {"host", "127.0.0.1"},
      {"port", std::to_string(g_sim_port)},
      {"pool_size", std::to_string(kPoolSize)},
      {"max_waiting", "1024"},
      {"account_id_pattern", "[0-9]{1,8}"}};
  auto adapter = omnihub::tn3270::MakeTn3270Adapter(config, {io.executor()});
  return adapter.ok() ? *std::move(adapter) : nullptr;
}

absl::Status FetchProfile(omnihub::sdk::Adapter& adapter, const std::string& account) {
  omnihub::sdk::FetchRequest request;
  request.account_ids = {account};
  request.sections = {omnihub::v1::SECTION_PROFILE};
  std::promise<absl::Status> promise;
  adapter.Fetch(request, omnihub::sdk::CallContext::WithTimeout(10s),
                [&promise](absl::StatusOr<omnihub::sdk::SourceData> data) {
                  promise.set_value(data.ok() && data->profile ? absl::OkStatus() : data.status());
                });
  return promise.get_future().get();
}

void BM_ConnectorInquiry(benchmark::State& state) {
  const int callers = static_cast<int>(state.range(0));
  IoThreads io(2);
  auto adapter = MakeConnector(io);
  if (!adapter) {
    state.SkipWithError("no connector (mapping or simulator missing?)");
    return;
  }
  static const auto world = omnihub::world::Generate({.seed = 42, .customers = 1000});
  // Warm up: every session signed on.
  for (int i = 0; i < kPoolSize; ++i) (void)FetchProfile(*adapter, kAccount);
  std::mutex mutex;
  std::vector<double> latencies_us;
  std::string failure;
  for (auto _ : state) {
    std::vector<std::thread> threads;
    for (int c = 0; c < callers; ++c) {
      threads.emplace_back([&, c] {
        std::vector<double> mine;
        absl::Status status;
        for (int i = 0; i < kPerCaller && status.ok(); ++i) {
          const auto& account =
              world.mainframe_accounts[(c * kPerCaller + i) % world.mainframe_accounts.size()];
          const auto start = std::chrono::steady_clock::now();
          status = FetchProfile(*adapter, account.account_number);
          mine.push_back(
              std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - start)
                  .count());
        }
        std::lock_guard lock(mutex);
        if (!status.ok()) failure = std::string(status.message());
        latencies_us.insert(latencies_us.end(), mine.begin(), mine.end());
      });
    }
    for (auto& thread : threads) thread.join();
    if (!failure.empty()) {
      state.SkipWithError(failure.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * callers * kPerCaller);
  std::sort(latencies_us.begin(), latencies_us.end());
  if (!latencies_us.empty()) {
    state.counters["p50_us"] = latencies_us[latencies_us.size() / 2];
    state.counters["p99_us"] =
        latencies_us[std::min(latencies_us.size() - 1, latencies_us.size() * 99 / 100)];
  }
}
BENCHMARK(BM_ConnectorInquiry)
    ->ArgName("callers")
    ->Arg(1)
    ->Arg(8)
    ->Arg(16)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

void BM_SessionMemory(benchmark::State& state) {
  const int sessions = 64;
  for (auto _ : state) {
    IoThreads io(1);
    const std::size_t before = mallinfo2().uordblks;
    auto pool = MakePool(io, sessions);
    if (!pool) {
      state.SkipWithError("no pool (simulator not reachable?)");
      break;
    }
    const std::size_t after = mallinfo2().uordblks;
    state.counters["heap_bytes_per_session"] =
        static_cast<double>(after - before) / static_cast<double>(sessions);
    pool->Shutdown();
  }
}
BENCHMARK(BM_SessionMemory)->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace

int main(int argc, char** argv) {
  const pid_t simulator = StartSimulator();
  if (simulator <= 0 || g_sim_port == 0) {
    fprintf(stderr, "tn3270_pool_bench: could not start the simulator\n");
    return 1;
  }
  benchmark::Initialize(&argc, argv);
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  kill(simulator, SIGTERM);
  waitpid(simulator, nullptr, 0);
  return 0;
}
