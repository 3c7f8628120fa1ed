// erp-load: writes the generated world's ERP slice into an ERP database over ODBC.
//
//   erp-load --seed 42 --customers 1000 --connection 'Driver=OmnihubSQLite3;Database=/tmp/erp.db'
//   erp-load --connection "$OMNIHUB_TEST_PG_CONNECTION" --replace
//
// Drivers and DSNs come from ODBCSYSINI/ODBCINI (source tools/odbc-env.sh). The connection string
// is never printed (it may hold a password).
#include <boost/program_options.hpp>
#include <charconv>
#include <chrono>
#include <iostream>
#include <string>

#include "adapters/odbc/connection.h"
#include "tools/simulators/erp/erp_loader.h"
#include "tools/simulators/world/world.h"

namespace {

namespace po = boost::program_options;

int Run(int argc, char** argv) {
  po::options_description options("erp-load options");
  options.add_options()("help", "show this help")(
      "seed", po::value<std::string>()->default_value("42"), "random seed, 0..2^64-1")(
      "customers", po::value<int>()->default_value(1000), "people in the world (1..1000000)")(
      "connection", po::value<std::string>(), "ODBC connection string or DSN name (required)")(
      "batch", po::value<int>()->default_value(1000), "rows per transaction (1..100000)")(
      "replace", "drop and recreate the ERP tables first");
  po::variables_map vm;
  try {
    po::store(po::parse_command_line(argc, argv, options), vm);
    po::notify(vm);
  } catch (const po::error& error) {
    std::cerr << "erp-load: " << error.what() << "\n" << options;
    return 2;
  }
  if (vm.count("help")) {
    std::cout << options;
    return 0;
  }
  if (!vm.count("connection")) {
    std::cerr << "erp-load: --connection is required\n" << options;
    return 2;
  }
  const std::string seed_text = vm["seed"].as<std::string>();
  uint64_t seed = 0;
  auto [end, error] = std::from_chars(seed_text.data(), seed_text.data() + seed_text.size(), seed);
  if (error != std::errc() || end != seed_text.data() + seed_text.size()) {
    std::cerr << "erp-load: --seed must be an integer in [0, 2^64-1], got '" << seed_text << "'\n";
    return 2;
  }
  const int customers = vm["customers"].as<int>();
  if (customers < 1 || customers > 1000000) {
    std::cerr << "erp-load: --customers must be in [1, 1000000], got " << customers << "\n";
    return 2;
  }
  const int batch = vm["batch"].as<int>();
  if (batch < 1 || batch > 100000) {
    std::cerr << "erp-load: --batch must be in [1, 100000], got " << batch << "\n";
    return 2;
  }

  auto started = std::chrono::steady_clock::now();
  omnihub::world::GeneratorOptions generator;
  generator.seed = seed;
  generator.customers = customers;
  const omnihub::world::World world = omnihub::world::Generate(generator);

  auto environment = omnihub::odbc::Environment::Create();
  if (!environment.ok()) {
    std::cerr << "erp-load: " << environment.status().message() << "\n";
    return 1;
  }
  auto connection =
      omnihub::odbc::Connection::Open(*environment, vm["connection"].as<std::string>(),
                                      omnihub::odbc::Clock::now() + std::chrono::seconds(30));
  if (!connection.ok()) {
    std::cerr << "erp-load: " << connection.status().message() << "\n";
    return 1;
  }
  omnihub::erp::LoadOptions load;
  load.batch_rows = batch;
  load.replace = vm.count("replace") > 0;
  auto counts = omnihub::erp::LoadErp(world, **connection, load);
  if (!counts.ok()) {
    std::cerr << counts.status().message() << "\n";
    return 1;
  }
  auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "erp-load: " << (*connection)->dbms_name() << ": " << counts->customers
            << " customers, " << counts->addresses << " addresses, " << counts->products
            << " products, " << counts->return_policies << " return policies, " << counts->orders
            << " orders, " << counts->order_lines << " order lines, " << counts->shipments
            << " shipments, " << counts->invoices << " invoices, " << counts->returns
            << " returns (" << counts->total() << " rows) in " << seconds << " s\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
