// The one explicit list of connectors built into hubd (no static self-registration: it silently
// breaks with static libraries).
#pragma once

#include "adapters/sdk/registry.h"

namespace omnihub::hub {

void RegisterBuiltinAdapters(omnihub::sdk::AdapterRegistry& registry);

}  // namespace omnihub::hub
