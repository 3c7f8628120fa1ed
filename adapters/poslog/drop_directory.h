// A file-drop directory of POSLog documents, each ingested exactly once.
//
// Contract:
//  - Writers write a file under another name (anything not ending in ".xml", e.g. "x.xml.tmp")
//    and rename it to "<name>.xml" when complete; rename is atomic within one file system, so a
//    half-written document is never seen.
//  - Sweep() takes every regular "*.xml" file directly in the directory, in name order: a file
//    that parses is handed to the sink transaction by transaction and then moved to
//    "processed/<name>"; a file that does not (bad XML, DOCTYPE, over the size limit, bad
//    amounts...) is moved to "quarantine/<name>" with "quarantine/<name>.reason.txt" holding the
//    reason. A name already taken there gets a ".<n>" suffix. Nothing throws; file-system failures
//    come back as statuses and leave the file where it was.
//  - Not thread-safe: one sweeper per directory (the adapter's ingest thread).
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/poslog/poslog_parser.h"

namespace omnihub::poslog {

struct SweepResult {
  size_t files_processed = 0;
  size_t files_quarantined = 0;
  size_t transactions = 0;
};

class DropDirectory {
 public:
  using Sink = std::function<void(PoslogTransaction)>;

  // Creates `processed/` and `quarantine/` under `directory` when missing; INVALID_ARGUMENT when
  // `directory` does not exist or is not a directory.
  static absl::StatusOr<DropDirectory> Open(std::filesystem::path directory,
                                            PoslogLimits limits = {});

  absl::StatusOr<SweepResult> Sweep(const Sink& sink);

  const std::filesystem::path& directory() const { return directory_; }

 private:
  DropDirectory(std::filesystem::path directory, PoslogLimits limits)
      : directory_(std::move(directory)), limits_(limits) {}

  absl::Status MoveAside(const std::filesystem::path& file, const std::string& subdirectory,
                         const std::string* reason);

  std::filesystem::path directory_;
  PoslogLimits limits_;
};

}  // namespace omnihub::poslog
