// `hubctl mappings check`: compiles every mapping file of a workspace with the mapping engine
// (XSD validation, then meaning: canonical fields, selectors, transforms, types, requests) and
// gathers every problem of every file, plus problems between files (two files declaring the same
// system) and in the landscape file.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/diagnostic.h"
#include "tools/hubctl/mapping_workspace.h"

namespace omnihub::hubctl {

struct CheckedSystem {
  std::filesystem::path file;
  std::shared_ptr<const mapping::engine::CompiledSystem> system;
};

struct CheckReport {
  int files_checked = 0;
  // Files that compiled without a problem, in name order.
  std::vector<CheckedSystem> systems;
  // Every problem, file by file, each file's in its own order.
  std::vector<mapping::engine::Diagnostic> diagnostics;
  // What was not checked and why (printed, never a failure).
  std::vector<std::string> notes;

  bool ok() const { return diagnostics.empty(); }
  int files_with_problems() const;
};

// Thread-safe (each call has its own state).
CheckReport CheckMappings(const MappingWorkspace& workspace);

}  // namespace omnihub::hubctl
