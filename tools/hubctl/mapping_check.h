// `hubctl mappings check`: compiles every mapping file of a workspace with the mapping engine
// (XSD validation, then meaning: canonical fields, selectors, transforms, types, requests) and
// gathers every problem of every file, plus problems between files (two files declaring the same
// system) and in the landscape file.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/diagnostic.h"
#include "adapters/mapping/engine/landscape_compiler.h"
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
  // The landscape file compiled (its systems checked against the systems that compiled), when
  // the workspace has one and it has no problem.
  std::optional<mapping::engine::CompiledLandscape> landscape;
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
