// The mapping compiler: reads one mapping file (mappings/systems/<name>.xml), validates it
// against the XSD (mappings/schema/mapping-v1.xsd, embedded at build time), then checks its
// meaning against the canonical protobuf messages and compiles it for the mappers.
//
// Every problem is collected, not only the first, each as file:line:column with a message for the
// architect. Structure errors (XSD) are reported first; when there are any, the meaning checks
// do not run (they would only repeat them).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/diagnostic.h"

namespace omnihub::mapping::engine {

// Mapping files larger than this are refused before parsing.
inline constexpr size_t kMaxMappingFileBytes = 4u << 20;

struct CompileResult {
  // Null whenever `diagnostics` is not empty: a mapping with any error is never used.
  std::shared_ptr<const CompiledSystem> system;
  std::vector<Diagnostic> diagnostics;

  bool ok() const { return diagnostics.empty() && system != nullptr; }
};

// Compiles the text of a mapping file; `file_name` only labels the diagnostics.
// Thread-safe (each call has its own state; the embedded XSD is compiled once).
CompileResult CompileMapping(std::string_view xml, std::string file_name);

// Reads and compiles `path`; an unreadable file is one diagnostic.
CompileResult CompileMappingFile(const std::string& path);

// The XSD text the compiler validates against (mappings/schema/mapping-v1.xsd).
std::string_view MappingSchemaText();

}  // namespace omnihub::mapping::engine
