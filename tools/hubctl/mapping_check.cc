#include "tools/hubctl/mapping_check.h"

#include <map>
#include <set>

#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;

// Compiles the landscape file against the systems whose mapping files compiled (a file with
// problems still declares its system: it is taken from the file name then).
void CheckLandscape(const MappingWorkspace& workspace, CheckReport& report) {
  std::set<std::string> known;
  for (const CheckedSystem& checked : report.systems) known.insert(checked.system->name);
  for (const auto& file : workspace.system_files) known.insert(file.stem().string());
  engine::LandscapeResult result =
      engine::CompileLandscapeFile(workspace.landscape->string(), known);
  report.diagnostics.insert(report.diagnostics.end(), result.diagnostics.begin(),
                            result.diagnostics.end());
  report.landscape = std::move(result.landscape);
}

}  // namespace

int CheckReport::files_with_problems() const {
  std::set<std::string> files;
  for (const auto& d : diagnostics) files.insert(d.file);
  return static_cast<int>(files.size());
}

CheckReport CheckMappings(const MappingWorkspace& workspace) {
  CheckReport report;
  std::map<std::string, std::string> file_by_system;
  for (const auto& file : workspace.system_files) {
    ++report.files_checked;
    engine::CompileResult result = engine::CompileMappingFile(file.string());
    report.diagnostics.insert(report.diagnostics.end(), result.diagnostics.begin(),
                              result.diagnostics.end());
    if (!result.ok()) continue;
    const auto [it, inserted] = file_by_system.emplace(result.system->name, file.string());
    if (!inserted) {
      report.diagnostics.push_back({file.string(), 0, 0,
                                    "system '" + result.system->name + "' is already declared by " +
                                        it->second +
                                        ": each system has one mapping file (rename one of them)"});
      continue;
    }
    report.systems.push_back({file, std::move(result.system)});
  }
  if (workspace.landscape) {
    ++report.files_checked;
    CheckLandscape(workspace, report);
  }
  return report;
}

}  // namespace omnihub::hubctl
