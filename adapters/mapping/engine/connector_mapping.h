// The mapping a connector is configured with: read, compiled and checked to be for that connector
// and that system, with the errors a configuration's author can act on. Shared by every
// connector's factory, so they say the same things in the same words.
#pragma once

#include <memory>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"

namespace omnihub::mapping::engine {

// Compiles the mapping file at `path` (already resolved: sdk::ResolveConfigPath) for an adapter
// named `system` of connector type `connector`. INVALID_ARGUMENT, naming the file, when it has
// errors (all of them, one per line: FormatDiagnostics), when it is for another connector, or
// when it describes another system (whose name its records would carry).
absl::StatusOr<std::shared_ptr<const CompiledSystem>> CompileConnectorMapping(
    const std::string& path, const std::string& connector, const std::string& system);

}  // namespace omnihub::mapping::engine
