#include "hub/identity/customer_split.h"

#include <algorithm>
#include <numeric>
#include <tuple>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/identity/declared_identifiers.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierStrength;

// The customer's accounts grouped by the strong identifiers two of them declare, each group in
// the order of the customer's accounts.
std::vector<std::vector<size_t>> ConnectedParts(const GoldenCustomer& customer,
                                                const IdentityRules& rules) {
  const size_t accounts = customer.accounts.size();
  std::vector<size_t> parent(accounts);
  std::iota(parent.begin(), parent.end(), 0);
  const auto root = [&](size_t j) {
    while (parent[j] != j) j = parent[j] = parent[parent[j]];
    return j;
  };
  for (size_t i = 0; i < customer.identifiers.size() && i < customer.declared_by.size(); ++i) {
    if (rules.For(customer.identifiers[i].type()) != IdentifierStrength::kStrong) continue;
    size_t first = accounts;
    for (size_t j = 0; j < accounts; ++j) {
      if ((customer.declared_by[i] & DeclaredBit(j)) == 0) continue;
      if (first == accounts) {
        first = j;
      } else {
        parent[root(j)] = root(first);
      }
    }
  }
  std::vector<std::vector<size_t>> parts;
  std::vector<size_t> part_of_root(accounts, accounts);
  for (size_t j = 0; j < accounts; ++j) {
    size_t& part = part_of_root[root(j)];
    if (part == accounts) {
      part = parts.size();
      parts.emplace_back();
    }
    parts[part].push_back(j);
  }
  return parts;
}

std::string Named(const LinkedAccountRecord& account) {
  return absl::StrCat(account.system, ":", account.account_id);
}

}  // namespace

ChosenIds CustomerSplit::ChooseIdsAsARestart(
    const std::vector<std::vector<std::string>>& components,
    const std::vector<std::string>& account_keys, const IssuedLookup& issued,
    const IssuedId& anchor, const std::function<bool(const std::string& id)>& in_use,
    const std::string& fallback, std::vector<std::string>& lines) {
  IssuedIds issued_ids;
  absl::StatusOr<IssuedIds> read = absl::UnavailableError("no registry of issued ids");
  if (issued) read = issued(account_keys);
  if (read.ok()) {
    issued_ids = *std::move(read);
  } else {
    if (issued) {
      lines.push_back(absl::StrCat("the ids issued to ", anchor.customer_id,
                                   "'s accounts could not be read (", read.status().message(),
                                   "): ", fallback));
    }
    issued_ids[anchor.account_key].push_back(anchor);
  }
  return ChooseGoldenIds(
      components, issued_ids,
      [&](size_t c, int attempt) {
        const std::string& key = components[c].front();
        return IdentityIndex::GoldenIdFor(attempt == 0 ? key : absl::StrCat(key, "#", attempt));
      },
      in_use);
}

CustomerSplit::Result CustomerSplit::Apply(IdentityIndex& index, uint32_t position,
                                           const IdentifierNormalizer& normalizer,
                                           const IssuedLookup& issued,
                                           const omnihub::sdk::AccountIdentity* announced,
                                           const std::string& announced_key) {
  Result result;
  // A copy: the customer is rewritten below.
  const GoldenCustomer before = index.customer(position);
  const size_t accounts = before.accounts.size();
  if (accounts < 2 || accounts > kMaxDeclaringAccounts) return result;
  auto parts = ConnectedParts(before, index.rules());
  if (parts.size() < 2) return result;

  // Each part anchored as Build anchors a customer: its first system in precedence order, then its
  // smallest account key; parts in the order of their anchors' keys.
  const AccountOrder order(before.accounts, index.built_->system_order, normalizer);
  const auto& keys = order.keys;
  const auto anchored_first = [&](size_t a, size_t b) { return order.Before(a, b); };
  const auto anchor_of = [&](const std::vector<size_t>& members) {
    return *std::min_element(members.begin(), members.end(), anchored_first);
  };
  std::sort(parts.begin(), parts.end(),
            [&](const auto& a, const auto& b) { return keys[anchor_of(a)] < keys[anchor_of(b)]; });
  std::vector<std::vector<std::string>> part_keys(parts.size());
  for (size_t c = 0; c < parts.size(); ++c) {
    auto members = parts[c];
    std::sort(members.begin(), members.end(), anchored_first);
    for (size_t j : members) part_keys[c].push_back(keys[j]);
  }

  std::vector<size_t> everyone(accounts);
  std::iota(everyone.begin(), everyone.end(), 0);
  const std::string& anchor_key = keys[anchor_of(everyone)];
  const ChosenIds chosen = ChooseIdsAsARestart(
      part_keys, keys, issued, {anchor_key, before.customer_id, ""},
      [&](const std::string& id) {
        const auto at = index.PositionOf(id);
        return at.has_value() && *at != position;
      },
      "the part with its anchor account keeps its id", result.lines);
  result.to_record = chosen.to_record;
  result.to_reissue = chosen.to_reissue;

  // The part that keeps the customer's id stays; failing that, the one with its anchor account.
  size_t kept = parts.size();
  for (size_t c = 0; c < parts.size(); ++c) {
    if (chosen.customers[c].customer_id == before.customer_id) kept = c;
  }
  if (kept == parts.size()) {
    for (size_t c = 0; c < parts.size(); ++c) {
      if (part_keys[c].front() == anchor_key) kept = c;
    }
  }

  std::vector<GoldenCustomer> made(parts.size());
  absl::flat_hash_set<std::string> placed_ids;
  for (size_t c = 0; c < parts.size(); ++c) {
    GoldenCustomer& part = made[c];
    part.customer_id = chosen.customers[c].customer_id;
    part.merged_ids = chosen.customers[c].aliases;
    placed_ids.insert(part.customer_id);
    placed_ids.insert(part.merged_ids.begin(), part.merged_ids.end());
    std::vector<int> new_position(accounts, -1);
    uint64_t members = 0;
    bool has_announced = false;
    for (size_t j : parts[c]) {
      new_position[j] = static_cast<int>(part.accounts.size());
      members |= DeclaredBit(j);
      has_announced |= keys[j] == announced_key;
      part.accounts.push_back(before.accounts[j]);
    }
    for (size_t i = 0; i < before.identifiers.size(); ++i) {
      const uint64_t mask = i < before.declared_by.size() ? before.declared_by[i] : 0;
      // What only an agent linked stays with the customer the agent named.
      if ((mask & members) == 0 && !(mask == 0 && c == kept)) continue;
      part.identifiers.push_back(before.identifiers[i]);
      part.declared_by.push_back(MoveDeclaredBits(mask, new_position));
    }
    part.display_name = before.display_name;
    part.postal_code = before.postal_code;
    if (c == kept) {
      part.manual_links = before.manual_links;
      continue;
    }
    if (has_announced && announced != nullptr) {
      if (!announced->display_name.empty()) part.display_name = announced->display_name;
      if (!announced->postal_code.empty()) part.postal_code = announced->postal_code;
    }
    std::vector<std::string> named;
    for (const auto& account : part.accounts) named.push_back(Named(account));
    part.accounts.front().linked_by =
        absl::StrCat("anchor account; split from ", before.customer_id);
    result.lines.push_back(
        absl::StrCat("split ", absl::StrJoin(named, ", "), " from ", before.customer_id,
                     ": no shared strong identifier left (now ", part.customer_id, ")"));
    result.new_ids.push_back(part.customer_id);
  }
  // Ids of the customer that no part took keep resolving to the part that stays.
  GoldenCustomer& stays = made[kept];
  if (stays.customer_id != before.customer_id) {
    result.new_ids.push_back(stays.customer_id);
    index.SetPosition(stays.customer_id, position);
  }
  std::vector<std::string> before_ids = before.merged_ids;
  before_ids.push_back(before.customer_id);
  for (auto& id : before_ids) {
    if (!placed_ids.contains(id)) stays.merged_ids.push_back(std::move(id));
  }

  // Place them: the part that stays where the customer was, the others after every customer.
  std::vector<uint32_t> at(parts.size(), position);
  size_t identifiers = 0;
  for (size_t c = 0; c < parts.size(); ++c) {
    identifiers += made[c].identifiers.size();
    if (c == kept) continue;
    at[c] = index.AddCustomer(made[c]);
    if (!made[c].postal_code.empty()) {
      index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(made[c].postal_code))
          .push_back(at[c]);
    }
  }
  for (size_t c = 0; c < parts.size(); ++c) {
    for (const auto& id : made[c].merged_ids) index.SetPosition(id, at[c]);
    if (c == kept) continue;
    for (const auto& identifier : made[c].identifiers) {
      index.MutableHolders(IdentifierNormalizer::Key(identifier)).push_back(at[c]);
    }
  }
  // Keys the part that stays no longer holds.
  absl::flat_hash_set<std::string> stays_keys;
  for (const auto& identifier : stays.identifiers) {
    stays_keys.insert(IdentifierNormalizer::Key(identifier));
  }
  for (const auto& identifier : before.identifiers) {
    std::string key = IdentifierNormalizer::Key(identifier);
    if (!stays_keys.contains(key)) std::erase(index.MutableHolders(key), position);
  }
  index.stats_.customers += parts.size() - 1;
  index.stats_.identifiers += identifiers;
  index.stats_.identifiers -= before.identifiers.size();
  index.MutableCustomer(position) = std::move(stays);
  return result;
}

}  // namespace omnihub::hub
