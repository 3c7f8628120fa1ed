#include "adapters/reference/world_cache.h"

#include <map>
#include <mutex>
#include <utility>

namespace omnihub::reference {

std::shared_ptr<const world::World> SharedWorld(uint64_t seed, int customers) {
  static std::mutex mutex;
  static auto* worlds = new std::map<std::pair<uint64_t, int>, std::shared_ptr<const world::World>>;
  // Generation runs under the lock: it takes milliseconds to seconds, once per key per process.
  std::lock_guard lock(mutex);
  auto& slot = (*worlds)[{seed, customers}];
  if (!slot) {
    world::GeneratorOptions options;
    options.seed = seed;
    options.customers = customers;
    slot = std::make_shared<const world::World>(world::Generate(options));
  }
  return slot;
}

}  // namespace omnihub::reference
