// The poslog connector's mapping: how a POSLog <Transaction> becomes a canonical
// omnihub.v1.PosTransaction, declared in mappings/systems/pos.xml (connector="poslog", operation
// "pos-transaction") and compiled by the mapping engine. The repository's pos.xml is built in, so
// a hub configured without a `mapping` setting reads POSLog exactly as that file says.
//
// Thread-safety: the compiled systems are immutable; share them between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"

namespace omnihub::poslog {

inline constexpr std::string_view kPosTransactionOperation = "pos-transaction";

// mappings/systems/pos.xml as built in (its text, embedded at build time).
std::string_view BuiltinPosMappingText();

// The built-in mapping, compiled once on first use. INTERNAL if it does not compile (a build
// defect: the golden tests compile the same file).
absl::StatusOr<std::shared_ptr<const mapping::engine::CompiledSystem>> BuiltinPosMapping();

// A mapping file given in the configuration: INVALID_ARGUMENT with every problem
// (file:line:column: message), or when it is not a connector="poslog" system declaring
// pos-transaction.
absl::StatusOr<std::shared_ptr<const mapping::engine::CompiledSystem>> LoadPosMapping(
    const std::string& path);

}  // namespace omnihub::poslog
