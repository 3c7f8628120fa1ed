#include "hub/identity/identity_index.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"
#include "hub/identity/declared_identifiers.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierStrength;

using omnihub::v1::Identifier;

// The position of an id that resolves to nobody any more (ForgetId).
constexpr uint32_t kForgotten = std::numeric_limits<uint32_t>::max();

// FNV-1a, 64 bits: a stable hash (std::hash and absl::Hash may change between runs).
uint64_t StableHash(absl::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return hash;
}

// Union-find over account nodes that refuses to join two components holding accounts of the
// same system.
class AccountGraph {
 public:
  explicit AccountGraph(std::vector<uint64_t> system_bits)
      : parent_(system_bits.size()), systems_(std::move(system_bits)) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  uint32_t Find(uint32_t node) {
    while (parent_[node] != node) {
      parent_[node] = parent_[parent_[node]];
      node = parent_[node];
    }
    return node;
  }
  enum class Outcome { kJoined, kAlreadyJoined, kConflict };
  Outcome Join(uint32_t a, uint32_t b) {
    uint32_t root_a = Find(a), root_b = Find(b);
    if (root_a == root_b) return Outcome::kAlreadyJoined;
    if (systems_[root_a] & systems_[root_b]) return Outcome::kConflict;
    if (root_b < root_a) std::swap(root_a, root_b);
    parent_[root_b] = root_a;
    systems_[root_a] |= systems_[root_b];
    return Outcome::kJoined;
  }

 private:
  std::vector<uint32_t> parent_;
  std::vector<uint64_t> systems_;
};

struct Node {
  size_t system_rank;
  const std::string* system;
  const omnihub::sdk::AccountIdentity* source;
  std::string own_key;
  std::vector<Identifier> identifiers;  // normalised, own account number included
  std::string linked_by;
};

}  // namespace

std::vector<std::string> GoldenCustomer::AccountsIn(const std::string& system) const {
  std::vector<std::string> ids;
  for (const auto& account : accounts) {
    if (account.system == system) ids.push_back(account.account_id);
  }
  return ids;
}

IdentityIndex::IdentityIndex() {
  static const auto* const empty = new std::shared_ptr<const Built>(std::make_shared<Built>());
  built_ = *empty;
}

std::string IdentityIndex::GoldenIdFor(const std::string& anchor_key) {
  return absl::StrFormat("C-%016x", StableHash(anchor_key));
}

std::shared_ptr<const IdentityIndex> IdentityIndex::Build(
    const std::vector<SystemAccounts>& systems, const std::vector<std::string>& system_order,
    const IdentifierNormalizer& normalizer, const IdentityRules& rules, const IssuedIds& issued,
    std::vector<IssuedId>* to_record) {
  auto index = std::make_shared<IdentityIndex>();
  auto built = std::make_shared<Built>();
  built->rules = rules;
  IdentityIndexStats& stats = index->stats_;

  // Systems in precedence order; those not named in `system_order` follow in declaration order.
  std::vector<const SystemAccounts*> ordered;
  for (const auto& name : system_order) {
    for (const auto& entry : systems) {
      if (entry.system == name) ordered.push_back(&entry);
    }
  }
  for (const auto& entry : systems) {
    if (std::find(ordered.begin(), ordered.end(), &entry) == ordered.end()) {
      ordered.push_back(&entry);
    }
  }
  for (const auto* entry : ordered) built->system_order.push_back(entry->system);

  std::vector<Node> nodes;
  std::vector<uint64_t> system_bits;
  for (size_t rank = 0; rank < ordered.size(); ++rank) {
    const auto& entry = *ordered[rank];
    for (const auto& account : entry.accounts) {
      Node node{rank, &entry.system, &account, {}, {}, {}};
      Identifier own;
      own.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
      own.set_system(entry.system);
      own.set_value(account.account_id);
      auto own_normalized = normalizer.Normalize(own);
      if (!own_normalized.ok()) {
        ++stats.invalid_identifiers;
        continue;
      }
      node.own_key = IdentifierNormalizer::Key(*own_normalized);
      node.identifiers.push_back(*own_normalized);
      for (const auto& raw : account.identifiers) {
        auto normalized = normalizer.Normalize(raw);
        if (!normalized.ok()) {
          ++stats.invalid_identifiers;
          continue;
        }
        node.identifiers.push_back(*std::move(normalized));
      }
      nodes.push_back(std::move(node));
      system_bits.push_back(rank < 64 ? (uint64_t{1} << rank) : 0);
    }
  }
  stats.accounts = nodes.size();

  // Link accounts that share a strong identifier, first declarer first.
  AccountGraph graph(system_bits);
  absl::flat_hash_map<std::string, uint32_t> first_holder;
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    for (const auto& identifier : nodes[i].identifiers) {
      if (rules.For(identifier.type()) != IdentifierStrength::kStrong) continue;
      std::string key = IdentifierNormalizer::Key(identifier);
      auto [it, inserted] = first_holder.emplace(key, i);
      if (inserted || it->second == i) continue;
      const Node& holder = nodes[it->second];
      switch (graph.Join(it->second, i)) {
        case AccountGraph::Outcome::kJoined:
          if (nodes[i].linked_by.empty()) {
            nodes[i].linked_by =
                absl::StrCat(key, " shared with ", *holder.system, ":", holder.source->account_id);
          }
          break;
        case AccountGraph::Outcome::kConflict:
          ++stats.conflicts;
          break;
        case AccountGraph::Outcome::kAlreadyJoined:
          break;
      }
    }
  }

  // Components become customers; each is anchored on its best-ranked, smallest account and keeps
  // the id issued to its accounts before, if any (ChooseGoldenIds).
  absl::flat_hash_map<uint32_t, std::vector<uint32_t>> components;
  for (uint32_t i = 0; i < nodes.size(); ++i) components[graph.Find(i)].push_back(i);
  struct Draft {
    std::string customer_id;
    std::vector<uint32_t> members;
    std::vector<std::string> aliases;
  };
  std::vector<Draft> drafts;
  drafts.reserve(components.size());
  for (auto& [root, members] : components) {
    std::sort(members.begin(), members.end(), [&](uint32_t a, uint32_t b) {
      if (nodes[a].system_rank != nodes[b].system_rank) {
        return nodes[a].system_rank < nodes[b].system_rank;
      }
      return nodes[a].own_key < nodes[b].own_key;
    });
    drafts.push_back({{}, std::move(members), {}});
  }
  std::sort(drafts.begin(), drafts.end(), [&](const Draft& a, const Draft& b) {
    return nodes[a.members.front()].own_key < nodes[b.members.front()].own_key;
  });
  std::vector<std::vector<std::string>> keys(drafts.size());
  for (size_t c = 0; c < drafts.size(); ++c) {
    for (uint32_t member : drafts[c].members) keys[c].push_back(nodes[member].own_key);
  }
  ChosenIds chosen = ChooseGoldenIds(keys, issued, [&](size_t c, int attempt) {
    const std::string& anchor = keys[c].front();
    return GoldenIdFor(attempt == 0 ? anchor : absl::StrCat(anchor, "#", attempt));
  });
  for (size_t c = 0; c < drafts.size(); ++c) {
    drafts[c].customer_id = std::move(chosen.customers[c].customer_id);
    drafts[c].aliases = std::move(chosen.customers[c].aliases);
  }
  if (to_record != nullptr) *to_record = std::move(chosen.to_record);
  std::sort(drafts.begin(), drafts.end(),
            [](const Draft& a, const Draft& b) { return a.customer_id < b.customer_id; });

  built->customers.reserve(drafts.size());
  for (uint32_t c = 0; c < drafts.size(); ++c) {
    GoldenCustomer customer;
    customer.customer_id = drafts[c].customer_id;
    absl::flat_hash_map<std::string, size_t> seen_keys;
    for (size_t m = 0; m < drafts[c].members.size(); ++m) {
      const Node& node = nodes[drafts[c].members[m]];
      customer.accounts.push_back({*node.system, node.source->account_id,
                                   node.linked_by.empty() ? "anchor account" : node.linked_by});
      if (customer.display_name.empty()) customer.display_name = node.source->display_name;
      if (customer.postal_code.empty()) customer.postal_code = node.source->postal_code;
      for (const auto& identifier : node.identifiers) {
        std::string key = IdentifierNormalizer::Key(identifier);
        auto [seen, inserted] = seen_keys.emplace(key, customer.identifiers.size());
        if (inserted) {
          customer.identifiers.push_back(identifier);
          customer.declared_by.push_back(0);
          built->by_key[key].push_back(c);
        }
        customer.declared_by[seen->second] |= DeclaredBit(m);
      }
    }
    if (!customer.postal_code.empty()) {
      built->by_postcode[IdentifierNormalizer::PostcodeKey(customer.postal_code)].push_back(c);
    }
    stats.identifiers += customer.identifiers.size();
    built->by_id.emplace(customer.customer_id, c);
    for (auto& alias : drafts[c].aliases) {
      built->by_id.emplace(alias, c);
      customer.merged_ids.push_back(std::move(alias));
    }
    built->customers.push_back(std::move(customer));
  }
  stats.customers = built->customers.size();
  index->built_ = std::move(built);
  return index;
}

const GoldenCustomer& IdentityIndex::customer(uint32_t index) const {
  const size_t built = built_->customers.size();
  if (index >= built) return *added_[index - built];
  if (!changed_.empty()) {
    auto it = changed_.find(index);
    if (it != changed_.end()) return *it->second;
  }
  return built_->customers[index];
}

size_t IdentityIndex::overlay_size() const {
  return changed_.size() + added_.size() + keys_.size() + ids_.size() + postcodes_.size();
}

const std::vector<uint32_t>* IdentityIndex::Holders(const std::string& key) const {
  if (!keys_.empty()) {
    auto it = keys_.find(key);
    if (it != keys_.end()) return &it->second;
  }
  auto it = built_->by_key.find(key);
  return it == built_->by_key.end() ? nullptr : &it->second;
}

const std::vector<uint32_t>* IdentityIndex::PostcodeHolders(const std::string& postcode_key) const {
  if (!postcodes_.empty()) {
    auto it = postcodes_.find(postcode_key);
    if (it != postcodes_.end()) return &it->second;
  }
  auto it = built_->by_postcode.find(postcode_key);
  return it == built_->by_postcode.end() ? nullptr : &it->second;
}

std::optional<uint32_t> IdentityIndex::PositionOf(const std::string& customer_id) const {
  if (!ids_.empty()) {
    auto it = ids_.find(customer_id);
    if (it != ids_.end()) {
      if (it->second == kForgotten) return std::nullopt;
      return it->second;
    }
  }
  auto it = built_->by_id.find(customer_id);
  if (it == built_->by_id.end()) return std::nullopt;
  return it->second;
}

GoldenCustomer& IdentityIndex::MutableCustomer(uint32_t index) {
  auto copy = std::make_shared<GoldenCustomer>(customer(index));
  GoldenCustomer& editable = *copy;
  const size_t built = built_->customers.size();
  if (index >= built) {
    added_[index - built] = std::move(copy);
  } else {
    changed_[index] = std::move(copy);
  }
  return editable;
}

std::vector<uint32_t>& IdentityIndex::MutableHolders(const std::string& key) {
  auto [it, inserted] = keys_.try_emplace(key);
  if (inserted) {
    auto built = built_->by_key.find(key);
    if (built != built_->by_key.end()) it->second = built->second;
  }
  return it->second;
}

std::vector<uint32_t>& IdentityIndex::MutablePostcodeHolders(const std::string& postcode_key) {
  auto [it, inserted] = postcodes_.try_emplace(postcode_key);
  if (inserted) {
    auto built = built_->by_postcode.find(postcode_key);
    if (built != built_->by_postcode.end()) it->second = built->second;
  }
  return it->second;
}

void IdentityIndex::SetPosition(const std::string& customer_id, uint32_t index) {
  ids_[customer_id] = index;
}

void IdentityIndex::ForgetId(const std::string& customer_id) { ids_[customer_id] = kForgotten; }

uint32_t IdentityIndex::AddCustomer(GoldenCustomer customer) {
  const auto index = static_cast<uint32_t>(size());
  SetPosition(customer.customer_id, index);
  added_.push_back(std::make_shared<const GoldenCustomer>(std::move(customer)));
  return index;
}

std::vector<const GoldenCustomer*> IdentityIndex::Find(const Identifier& normalized) const {
  std::vector<const GoldenCustomer*> found;
  const auto* holders = Holders(IdentifierNormalizer::Key(normalized));
  if (holders == nullptr) return found;
  for (uint32_t index : *holders) found.push_back(&customer(index));
  return found;
}

const GoldenCustomer* IdentityIndex::FindById(const std::string& customer_id) const {
  const auto position = PositionOf(customer_id);
  return position ? &customer(*position) : nullptr;
}

}  // namespace omnihub::hub
