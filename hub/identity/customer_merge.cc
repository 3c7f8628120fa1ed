#include "hub/identity/customer_merge.h"

#include <algorithm>
#include <numeric>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "hub/identity/declared_identifiers.h"

namespace omnihub::hub {

CustomerMerge::Result CustomerMerge::Apply(IdentityIndex& index, uint32_t position,
                                           const std::vector<Evidence>& joining,
                                           const IdentifierNormalizer& normalizer,
                                           const CustomerSplit::IssuedLookup& issued) {
  Result result;
  result.position = position;
  if (joining.empty()) return result;
  // The customers, the one merged into first; copies: they are rewritten below.
  std::vector<uint32_t> positions{position};
  for (const auto& evidence : joining) positions.push_back(evidence.position);
  std::vector<GoldenCustomer> customers;
  customers.reserve(positions.size());
  for (uint32_t at : positions) customers.push_back(index.customer(at));

  // All their accounts as one customer, anchored as Build anchors a customer.
  std::vector<LinkedAccountRecord> accounts;
  std::vector<size_t> owner;
  for (size_t c = 0; c < customers.size(); ++c) {
    for (const auto& account : customers[c].accounts) {
      accounts.push_back(account);
      owner.push_back(c);
    }
  }
  const AccountOrder order(accounts, index.built_->system_order, normalizer);
  std::vector<size_t> members(accounts.size());
  std::iota(members.begin(), members.end(), 0);
  std::sort(members.begin(), members.end(), [&](size_t a, size_t b) { return order.Before(a, b); });
  std::vector<std::string> component;
  for (size_t j : members) component.push_back(order.keys[j]);
  const GoldenCustomer& anchored = customers[owner[members.front()]];
  const ChosenIds chosen = CustomerSplit::ChooseIdsAsARestart(
      {component}, order.keys, issued, {component.front(), anchored.customer_id, ""},
      [&](const std::string& id) {
        const auto at = index.PositionOf(id);
        return at.has_value() &&
               std::find(positions.begin(), positions.end(), *at) == positions.end();
      },
      "the customer with the anchor account keeps its id", result.lines);
  const std::string& survivor_id = chosen.customers.front().customer_id;
  result.to_record = chosen.to_record;
  result.to_reissue = chosen.to_reissue;

  // The customer whose id survives stays where it is; failing that, the one at `position`.
  size_t kept = 0;
  for (size_t c = 0; c < customers.size(); ++c) {
    if (customers[c].customer_id == survivor_id) kept = c;
  }
  const uint32_t kept_at = positions[kept];
  // What joined customer c to the others (the customer at `position` joined the one kept).
  const auto evidence_of = [&](size_t c) -> const Evidence& {
    return joining[c > 0 ? c - 1 : (kept > 0 ? kept - 1 : 0)];
  };
  GoldenCustomer merged = customers[kept];
  merged.customer_id = survivor_id;
  merged.declared_by.resize(merged.identifiers.size());
  absl::flat_hash_map<std::string, size_t> have;
  for (size_t i = 0; i < merged.identifiers.size(); ++i) {
    have.emplace(IdentifierNormalizer::Key(merged.identifiers[i]), i);
  }
  for (size_t c = 0; c < customers.size(); ++c) {
    if (c == kept) continue;
    const GoldenCustomer& from = customers[c];
    const Evidence& evidence = evidence_of(c);
    // Its accounts follow the merged customer's, and their bits with them.
    std::vector<int> moved_to(from.accounts.size());
    std::iota(moved_to.begin(), moved_to.end(), static_cast<int>(merged.accounts.size()));
    for (auto account : from.accounts) {
      if (absl::StartsWith(account.linked_by, "anchor account")) {
        account.linked_by = absl::StrCat(evidence.key, " shared by ", evidence.account, " and ",
                                         evidence.holder, "; merged from ", from.customer_id);
      }
      merged.accounts.push_back(std::move(account));
    }
    for (size_t i = 0; i < from.identifiers.size(); ++i) {
      const std::string key = IdentifierNormalizer::Key(from.identifiers[i]);
      const uint64_t declared =
          MoveDeclaredBits(i < from.declared_by.size() ? from.declared_by[i] : 0, moved_to);
      auto& holders = index.MutableHolders(key);
      std::erase(holders, positions[c]);
      auto [held, inserted] = have.emplace(key, merged.identifiers.size());
      if (inserted) {
        merged.identifiers.push_back(from.identifiers[i]);
        merged.declared_by.push_back(declared);
        if (std::find(holders.begin(), holders.end(), kept_at) == holders.end()) {
          holders.push_back(kept_at);
        }
      } else {
        merged.declared_by[held->second] |= declared;
        --index.stats_.identifiers;
      }
    }
    merged.manual_links.insert(from.manual_links.begin(), from.manual_links.end());
    if (merged.display_name.empty()) merged.display_name = from.display_name;
    // A customer merged away is no longer a candidate of its own.
    if (!from.postal_code.empty()) {
      std::erase(index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(from.postal_code)),
                 positions[c]);
      if (merged.postal_code.empty()) {
        merged.postal_code = from.postal_code;
        index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(merged.postal_code))
            .push_back(kept_at);
      }
    }
    LeaveEmpty(index.MutableCustomer(positions[c]));
    --index.stats_.customers;
  }

  // Every id of the customers resolves to the merged customer: the ids a restart keeps for it
  // (aliases), then the others, which resolve until the next restart.
  merged.merged_ids = chosen.customers.front().aliases;
  const auto keep_id = [&](const std::string& id) {
    if (id != survivor_id && std::find(merged.merged_ids.begin(), merged.merged_ids.end(), id) ==
                                 merged.merged_ids.end()) {
      merged.merged_ids.push_back(id);
    }
  };
  for (size_t c = 0; c < customers.size(); ++c) {
    keep_id(customers[c].customer_id);
    for (const auto& id : customers[c].merged_ids) keep_id(id);
    if (customers[c].customer_id == survivor_id) continue;
    const Evidence& evidence = evidence_of(c);
    result.merged_ids.push_back(customers[c].customer_id);
    result.lines.push_back(absl::StrCat("merged ", customers[c].customer_id, " into ", survivor_id,
                                        ": shares ", evidence.key, " (", evidence.account, ", ",
                                        evidence.holder, ")"));
  }
  index.SetPosition(survivor_id, kept_at);
  for (const auto& id : merged.merged_ids) index.SetPosition(id, kept_at);
  index.MutableCustomer(kept_at) = std::move(merged);
  result.position = kept_at;
  return result;
}

}  // namespace omnihub::hub
