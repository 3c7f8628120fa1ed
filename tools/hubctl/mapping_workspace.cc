#include "tools/hubctl/mapping_workspace.h"

#include <algorithm>
#include <system_error>

namespace omnihub::hubctl {

namespace fs = std::filesystem;

absl::StatusOr<MappingWorkspace> FindMappingFiles(const fs::path& dir) {
  std::error_code error;
  MappingWorkspace workspace;
  if (fs::is_regular_file(dir, error)) {
    if (dir.extension() != ".xml") {
      return absl::InvalidArgumentError(dir.string() + " is not a mapping file (*.xml)");
    }
    workspace.root = dir.parent_path();
    workspace.system_files.push_back(dir);
    return workspace;
  }
  if (!fs::is_directory(dir, error)) {
    return absl::NotFoundError(dir.string() + ": no such directory (give the mappings directory)");
  }
  workspace.root = dir;
  const fs::path systems = fs::is_directory(dir / "systems", error) ? dir / "systems" : dir;
  for (const auto& entry : fs::directory_iterator(systems, error)) {
    if (entry.path().extension() == ".xml" && entry.path().filename() != "landscape.xml" &&
        entry.is_regular_file(error)) {
      workspace.system_files.push_back(entry.path());
    }
  }
  if (error) return absl::NotFoundError(systems.string() + ": " + error.message());
  std::sort(workspace.system_files.begin(), workspace.system_files.end());
  if (workspace.system_files.empty()) {
    return absl::NotFoundError("no mapping file (*.xml) in " + systems.string());
  }
  if (fs::is_regular_file(dir / "landscape.xml", error))
    workspace.landscape = dir / "landscape.xml";
  return workspace;
}

fs::path SamplesDirFor(const fs::path& system_file) {
  return system_file.parent_path() / system_file.stem() / "samples";
}

}  // namespace omnihub::hubctl
