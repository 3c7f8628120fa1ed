#include "hub/identity/identity_index.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <set>

#include "absl/container/flat_hash_set.h"
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

// A customer's golden id (0) or one of the ids merged into it (i > 0: merged_ids[i - 1]).
absl::string_view IdOf(const GoldenCustomer& customer, uint32_t which) {
  if (which == 0) return customer.customer_id;
  return which <= customer.merged_ids.size() ? absl::string_view(customer.merged_ids[which - 1])
                                             : absl::string_view();
}

std::vector<uint32_t> AsVector(absl::Span<const uint32_t> values) {
  return {values.begin(), values.end()};
}

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
    std::vector<IssuedId>* to_record, std::vector<IssuedId>* to_reissue,
    const absl::flat_hash_set<std::string>* unlinked_keys) {
  return BuildWithKeyHash(systems, system_order, normalizer, rules, issued, to_record, to_reissue,
                          unlinked_keys, HashKey);
}

std::shared_ptr<const IdentityIndex> IdentityIndex::BuildWithKeyHash(
    const std::vector<SystemAccounts>& systems, const std::vector<std::string>& system_order,
    const IdentifierNormalizer& normalizer, const IdentityRules& rules, const IssuedIds& issued,
    std::vector<IssuedId>* to_record, std::vector<IssuedId>* to_reissue,
    const absl::flat_hash_set<std::string>* unlinked_keys, KeyHashFunction key_hash) {
  auto index = std::make_shared<IdentityIndex>();
  auto built = std::make_shared<Built>();
  built->rules = rules;
  built->key_hash = key_hash;
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
  // Links account i to the first account that declared `key` (under `link_key`).
  const auto link = [&](uint32_t i, const std::string& key, std::string link_key) {
    auto [it, inserted] = first_holder.emplace(std::move(link_key), i);
    if (inserted || it->second == i) return;
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
  };
  for (uint32_t i = 0; i < nodes.size(); ++i) {
    for (const auto& identifier : nodes[i].identifiers) {
      if (rules.For(identifier.type()) != IdentifierStrength::kStrong) continue;
      std::string key = IdentifierNormalizer::Key(identifier);
      if (unlinked_keys == nullptr || !unlinked_keys->contains(key)) {
        link(i, key, key);
        continue;
      }
      // An agent unlinked it: only between accounts holding an issued id in common (a link key
      // per id; "\n" is in no identifier key).
      auto held = issued.find(nodes[i].own_key);
      if (held == issued.end()) continue;
      for (const auto& row : held->second) {
        link(i, key, absl::StrCat(key, "\n", row.customer_id));
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
  if (to_reissue != nullptr) *to_reissue = std::move(chosen.to_reissue);
  std::sort(drafts.begin(), drafts.end(),
            [](const Draft& a, const Draft& b) { return a.customer_id < b.customer_id; });

  // Customers take their members' identifiers (moved: the nodes are done with), without
  // duplicates, in vectors of the exact size.
  built->customers.reserve(drafts.size());
  std::vector<HolderTable::Entry> key_entries, id_entries, postcode_entries;
  key_entries.reserve(nodes.size() * 2);
  id_entries.reserve(drafts.size());
  postcode_entries.reserve(drafts.size());
  struct UniqueIdentifier {
    Identifier* identifier;
    uint64_t hash;
    uint64_t check;
    uint64_t declared_by;
  };
  std::vector<UniqueIdentifier> unique;
  for (uint32_t c = 0; c < drafts.size(); ++c) {
    GoldenCustomer customer;
    customer.customer_id = drafts[c].customer_id;
    customer.accounts.reserve(drafts[c].members.size());
    unique.clear();
    for (size_t m = 0; m < drafts[c].members.size(); ++m) {
      Node& node = nodes[drafts[c].members[m]];
      customer.accounts.push_back({*node.system, node.source->account_id,
                                   node.linked_by.empty() ? "anchor account" : node.linked_by});
      if (customer.display_name.empty()) customer.display_name = node.source->display_name;
      if (customer.postal_code.empty()) customer.postal_code = node.source->postal_code;
      for (auto& identifier : node.identifiers) {
        const IndexKey key(identifier);
        auto seen = std::find_if(unique.begin(), unique.end(), [&](const UniqueIdentifier& held) {
          return HasKey(*held.identifier, key.view());
        });
        if (seen == unique.end()) {
          seen = unique.insert(unique.end(),
                               {&identifier, key_hash(key.view()), CheckKey(key.view()), 0});
        }
        seen->declared_by |= DeclaredBit(m);
      }
    }
    customer.identifiers.reserve(unique.size());
    customer.declared_by.reserve(unique.size());
    for (auto& held : unique) {
      key_entries.push_back(
          {held.hash, held.check, c, static_cast<uint32_t>(customer.identifiers.size())});
      customer.identifiers.push_back(std::move(*held.identifier));
      customer.declared_by.push_back(held.declared_by);
    }
    if (!customer.postal_code.empty()) {
      const std::string postcode = IdentifierNormalizer::PostcodeKey(customer.postal_code);
      postcode_entries.push_back({key_hash(postcode), CheckKey(postcode), c, 0});
    }
    stats.identifiers += customer.identifiers.size();
    id_entries.push_back({key_hash(customer.customer_id), CheckKey(customer.customer_id), c, 0});
    for (auto& alias : drafts[c].aliases) {
      customer.merged_ids.push_back(std::move(alias));
      const std::string& alias_id = customer.merged_ids.back();
      id_entries.push_back({key_hash(alias_id), CheckKey(alias_id), c,
                            static_cast<uint32_t>(customer.merged_ids.size())});
    }
    built->customers.push_back(std::move(customer));
  }
  nodes = {};
  const auto& customers = built->customers;
  built->by_key = HolderTable(std::move(key_entries), [&](const auto& a, const auto& b) {
    return SameKey(customers[a.holder].identifiers[a.detail],
                   customers[b.holder].identifiers[b.detail]);
  });
  // An id issued twice resolves to the customer that took it first (the smallest position).
  built->by_id = HolderTable(std::move(id_entries), [&](const auto& a, const auto& b) {
    return IdOf(customers[a.holder], a.detail) == IdOf(customers[b.holder], b.detail);
  });
  built->by_postcode = HolderTable(std::move(postcode_entries), [&](const auto& a, const auto& b) {
    return IdentifierNormalizer::PostcodeKey(customers[a.holder].postal_code) ==
           IdentifierNormalizer::PostcodeKey(customers[b.holder].postal_code);
  });
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

absl::Span<const uint32_t> IdentityIndex::Holders(absl::string_view key, bool exact) const {
  if (!keys_.empty()) {
    auto it = keys_.find(key);
    if (it != keys_.end()) return it->second;
  }
  return BuiltHolders(key, exact);
}

absl::Span<const uint32_t> IdentityIndex::PostcodeHolders(absl::string_view postcode_key) const {
  if (!postcodes_.empty()) {
    auto it = postcodes_.find(postcode_key);
    if (it != postcodes_.end()) return it->second;
  }
  return BuiltPostcodeHolders(postcode_key);
}

absl::Span<const uint32_t> IdentityIndex::BuiltHolders(absl::string_view key, bool exact) const {
  const auto& customers = built_->customers;
  // Two keys the build found with the same 128-bit fingerprint (a chance of about 1e-25 at 7.5 M
  // keys, or identifiers crafted to collide): every look-up compares the real key from then on.
  exact = exact || built_->by_key.has_fingerprint_collisions();
  return built_->by_key.Find(built_->key_hash(key), CheckKey(key),
                             [&](uint32_t holder, uint32_t at) {
                               if (!exact) return true;
                               const auto& identifiers = customers[holder].identifiers;
                               return at < identifiers.size() && HasKey(identifiers[at], key);
                             });
}

absl::Span<const uint32_t> IdentityIndex::BuiltPostcodeHolders(
    absl::string_view postcode_key) const {
  const auto& customers = built_->customers;
  return built_->by_postcode.Find(
      built_->key_hash(postcode_key), CheckKey(postcode_key), [&](uint32_t holder, uint32_t) {
        return IdentifierNormalizer::PostcodeKey(customers[holder].postal_code) == postcode_key;
      });
}

std::optional<uint32_t> IdentityIndex::PositionOf(const std::string& customer_id) const {
  if (!ids_.empty()) {
    auto it = ids_.find(customer_id);
    if (it != ids_.end()) {
      if (it->second == kForgotten) return std::nullopt;
      return it->second;
    }
  }
  const auto& customers = built_->customers;
  const auto holders = built_->by_id.Find(built_->key_hash(customer_id), CheckKey(customer_id),
                                          [&](uint32_t holder, uint32_t which) {
                                            return IdOf(customers[holder], which) == customer_id;
                                          });
  if (holders.empty()) return std::nullopt;
  return holders.front();
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
  if (inserted) it->second = AsVector(BuiltHolders(key, /*exact=*/true));
  return it->second;
}

std::vector<uint32_t>& IdentityIndex::MutablePostcodeHolders(const std::string& postcode_key) {
  auto [it, inserted] = postcodes_.try_emplace(postcode_key);
  if (inserted) it->second = AsVector(BuiltPostcodeHolders(postcode_key));
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
  for (uint32_t index : Holders(IndexKey(normalized).view(), /*exact=*/false)) {
    found.push_back(&customer(index));
  }
  return found;
}

const GoldenCustomer* IdentityIndex::FindById(const std::string& customer_id) const {
  const auto position = PositionOf(customer_id);
  return position ? &customer(*position) : nullptr;
}

}  // namespace omnihub::hub
