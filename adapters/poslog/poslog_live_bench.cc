// Live POSLog ingestion throughput: world transactions published on a ZeroMQ PUB socket over
// loopback TCP, received by LiveFeed, parsed and added to a TransactionIndex (items/s =
// transactions per second into the index). The argument is the transactions per message: 1 is
// what pos-sim and a till send, 50 a store system batching. 1000 transactions per iteration, a
// fresh index each time. Run: build-pos/adapters/poslog/poslog_live_bench
#include <benchmark/benchmark.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <span>
#include <zmq.hpp>

#include "adapters/poslog/live_feed.h"
#include "adapters/poslog/poslog_writer.h"
#include "adapters/poslog/transaction_index.h"

namespace {

using omnihub::poslog::LiveFeed;
using omnihub::poslog::PoslogTransaction;
using omnihub::poslog::TransactionIndex;

constexpr size_t kTransactions = 1000;

struct Message {
  std::string topic;
  std::string document;
};

void BM_LiveFeedIntoIndex(benchmark::State& state) {
  const size_t per_message = static_cast<size_t>(state.range(0));
  omnihub::world::GeneratorOptions options;
  options.customers = 1000;
  const auto world = omnihub::world::Generate(options);
  // Messages of `per_message` transactions of one store.
  std::map<std::string, std::vector<omnihub::world::PosTransaction>> by_store;
  for (size_t i = 0; i < std::min(kTransactions, world.pos_transactions.size()); ++i) {
    by_store[world.pos_transactions[i].store_id].push_back(world.pos_transactions[i]);
  }
  std::vector<Message> messages;
  size_t total = 0;
  for (const auto& [store, transactions] : by_store) {
    std::span<const omnihub::world::PosTransaction> all(transactions);
    for (size_t at = 0; at < all.size(); at += per_message) {
      auto part = all.subspan(at, std::min(per_message, all.size() - at));
      messages.push_back({"poslog/" + store, omnihub::poslog::WritePoslog(part)});
      total += part.size();
    }
  }

  std::mutex mutex;
  std::condition_variable arrived;
  size_t received = 0;
  std::unique_ptr<TransactionIndex> index = std::make_unique<TransactionIndex>(50, 1000000);
  zmq::context_t context(1);
  zmq::socket_t publisher(context, zmq::socket_type::pub);
  publisher.set(zmq::sockopt::sndhwm, 0);
  publisher.bind("tcp://127.0.0.1:*");
  omnihub::poslog::LiveFeedOptions feed_options;
  feed_options.endpoints = {publisher.get(zmq::sockopt::last_endpoint)};
  feed_options.receive_high_water_mark = 0;
  auto feed = LiveFeed::Start(
      feed_options,
      [&](PoslogTransaction t) {
        index->Add(std::move(t));
        std::lock_guard lock(mutex);
        ++received;
        arrived.notify_one();
      },
      nullptr);
  if (!feed.ok()) {
    state.SkipWithError("feed did not start");
    return;
  }
  // Join: send until something arrives.
  for (;;) {
    publisher.send(zmq::buffer(messages[0].topic), zmq::send_flags::sndmore);
    publisher.send(zmq::buffer(messages[0].document), zmq::send_flags::none);
    std::unique_lock lock(mutex);
    if (arrived.wait_for(lock, std::chrono::milliseconds(20), [&] { return received > 0; })) break;
  }
  for (auto _ : state) {
    state.PauseTiming();
    {
      std::unique_lock lock(mutex);
      // Let the join's stragglers land before starting afresh.
      arrived.wait_for(lock, std::chrono::milliseconds(50), [] { return false; });
      received = 0;
      index = std::make_unique<TransactionIndex>(50, 1000000);
    }
    state.ResumeTiming();
    for (const Message& message : messages) {
      publisher.send(zmq::buffer(message.topic), zmq::send_flags::sndmore);
      publisher.send(zmq::buffer(message.document), zmq::send_flags::none);
    }
    std::unique_lock lock(mutex);
    arrived.wait(lock, [&] { return received >= total; });
    benchmark::DoNotOptimize(index->transaction_count());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * total));
  state.counters["messages"] = static_cast<double>(messages.size());
}
BENCHMARK(BM_LiveFeedIntoIndex)->Arg(1)->Arg(50)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
