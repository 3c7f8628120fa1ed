// Which files `hubctl mappings` commands work on: the mapping files of a mappings directory
// (DIR/systems/*.xml, or DIR/*.xml when there is no systems/ folder, or one FILE.xml), each
// system's golden samples folder, and the landscape file if there is one.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::hubctl {

struct MappingWorkspace {
  std::filesystem::path root;  // as given (DIR, or FILE's folder)
  // In name order.
  std::vector<std::filesystem::path> system_files;
  // DIR/landscape.xml when it exists.
  std::optional<std::filesystem::path> landscape;
};

// The directory used when none is given.
inline constexpr char kDefaultMappingsDir[] = "mappings";

// NOT_FOUND when `dir` does not exist or holds no mapping file (the message says where it
// looked); INVALID_ARGUMENT for a file that is not .xml.
absl::StatusOr<MappingWorkspace> FindMappingFiles(const std::filesystem::path& dir);

// systems/<name>/samples beside systems/<name>.xml (it may not exist).
std::filesystem::path SamplesDirFor(const std::filesystem::path& system_file);

}  // namespace omnihub::hubctl
