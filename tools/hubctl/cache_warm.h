// `hubctl cache warm FILE`: the list of customers to load into the hub's cache, and the loading
// itself (GetCustomer360 calls, rate-limited, a bounded number at once).
#pragma once

#include <grpcpp/channel.h>

#include <chrono>
#include <functional>
#include <istream>
#include <memory>
#include <string>
#include <vector>

#include "omnihub/v1/common.pb.h"

namespace omnihub::hubctl {

// One customer of the file, and where it was.
struct WarmEntry {
  int line = 0;
  v1::CustomerRef ref;
};

struct WarmFile {
  std::vector<WarmEntry> entries;
  // "line N: what is wrong" for every line that was skipped.
  std::vector<std::string> problems;
};

// Reads one customer per line, in the syntax of hubctl's reference options without or with the
// dashes: "email jane.doe@example.com", "--phone 07700 900123", "account erp:C001234",
// "id C-0123456789abcdef", "--twitter=@janedoe". Blank lines and lines starting with '#' are
// skipped; bad lines are reported (with their number) and skipped. Lines longer than 4 KiB and
// files of more than 1,000,000 lines are refused line by line / beyond the limit.
WarmFile ParseWarmFile(std::istream& in);

struct WarmOptions {
  // Calls started per second at most, and at once at most.
  double rate = 10;
  int concurrency = 4;
  // Deadline of each call.
  std::chrono::milliseconds timeout{5000};
};

struct WarmProgress {
  size_t total = 0;
  size_t done = 0;
  size_t warmed = 0;
  size_t not_found = 0;
  size_t failed = 0;
};

// Calls GetCustomer360 for every entry, at most `options.rate` starts a second and
// `options.concurrency` in flight. `on_progress` runs after each answer (on a gRPC thread, one
// at a time); `on_failure` for each failed entry with its line and the error. Blocks until all
// have answered; returns the final counts.
WarmProgress WarmCache(const std::shared_ptr<grpc::Channel>& channel,
                       const std::vector<WarmEntry>& entries, const WarmOptions& options,
                       const std::function<void(const WarmProgress&)>& on_progress,
                       const std::function<void(int line, const std::string& error)>& on_failure);

}  // namespace omnihub::hubctl
