// The poslog connector's compiled mapping (see pos_mapping.h).
#include "adapters/poslog/pos_mapping.h"

#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/mapping_compiler.h"

namespace omnihub::poslog {
namespace {

using mapping::engine::CompiledSystem;
using mapping::engine::CompileResult;

absl::StatusOr<std::shared_ptr<const CompiledSystem>> Checked(CompileResult compiled,
                                                              const std::string& where) {
  if (!compiled.ok()) {
    return absl::InvalidArgumentError(absl::StrCat("the mapping ", where, " has ",
                                                   compiled.diagnostics.size(), " error(s):\n",
                                                   FormatDiagnostics(compiled.diagnostics)));
  }
  if (compiled.system->connector != "poslog" ||
      compiled.system->FindOperation(kPosTransactionOperation) == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the mapping ", where, " is for connector '", compiled.system->connector,
        "'; the poslog connector needs a connector=\"poslog\" system declaring the operation '",
        std::string(kPosTransactionOperation), "'"));
  }
  return std::shared_ptr<const CompiledSystem>(std::move(compiled.system));
}

}  // namespace

absl::StatusOr<std::shared_ptr<const CompiledSystem>> BuiltinPosMapping() {
  static const auto* builtin = new absl::StatusOr<std::shared_ptr<const CompiledSystem>>([] {
    auto checked = Checked(mapping::engine::CompileMapping(BuiltinPosMappingText(), "pos.xml"),
                           "pos.xml (built in)");
    if (!checked.ok())
      return absl::StatusOr<std::shared_ptr<const CompiledSystem>>(
          absl::InternalError(checked.status().message()));
    return checked;
  }());
  return *builtin;
}

absl::StatusOr<std::shared_ptr<const CompiledSystem>> LoadPosMapping(const std::string& path) {
  return Checked(mapping::engine::CompileMappingFile(path), path);
}

}  // namespace omnihub::poslog
