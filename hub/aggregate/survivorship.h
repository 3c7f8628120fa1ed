// SurvivorshipRules: which system wins for a field when several provide it.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace omnihub::hub {

// Per field (profile fields such as "email", "phone", "address", and the entities "order",
// "loyalty"), the systems in the order they win; "*" is the order for every field not listed.
// Systems not listed lose to listed ones and tie by name.
//
// Thread-safe: immutable after construction.
class SurvivorshipRules {
 public:
  SurvivorshipRules() = default;
  explicit SurvivorshipRules(std::map<std::string, std::vector<std::string>> orders)
      : orders_(std::move(orders)) {}

  // Lower wins.
  size_t Rank(const std::string& field, const std::string& system) const;

  // The order for "*" (used, e.g., to anchor golden ids).
  std::vector<std::string> DefaultOrder() const;

 private:
  std::map<std::string, std::vector<std::string>> orders_;
};

}  // namespace omnihub::hub
