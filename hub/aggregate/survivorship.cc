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

bool SurvivorshipRules::Before(const std::string& field, const std::string& a,
                               const std::string& b) const {
  const size_t rank_a = Rank(field, a), rank_b = Rank(field, b);
  return rank_a != rank_b ? rank_a < rank_b : a < b;
}

std::vector<std::string> SurvivorshipRules::Ordered(const std::string& field,
                                                    std::vector<std::string> systems) const {
  std::stable_sort(systems.begin(), systems.end(),
                   [&](const std::string& a, const std::string& b) { return Before(field, a, b); });
  return systems;
}

std::vector<std::string> SurvivorshipRules::DefaultOrder() const {
  auto it = orders_.find("*");
  return it == orders_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace omnihub::hub
