#include "adapters/mapping/engine/connector_mapping.h"

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::mapping::engine {

absl::StatusOr<std::shared_ptr<const CompiledSystem>> CompileConnectorMapping(
    const std::string& path, const std::string& connector, const std::string& system) {
  CompileResult compiled = CompileMappingFile(path);
  if (!compiled.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the mapping ", path, " has ",
                                                   compiled.diagnostics.size(), " error(s):\n",
                                                   FormatDiagnostics(compiled.diagnostics)));
  }
  const CompiledSystem& mapping = *compiled.system;
  if (mapping.connector != connector) {
    return absl::InvalidArgumentError(absl::StrCat("the mapping ", mapping.file,
                                                   " is for connector '", mapping.connector,
                                                   "', not ", connector));
  }
  if (mapping.name != system) {
    return absl::InvalidArgumentError(
        absl::StrCat("the mapping ", mapping.file, " describes system '", mapping.name,
                     "'; its records would be labelled so: name the adapter '", mapping.name, "'"));
  }
  return std::move(compiled.system);
}

}  // namespace omnihub::mapping::engine
