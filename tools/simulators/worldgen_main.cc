// worldgen: writes a generated retail world as one JSON Lines file per system's table, plus the
// ground truth (truth.csv: system,account_id,person_id).
//
//   worldgen --seed 42 --customers 100000 --anchor 2026-11-01T12:00:00Z --out /tmp/world
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>

#include "tools/simulators/world/world.h"
#include "tools/simulators/world/world_json.h"

namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;
using namespace omnihub::world;

template <typename T>
bool WriteLines(const fs::path& path, const std::vector<T>& items) {
  std::ofstream out(path, std::ios::binary);
  for (const auto& item : items) out << ToJson(item).dump() << '\n';
  out.flush();
  if (!out) std::cerr << "worldgen: cannot write " << path.string() << "\n";
  return static_cast<bool>(out);
}

bool WriteTruth(const fs::path& path, const World& world) {
  std::ofstream out(path, std::ios::binary);
  out << "system,account_id,person_id\n";
  for (const auto& row : world.Truth()) {
    out << SystemName(row.system) << ',' << row.account_id << ',' << row.person_id << '\n';
  }
  out.flush();
  if (!out) std::cerr << "worldgen: cannot write " << path.string() << "\n";
  return static_cast<bool>(out);
}

int Run(int argc, char** argv) {
  po::options_description options("worldgen options");
  options.add_options()("help", "show this help")(
      "seed", po::value<std::string>()->default_value("42"), "random seed, 0..2^64-1")(
      "customers", po::value<int>()->default_value(1000), "people in the world (1..10000000)")(
      "anchor", po::value<std::string>()->default_value("2026-11-01T12:00:00Z"),
      "the world's 'now', UTC, YYYY-MM-DDTHH:MM:SSZ")("out", po::value<std::string>(),
                                                      "output directory (required)");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    std::cerr << "worldgen: " << error.what() << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  GeneratorOptions generator;
  const auto& seed = vm["seed"].as<std::string>();
  auto [seed_end, seed_error] =
      std::from_chars(seed.data(), seed.data() + seed.size(), generator.seed);
  if (seed.empty() || seed_error != std::errc() || seed_end != seed.data() + seed.size()) {
    std::cerr << "worldgen: --seed must be an unsigned 64-bit integer, got '" << seed << "'\n";
    return 2;
  }
  generator.customers = vm["customers"].as<int>();
  if (generator.customers < 1 || generator.customers > 10000000) {
    std::cerr << "worldgen: --customers must be in [1, 10000000], got " << generator.customers
              << "\n";
    return 2;
  }
  auto anchor = ParseIso8601(vm["anchor"].as<std::string>());
  if (!anchor) {
    std::cerr << "worldgen: --anchor must be YYYY-MM-DDTHH:MM:SSZ, got '"
              << vm["anchor"].as<std::string>() << "'\n";
    return 2;
  }
  generator.anchor = *anchor;
  if (!vm.count("out")) {
    std::cerr << "worldgen: --out DIR is required\n" << options;
    return 2;
  }
  fs::path out = vm["out"].as<std::string>();
  std::error_code error;
  fs::create_directories(out, error);
  if (error || !fs::is_directory(out)) {
    std::cerr << "worldgen: cannot create output directory " << out.string() << "\n";
    return 1;
  }

  auto started = std::chrono::steady_clock::now();
  World world = Generate(generator);
  auto generated = std::chrono::steady_clock::now();
  bool ok = WriteLines(out / "people.jsonl", world.people) &&
            WriteLines(out / "mainframe_accounts.jsonl", world.mainframe_accounts) &&
            WriteLines(out / "erp_customers.jsonl", world.erp_customers) &&
            WriteLines(out / "erp_products.jsonl", world.products) &&
            WriteLines(out / "erp_return_policies.jsonl", world.return_policies) &&
            WriteLines(out / "erp_orders.jsonl", world.erp_orders) &&
            WriteLines(out / "erp_returns.jsonl", world.erp_returns) &&
            WriteLines(out / "ecommerce_customers.jsonl", world.ecom_customers) &&
            WriteLines(out / "ecommerce_orders.jsonl", world.ecom_orders) &&
            WriteLines(out / "payment_transactions.jsonl", world.payments) &&
            WriteLines(out / "pos_transactions.jsonl", world.pos_transactions) &&
            WriteTruth(out / "truth.csv", world);
  auto written = std::chrono::steady_clock::now();
  using std::chrono::milliseconds, std::chrono::duration_cast;
  std::cerr << "worldgen: " << world.people.size() << " people generated in "
            << duration_cast<milliseconds>(generated - started).count() << " ms, written in "
            << duration_cast<milliseconds>(written - generated).count() << " ms to " << out.string()
            << "\n";
  return ok ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
