// hubctl cache stats | cache warm FILE: the hub's aggregate cache. Stats come from the admin
// port's /cache JSON (no gRPC method for operators' figures); warming uses GetCustomer360.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tools/hubctl/admin_http.h"
#include "tools/hubctl/cache_warm.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

std::string Mib(double bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << bytes / (1024.0 * 1024.0) << " MiB";
  return out.str();
}

int Stats(const po::variables_map& flags, HubConnection& hub) {
  const std::string address = AdminAddress(flags, hub);
  const auto reply =
      AdminGet(address, "/cache", std::chrono::milliseconds(hub.options().timeout_ms));
  if (reply.status == 0) {
    std::cerr << "hubctl: " << reply.error << " (set --admin HOST:PORT)\n";
    return kExitUnreachable;
  }
  if (reply.status != 200) {
    std::cerr << "hubctl: the admin port at " << address << " answered HTTP " << reply.status
              << " for /cache (is this hubd with the aggregate cache?)\n";
    return kExitOtherError;
  }
  const auto stats = nlohmann::json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!stats.is_object()) {
    std::cerr << "hubctl: the admin port's /cache answer is not a JSON object\n";
    return kExitOtherError;
  }
  if (hub.options().json) {
    std::cout << stats.dump(2) << "\n";
    return kExitOk;
  }
  if (!stats.value("enabled", false)) {
    std::cout << "the aggregate cache is off (<cache enabled=\"false\"> in the hub's "
                 "configuration)\n";
    return kExitOk;
  }
  auto number = [&](const char* key) { return stats.value(key, 0.0); };
  auto count = [&](const char* key) { return stats.value(key, static_cast<uint64_t>(0)); };
  std::cout << std::left;
  auto row = [](const char* name, const std::string& value) {
    std::cout << "  " << std::setw(16) << name << value << "\n";
  };
  std::ostringstream ratio;
  ratio << std::fixed << std::setprecision(1) << 100.0 * number("hit_ratio") << " % (hits "
        << count("hits") << ", misses " << count("misses") << ")";
  std::cout << "aggregate cache at " << address << "\n";
  row("size", Mib(number("size_bytes")) + " of " + Mib(number("max_bytes")) + " (sections " +
                  Mib(number("section_bytes")) + ", kept answers " + Mib(number("reply_bytes")) +
                  ")");
  row("entries", std::to_string(count("entries")) + " sections, " +
                     std::to_string(count("replies")) + " kept answers");
  row("hit ratio", ratio.str() + ", sections");
  row("answers sent", std::to_string(count("reply_hits")) + " kept answers sent as they were");
  row("evictions", std::to_string(count("evictions")));
  row("stale serves", std::to_string(count("stale_serves")));
  row("refreshes", std::to_string(count("refreshes")) + " (" +
                       std::to_string(count("refresh_failures")) + " failed)");
  row("invalidations", std::to_string(count("invalidations")));
  row("in flight", std::to_string(count("backend_calls_in_flight")) + " backend calls");
  return kExitOk;
}

// Draws "[#####.....]  40/100  warmed 38  not found 1  failed 1" on a terminal (one line, redrawn),
// or prints a plain line at every tenth otherwise.
class ProgressPrinter {
 public:
  explicit ProgressPrinter(bool terminal) : terminal_(terminal) {}

  void Update(const WarmProgress& progress) {
    if (terminal_) {
      constexpr int kWidth = 30;
      const int filled =
          progress.total == 0 ? kWidth : static_cast<int>(kWidth * progress.done / progress.total);
      std::fprintf(stderr, "\r[%s%s] %zu/%zu  warmed %zu  not found %zu  failed %zu",
                   std::string(static_cast<size_t>(filled), '#').c_str(),
                   std::string(static_cast<size_t>(kWidth - filled), '.').c_str(), progress.done,
                   progress.total, progress.warmed, progress.not_found, progress.failed);
      if (progress.done == progress.total) std::fputc('\n', stderr);
      std::fflush(stderr);
      return;
    }
    const size_t tenth = progress.total * (next_tenth_) / 10;
    if (progress.done >= tenth || progress.done == progress.total) {
      std::fprintf(stderr, "progress: %zu/%zu (warmed %zu, not found %zu, failed %zu)\n",
                   progress.done, progress.total, progress.warmed, progress.not_found,
                   progress.failed);
      while (next_tenth_ <= 10 && progress.total * next_tenth_ / 10 <= progress.done) {
        ++next_tenth_;
      }
    }
  }

  void Failure(int line, const std::string& error) {
    std::fprintf(stderr, "%sline %d: %s\n", terminal_ ? "\r\x1b[K" : "", line, error.c_str());
  }

 private:
  const bool terminal_;
  size_t next_tenth_ = 1;
};

int Warm(const po::variables_map& flags, HubConnection& hub) {
  if (!flags.count("file")) throw UsageError("name the FILE of customers to warm");
  const std::string path = flags["file"].as<std::string>();
  WarmOptions options;
  options.rate = flags["rate"].as<double>();
  options.concurrency = flags["concurrency"].as<int>();
  options.timeout = std::chrono::milliseconds(hub.options().timeout_ms);
  if (!(options.rate > 0 && options.rate <= 1000)) {
    throw UsageError("--rate must be more than 0 and at most 1000 calls a second");
  }
  if (options.concurrency < 1 || options.concurrency > 64) {
    throw UsageError("--concurrency must be between 1 and 64");
  }
  std::ifstream in(path);
  if (!in) {
    std::cerr << "hubctl: cannot read " << path << "\n";
    return kExitOtherError;
  }
  const WarmFile file = ParseWarmFile(in);
  for (const auto& problem : file.problems) std::cerr << path << ": " << problem << " (skipped)\n";

  ProgressPrinter printer(isatty(STDERR_FILENO) == 1);
  const WarmProgress result = WarmCache(
      hub.channel(), file.entries, options,
      [&](const WarmProgress& progress) { printer.Update(progress); },
      [&](int line, const std::string& error) { printer.Failure(line, error); });
  if (hub.options().json) {
    std::cout << nlohmann::json{{"warmed", result.warmed},
                                {"not_found", result.not_found},
                                {"failed", result.failed},
                                {"skipped_lines", file.problems.size()}}
                     .dump(2)
              << "\n";
  } else {
    std::cout << "warmed " << result.warmed << ", not found " << result.not_found << ", failed "
              << result.failed << ", skipped lines " << file.problems.size() << "\n";
  }
  if (result.done > 0 && result.failed == result.done) return kExitOtherError;
  return kExitOk;
}

}  // namespace

void AddCacheCommands(std::vector<Command>& commands) {
  commands.push_back({"cache", "stats", "[--admin HOST:PORT]",
                      "the aggregate cache's size, entries, hit ratio, evictions, refreshes "
                      "(from the admin port)",
                      [](po::options_description& options, po::positional_options_description&) {
                        options.add_options()(
                            "admin", po::value<std::string>(),
                            "hubd's admin address (default $OMNIHUB_ADMIN, else the --hub host "
                            "with port 9464)");
                      },
                      Stats});
  commands.push_back(
      {"cache", "warm", "FILE [--rate N] [--concurrency N]",
       "load the customers listed in FILE (one reference per line, e.g. \"email x@y\") into the "
       "cache",
       [](po::options_description& options, po::positional_options_description& positional) {
         options.add_options()("file", po::value<std::string>(), "the list of customers")(
             "rate", po::value<double>()->default_value(10),
             "calls started per second at most (protects the backends), up to 1000")(
             "concurrency", po::value<int>()->default_value(4), "calls at once at most, 1..64");
         positional.add("file", 1);
       },
       Warm});
}

}  // namespace omnihub::hubctl
