// File-drop directory of POSLog documents (see drop_directory.h).
#include "adapters/poslog/drop_directory.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <vector>

#include "absl/strings/str_cat.h"

namespace omnihub::poslog {

namespace fs = std::filesystem;

absl::StatusOr<DropDirectory> DropDirectory::Open(fs::path directory, PoslogLimits limits) {
  std::error_code error;
  if (!fs::is_directory(directory, error)) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog drop directory '", directory.string(), "' is not a directory"));
  }
  for (const char* sub : {"processed", "quarantine"}) {
    fs::create_directories(directory / sub, error);
    if (error) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot create '", (directory / sub).string(), "': ", error.message()));
    }
  }
  return DropDirectory(std::move(directory), limits);
}

absl::Status DropDirectory::MoveAside(const fs::path& file, const std::string& subdirectory,
                                      const std::string* reason) {
  std::error_code error;
  fs::path target = directory_ / subdirectory / file.filename();
  for (int n = 1; fs::exists(target, error) ||
                  (reason != nullptr && fs::exists(target.string() + ".reason.txt", error));
       ++n) {
    target = directory_ / subdirectory / absl::StrCat(file.filename().string(), ".", n);
  }
  if (reason != nullptr) {
    std::ofstream out(target.string() + ".reason.txt", std::ios::trunc);
    out << *reason << "\n";
  }
  fs::rename(file, target, error);
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot move '", file.string(), "' to '",
                                               target.string(), "': ", error.message()));
  }
  return absl::OkStatus();
}

absl::StatusOr<SweepResult> DropDirectory::Sweep(const Sink& sink) {
  std::error_code error;
  std::vector<fs::path> files;
  for (fs::directory_iterator it(directory_, error), end; !error && it != end;
       it.increment(error)) {
    if (it->path().extension() != ".xml") continue;
    std::error_code type_error;
    if (!it->is_regular_file(type_error)) continue;
    files.push_back(it->path());
  }
  if (error) {
    return absl::UnavailableError(absl::StrCat("cannot list POSLog drop directory '",
                                               directory_.string(), "': ", error.message()));
  }
  std::sort(files.begin(), files.end());
  SweepResult result;
  for (const fs::path& file : files) {
    std::string reason;
    std::vector<PoslogTransaction> parsed;
    std::uintmax_t size = fs::file_size(file, error);
    if (error) continue;  // gone meanwhile
    if (size > limits_.max_document_bytes) {
      reason = absl::StrCat("file of ", size, " bytes is over the limit of ",
                            limits_.max_document_bytes, " bytes");
    } else {
      std::ifstream in(file, std::ios::binary);
      std::ostringstream text;
      text << in.rdbuf();
      auto transactions = ParsePoslog(text.str(), limits_);
      if (transactions.ok()) {
        parsed = *std::move(transactions);
      } else {
        reason = std::string(transactions.status().message());
      }
    }
    if (!reason.empty()) {
      if (auto status = MoveAside(file, "quarantine", &reason); !status.ok()) return status;
      ++result.files_quarantined;
      continue;
    }
    result.transactions += parsed.size();
    for (auto& transaction : parsed) sink(std::move(transaction));
    if (auto status = MoveAside(file, "processed", nullptr); !status.ok()) return status;
    ++result.files_processed;
  }
  return result;
}

}  // namespace omnihub::poslog
