#include "adapters/mapping/engine/xml_stream_states.h"

#include <algorithm>
#include <compare>
#include <map>

namespace omnihub::mapping::engine {
namespace {

// A branch of a scope matched up to `progress` steps from the scope's element that many levels
// up (0: the element itself, nothing matched yet).
struct Item {
  int scope = 0;
  int branch = 0;
  int progress = 0;
  auto operator<=>(const Item&) const = default;
};
using Items = std::vector<Item>;

// Appends `v` unless [from, end) has it already (a union reaching one node twice).
template <typename T>
void AddOnce(std::vector<T>& to, size_t from, const T& v) {
  if (std::find(to.begin() + static_cast<std::ptrdiff_t>(from), to.end(), v) == to.end()) {
    to.push_back(v);
  }
}

void StartScope(const std::vector<XmlStreamScope>& scopes, int scope, Items& items) {
  const auto& branches = scopes[static_cast<size_t>(scope)].branches;
  for (size_t b = 0; b < branches.size(); ++b) items.push_back({scope, static_cast<int>(b), 0});
}

}  // namespace

bool XmlStreamStates::Build(const std::vector<XmlStreamScope>& scopes, int name_count) {
  width_ = static_cast<size_t>(name_count) + 1;
  transitions_.clear();
  actions_.clear();
  attributes_.clear();
  attribute_ranges_.clear();
  std::map<Items, int> ids;
  std::vector<Items> states;
  const auto intern = [&](Items items) {
    std::sort(items.begin(), items.end());
    items.erase(std::unique(items.begin(), items.end()), items.end());
    const auto [it, added] = ids.emplace(items, static_cast<int>(states.size()));
    if (added) states.push_back(std::move(items));
    return it->second;
  };
  intern({});  // kNowhere
  Items document;
  StartScope(scopes, 0, document);
  document_ = intern(std::move(document));
  const auto branch_of = [&](const Item& item) -> const XmlStreamBranch& {
    return scopes[static_cast<size_t>(item.scope)].branches[static_cast<size_t>(item.branch)];
  };
  // Breadth first: `states` grows while it is walked.
  for (size_t s = 0; s < states.size(); ++s) {
    if (states.size() > kMaxStates) return false;
    const Items items = states[s];  // a copy: interning may move `states`
    const auto first_attribute = static_cast<uint32_t>(attributes_.size());
    for (const Item& item : items) {
      const XmlStreamBranch& branch = branch_of(item);
      const XmlStreamStep& step = branch.steps[static_cast<size_t>(item.progress)];
      if (!step.attribute) continue;
      AddOnce(attributes_, first_attribute,
              {.name = step.name, .up = item.progress, .scope = item.scope, .slot = branch.target});
    }
    attribute_ranges_.emplace_back(first_attribute, static_cast<uint32_t>(attributes_.size()));
    for (int name = -1; name < name_count; ++name) {
      Items next;
      const size_t first_action = actions_.size();
      for (const Item& item : items) {
        const XmlStreamBranch& branch = branch_of(item);
        const XmlStreamStep& step = branch.steps[static_cast<size_t>(item.progress)];
        if (step.attribute || !(step.any_name || step.name == name)) continue;
        if (static_cast<size_t>(item.progress) + 1 < branch.steps.size()) {
          next.push_back({item.scope, item.branch, item.progress + 1});
          continue;
        }
        AddOnce(actions_, first_action,
                {.open = branch.to_scope,
                 .up = item.progress + 1,
                 .scope = item.scope,
                 .target = branch.target});
        if (branch.to_scope) StartScope(scopes, branch.target, next);
      }
      transitions_.push_back({intern(std::move(next)), static_cast<uint32_t>(first_action),
                              static_cast<uint32_t>(actions_.size())});
    }
  }
  return true;
}

}  // namespace omnihub::mapping::engine
