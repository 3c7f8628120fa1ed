// pos-sim: the stores' tills of a generated world.
//
// Files: the end-of-day POSLog exports a store system drops for the head office: every POS
// transaction of the world as ARTS POSLog XML, one file per store and business day, written under
// a temporary name and renamed when complete (the poslog connector's file-drop contract,
// adapters/poslog/README.md).
//
// Live: with --publish, the tills keep selling: new transactions of the stores' regulars
// (returns too, in both till styles) at --rate per second, each published at once on a ZeroMQ PUB
// socket bound to the endpoint as two frames, "poslog/<store id>" and a POSLog document holding
// the transaction (the poslog connector's `feed`). When stopped (SIGINT/SIGTERM, or after
// --count), the live transactions are also dropped as that day's export files, as a store system
// would at closing time, so the connector sees each receipt both live and in a file.
//
//   pos-sim --seed 42 --customers 1000 --drop-dir DIR                  files, then exit
//   pos-sim --drop-dir DIR --publish tcp://127.0.0.1:5556 --rate 2     files, then live until
//   stopped
//
// See tools/simulators/pos/README.md.
#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "adapters/poslog/poslog_writer.h"
#include "tools/simulators/pos/live_tills.h"
#include "tools/simulators/world/world.h"

namespace po = boost::program_options;
namespace fs = std::filesystem;
using omnihub::world::PosTransaction;

namespace {

std::atomic<bool> stop_requested{false};

void RequestStop(int) { stop_requested = true; }

// One export per store and business day, as a store system would send them; `suffix` keeps the
// names of different runs apart.
void WriteExports(const std::vector<PosTransaction>& transactions, const std::string& drop_dir,
                  const std::string& suffix) {
  std::map<std::string, std::vector<PosTransaction>> exports;
  for (const auto& transaction : transactions) {
    exports[transaction.store_id + "-" + omnihub::world::FormatDate(transaction.business_day) +
            suffix]
        .push_back(transaction);
  }
  for (const auto& [name, contents] : exports) {
    const auto final_path = fs::path(drop_dir) / (name + ".xml");
    const auto partial_path = fs::path(drop_dir) / (name + ".xml.part");
    {
      std::ofstream out(partial_path, std::ios::binary | std::ios::trunc);
      out << omnihub::poslog::WritePoslog(contents);
      if (!out.flush()) throw std::runtime_error("cannot write " + partial_path.string());
    }
    fs::rename(partial_path, final_path);
  }
}

struct LiveOptions {
  std::string endpoint;
  std::string ready_file;
  double rate = 2;
  int64_t count = 0;
  int64_t first_sequence = 0;
  std::vector<std::string> cards;
};

// Sells and publishes until stopped; returns what was sold.
std::vector<PosTransaction> RunLive(const omnihub::world::World& world, uint64_t seed,
                                    const LiveOptions& options) {
  omnihub::pos_sim::LiveTills tills(world, seed, options.first_sequence, options.cards);
  zmq::context_t context(1);
  zmq::socket_t socket(context, zmq::socket_type::pub);
  socket.set(zmq::sockopt::linger, 1000);  // let the last messages out when stopping
  std::string endpoint = options.endpoint;
  if (endpoint.size() > 2 && endpoint.compare(endpoint.size() - 2, 2, ":0") == 0) {
    endpoint.replace(endpoint.size() - 1, 1, "*");  // ZeroMQ's "any free port"
  }
  socket.bind(endpoint);
  const std::string bound = socket.get(zmq::sockopt::last_endpoint);
  if (!options.ready_file.empty()) {
    const std::string temporary = options.ready_file + ".tmp";
    std::ofstream(temporary) << "pos=" << bound << "\n";
    fs::rename(temporary, options.ready_file);
  }
  std::cerr << "pos-sim: publishing live POSLog on " << bound << " at " << options.rate
            << " transactions/s" << std::endl;

  std::vector<PosTransaction> sold;
  int64_t returns = 0;
  const auto start = std::chrono::steady_clock::now();
  const auto interval = std::chrono::duration<double>(1.0 / options.rate);
  for (int64_t n = 0; !stop_requested && (options.count == 0 || n < options.count); ++n) {
    const auto due = start + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                 interval * static_cast<double>(n));
    while (!stop_requested && std::chrono::steady_clock::now() < due) {
      std::this_thread::sleep_until(
          std::min(due, std::chrono::steady_clock::now() + std::chrono::milliseconds(100)));
    }
    if (stop_requested) break;
    PosTransaction transaction =
        tills.Next(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
    const std::string topic = "poslog/" + transaction.store_id;
    const std::string document =
        omnihub::poslog::WritePoslog(std::span<const PosTransaction>(&transaction, 1));
    socket.send(zmq::buffer(topic), zmq::send_flags::sndmore);
    socket.send(zmq::buffer(document), zmq::send_flags::none);
    returns += transaction.is_return;
    sold.push_back(std::move(transaction));
  }
  std::cerr << "pos-sim: published " << sold.size() << " live transactions (" << returns
            << " returns) on " << bound << std::endl;
  return sold;
}

}  // namespace

int main(int argc, char** argv) {
  uint64_t seed = 42;
  int customers = 1000;
  std::string drop_dir;
  LiveOptions live;
  po::options_description options("pos-sim options");
  options.add_options()("help", "this help")("seed", po::value(&seed)->default_value(seed),
                                             "world seed")(
      "customers", po::value(&customers)->default_value(customers), "world size (people)")(
      "drop-dir", po::value(&drop_dir),
      "directory the POSLog export files are dropped in (the world's history at start, the live "
      "transactions when stopped)")(
      "publish", po::value(&live.endpoint),
      "sell live and publish each transaction on a ZeroMQ PUB socket bound here, e.g. "
      "tcp://127.0.0.1:5556 (port 0: a free port, see --ready-file)")(
      "rate", po::value(&live.rate)->default_value(live.rate),
      "live transactions per second (0.01..100000)")("count",
                                                     po::value(&live.count)->default_value(0),
                                                     "stop after N live transactions (0: never)")(
      "live-card", po::value(&live.cards)->composing(),
      "sell live only to this loyalty card's holder (repeatable; default: the stores' regulars, "
      "card holders with till history)")(
      "first-sequence", po::value(&live.first_sequence),
      "first live receipt's sequence number (default: from the time of day, so a restarted "
      "simulator does not repeat receipts)")("ready-file", po::value(&live.ready_file),
                                             "write pos=ENDPOINT here once publishing");
  try {
    po::variables_map values;
    po::store(po::parse_command_line(argc, argv, options), values);
    if (values.count("help")) {
      std::cout << options << "\n";
      return 0;
    }
    po::notify(values);
    if (customers < 1 || customers > 1000000) {
      throw std::runtime_error("--customers must be within 1..1000000");
    }
    if (drop_dir.empty() && live.endpoint.empty()) {
      throw std::runtime_error("nothing to do: give --drop-dir, --publish or both");
    }
    if (!(live.rate >= 0.01 && live.rate <= 100000)) {
      throw std::runtime_error("--rate must be within 0.01..100000");
    }
    if (live.count < 0) throw std::runtime_error("--count must not be negative");
    if (!values.count("first-sequence")) {
      const auto now = std::chrono::system_clock::now();
      const auto since_midnight = now - std::chrono::floor<std::chrono::days>(now);
      // 100 receipts a second of headroom between runs on the same day.
      live.first_sequence =
          1000000 + std::chrono::duration_cast<std::chrono::seconds>(since_midnight).count() * 100;
    }
    if (live.first_sequence < 0) throw std::runtime_error("--first-sequence must not be negative");
  } catch (const std::exception& error) {
    std::cerr << "pos-sim: " << error.what() << "\n" << options;
    return 2;
  }

  try {
    const auto world = omnihub::world::Generate({.seed = seed, .customers = customers});
    if (!drop_dir.empty()) {
      fs::create_directories(drop_dir);
      WriteExports(world.pos_transactions, drop_dir, "");
      std::cout << "pos-sim: " << world.pos_transactions.size() << " transactions of the world's "
                << "history in POSLog files in " << drop_dir << std::endl;
    }
    if (!live.endpoint.empty()) {
      std::signal(SIGINT, RequestStop);
      std::signal(SIGTERM, RequestStop);
      const auto sold = RunLive(world, seed, live);
      if (!drop_dir.empty() && !sold.empty()) {
        WriteExports(sold, drop_dir, "-live-" + std::to_string(live.first_sequence));
        std::cout << "pos-sim: " << sold.size() << " live transactions in POSLog files in "
                  << drop_dir << std::endl;
      }
    }
  } catch (const zmq::error_t& error) {
    std::cerr << "pos-sim: cannot publish on '" << live.endpoint << "': " << error.what() << "\n";
    return 1;
  } catch (const std::exception& error) {
    std::cerr << "pos-sim: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
