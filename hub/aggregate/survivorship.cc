#include "hub/aggregate/survivorship.h"

#include <algorithm>

namespace omnihub::hub {

size_t SurvivorshipRules::Rank(const std::string& field, const std::string& system) const {
  for (const std::string& key : {field, std::string("*")}) {
    auto it = orders_.find(key);
    if (it == orders_.end()) continue;
    auto position = std::find(it->second.begin(), it->second.end(), system);
    if (position != it->second.end()) return static_cast<size_t>(position - it->second.begin());
  }
  return 1000;
}

std::vector<std::string> SurvivorshipRules::DefaultOrder() const {
  auto it = orders_.find("*");
  return it == orders_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace omnihub::hub
