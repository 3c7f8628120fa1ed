// SharedWorld: one generated world per (seed, customers) per process, shared by every reference
// adapter that asks for it (five adapters over five slices see one population).
#pragma once

#include <cstdint>
#include <memory>

#include "tools/simulators/world/world.h"

namespace omnihub::reference {

// The world for (seed, customers) at the default anchor, generated on first use and kept for the
// life of the process. Thread-safe; concurrent first callers wait for one generation.
std::shared_ptr<const world::World> SharedWorld(uint64_t seed, int customers);

}  // namespace omnihub::reference
