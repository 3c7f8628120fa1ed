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

  // Whether `a` wins over `b` for `field`: the lower Rank, and between equal ranks the name
  // that sorts first. The merger's order, and the one `hubctl mappings doc` explains.
  bool Before(const std::string& field, const std::string& a, const std::string& b) const;

  // `systems` sorted best first for `field` (by Before).
  std::vector<std::string> Ordered(const std::string& field,
                                   std::vector<std::string> systems) const;

  // The order for "*" (used, e.g., to anchor golden ids).
  std::vector<std::string> DefaultOrder() const;

 private:
  std::map<std::string, std::vector<std::string>> orders_;
};

}  // namespace omnihub::hub
