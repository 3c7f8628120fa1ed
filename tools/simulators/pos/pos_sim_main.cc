// pos-sim: the stores' tills of a generated world, as the end-of-day POSLog export a store
// system drops for the head office: every POS transaction of the world as ARTS POSLog XML, one
// file per store and business day, written under a temporary name and renamed when complete
// (the poslog connector's file-drop contract, adapters/poslog/README.md).
//
//   pos-sim --seed 42 --customers 1000 --drop-dir DIR
//
// Exits when every file is written; prints how many transactions and files.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <vector>

#include "adapters/poslog/poslog_writer.h"
#include "tools/simulators/world/world.h"

namespace po = boost::program_options;

int main(int argc, char** argv) {
  uint64_t seed = 42;
  int customers = 1000;
  std::string drop_dir;
  po::options_description options("pos-sim options");
  options.add_options()("help", "this help")("seed", po::value(&seed)->default_value(seed),
                                             "world seed")(
      "customers", po::value(&customers)->default_value(customers), "world size (people)")(
      "drop-dir", po::value(&drop_dir)->required(), "directory the POSLog files are dropped in");
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
  } catch (const std::exception& error) {
    std::cerr << "pos-sim: " << error.what() << "\n" << options;
    return 2;
  }

  try {
    std::filesystem::create_directories(drop_dir);
    const auto world = omnihub::world::Generate({.seed = seed, .customers = customers});
    // One export per store and business day, as a store system would send them.
    std::map<std::string, std::vector<omnihub::world::PosTransaction>> exports;
    for (const auto& transaction : world.pos_transactions) {
      exports[transaction.store_id + "-" + omnihub::world::FormatDate(transaction.business_day)]
          .push_back(transaction);
    }
    for (const auto& [name, transactions] : exports) {
      const auto final_path = std::filesystem::path(drop_dir) / (name + ".xml");
      const auto partial_path = std::filesystem::path(drop_dir) / (name + ".xml.part");
      {
        std::ofstream out(partial_path, std::ios::binary | std::ios::trunc);
        out << omnihub::poslog::WritePoslog(transactions);
        if (!out.flush()) throw std::runtime_error("cannot write " + partial_path.string());
      }
      std::filesystem::rename(partial_path, final_path);
    }
    std::cout << "pos-sim: " << world.pos_transactions.size() << " transactions in "
              << exports.size() << " POSLog files in " << drop_dir << std::endl;
  } catch (const std::exception& error) {
    std::cerr << "pos-sim: " << error.what() << "\n";
    return 1;
  }
  return 0;
}
