#include "hub/identity/account_update.h"

#include <algorithm>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/identity/declared_identifiers.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierNormalizer;
using omnihub::sdk::IdentifierStrength;

bool HasAccountIn(const GoldenCustomer& customer, const std::string& system) {
  return std::any_of(customer.accounts.begin(), customer.accounts.end(),
                     [&](const LinkedAccountRecord& account) { return account.system == system; });
}

bool Holds(absl::Span<const uint32_t> holders, uint32_t position) {
  return std::find(holders.begin(), holders.end(), position) != holders.end();
}

uint64_t DeclaredAt(const GoldenCustomer& customer, size_t i) {
  return i < customer.declared_by.size() ? customer.declared_by[i] : 0;
}

std::string TooManyAccounts(const GoldenCustomer& customer) {
  return absl::StrCat("customer ", customer.customer_id, " has more than ", kMaxDeclaringAccounts,
                      " accounts: the hub does not track which of them declares what");
}

std::string Named(const LinkedAccountRecord& account) {
  return absl::StrCat(account.system, ":", account.account_id);
}

// The customer's account that declares `key` ("erp:C1000001"); its first account when none does.
std::string DeclaringAccount(const GoldenCustomer& customer, const std::string& key) {
  for (size_t i = 0; i < customer.identifiers.size(); ++i) {
    if (IdentifierNormalizer::Key(customer.identifiers[i]) != key) continue;
    for (size_t j = 0; j < customer.accounts.size(); ++j) {
      if ((DeclaredAt(customer, i) & DeclaredBit(j)) != 0) return Named(customer.accounts[j]);
    }
  }
  return customer.accounts.empty() ? customer.customer_id : Named(customer.accounts.front());
}

// The customer id an agent unlinked `key` from, when it names the customer at `position` (or one
// merged into them); "" when none did.
std::string UnlinkedFrom(const IdentityIndex& index, const AccountUpdate::AgentUnlinks& unlinks,
                         const std::string& key, uint32_t position) {
  for (auto [it, end] = unlinks.equal_range(key); it != end; ++it) {
    if (index.FindById(it->second) == &index.customer(position)) return it->second;
  }
  return "";
}

}  // namespace

std::vector<CustomerMerge::Evidence> AccountUpdate::Joining(
    const IdentityIndex& index, const std::string& system, const std::string& account_name,
    const std::vector<omnihub::v1::Identifier>& identifiers, std::optional<uint32_t> position,
    const AgentUnlinks& unlinks, std::string& refused) {
  const IdentityRules& rules = index.rules();
  std::vector<CustomerMerge::Evidence> joining;
  std::set<std::string> seen;
  for (const auto& identifier : identifiers) {
    if (rules.For(identifier.type()) != IdentifierStrength::kStrong) continue;
    std::string key = IdentifierNormalizer::Key(identifier);
    if (!seen.insert(key).second) continue;
    const auto holders = index.Holders(key);
    // Nobody's, or already the customer's (held by others too: a conflict Build left as it is).
    if (holders.empty() || (position && Holds(holders, *position))) continue;
    if (holders.size() > 1) {
      refused = absl::StrCat(key, " is held by ", holders.size(), " customers");
      return {};
    }
    const uint32_t holder = holders.front();
    if (std::any_of(joining.begin(), joining.end(),
                    [&](const CustomerMerge::Evidence& e) { return e.position == holder; })) {
      continue;
    }
    joining.push_back({holder, key, account_name, DeclaringAccount(index.customer(holder), key)});
  }
  // A new account joins the first holder: a merge only when it connects more than one.
  if (joining.size() < (position ? 1u : 2u)) return {};

  // Build joins accounts one shared identifier at a time and refuses a join that would put two
  // accounts of one system into one customer; a merge is certain to be its result only when no
  // such refusal can happen among these customers, whatever order the accounts are read in.
  std::set<std::string> systems;
  std::vector<uint32_t> involved;
  if (position) {
    involved.push_back(*position);
    for (const auto& account : index.customer(*position).accounts) systems.insert(account.system);
  } else {
    systems.insert(system);
  }
  for (const auto& evidence : joining) {
    const GoldenCustomer& holder = index.customer(evidence.position);
    for (const auto& account : holder.accounts) {
      if (systems.contains(account.system)) {
        refused =
            absl::StrCat(evidence.key, " is ", holder.customer_id, "'s, who has an account in ",
                         account.system, " as the account's customer does");
        return {};
      }
    }
    for (const auto& account : holder.accounts) systems.insert(account.system);
    involved.push_back(evidence.position);
    // An agent said the identifier is not this customer's (or not the account's customer's).
    for (const uint32_t at : {evidence.position, position.value_or(evidence.position)}) {
      if (auto named = UnlinkedFrom(index, unlinks, evidence.key, at); !named.empty()) {
        refused = absl::StrCat("an agent unlinked ", evidence.key, " from ", named);
        return {};
      }
    }
  }
  // A strong identifier one of them shares with a customer outside: Build may have joined that
  // customer instead, depending on the order it reads accounts in.
  for (uint32_t at : involved) {
    const GoldenCustomer& customer = index.customer(at);
    for (const auto& identifier : customer.identifiers) {
      if (rules.For(identifier.type()) != IdentifierStrength::kStrong) continue;
      const std::string key = IdentifierNormalizer::Key(identifier);
      if (const auto holders = index.Holders(key); holders.size() > 1) {
        refused = absl::StrCat(key, " of ", customer.customer_id, " is held by ", holders.size(),
                               " customers");
        return {};
      }
    }
  }
  return joining;
}

std::string AccountUpdate::Outcome::Summary() const {
  std::string line = absl::StrCat(" -> ", customer_id, new_customer ? " (new customer)" : "",
                                  removed_account ? " (account removed)" : "", ", ", added.size(),
                                  " identifiers added, ", withdrawn.size(), " withdrawn");
  const auto part = [&](const char* label, const std::vector<std::string>& lines) {
    if (!lines.empty()) absl::StrAppend(&line, label, absl::StrJoin(lines, "; "));
  };
  part(": ", withdrawn);
  part("; ", merged);
  part("; ", split);
  part("; refused: ", refused);
  if (!not_recorded.empty()) absl::StrAppend(&line, "; its id is not recorded: ", not_recorded);
  return line;
}

absl::StatusOr<AccountUpdate::Outcome> AccountUpdate::Apply(
    IdentityIndex& index, const std::string& system, const omnihub::sdk::AccountIdentity& account,
    const IdentifierNormalizer& normalizer, const CustomerSplit::IssuedLookup& issued,
    const AgentUnlinks& unlinks) {
  auto own_normalized = AccountNumber(system, account.account_id, normalizer);
  if (!own_normalized.ok()) return own_normalized.status();
  const std::string own_key = IdentifierNormalizer::Key(*own_normalized);

  std::vector<omnihub::v1::Identifier> identifiers{*own_normalized};
  for (const auto& raw : account.identifiers) {
    auto normalized = normalizer.Normalize(raw);
    if (!normalized.ok()) {
      ++index.stats_.invalid_identifiers;
      continue;
    }
    identifiers.push_back(*std::move(normalized));
  }

  Outcome outcome;
  outcome.account_key = own_key;
  // The customer with the account (not one whose account only names it: the account joins it
  // as a new one, as in a build, where its number links it to the account naming it).
  std::optional<uint32_t> position;
  for (uint32_t holder : index.Holders(own_key)) {
    const GoldenCustomer& customer = index.customer(holder);
    if (AccountPosition(customer, own_key, normalizer) < customer.accounts.size()) {
      position = holder;
      break;
    }
  }
  std::string not_merged;
  auto joining = Joining(index, system, absl::StrCat(system, ":", account.account_id), identifiers,
                         position, unlinks, not_merged);
  if (!not_merged.empty()) {
    outcome.refused.push_back(absl::StrCat("customers not merged: ", not_merged,
                                           " (a restart may group them otherwise)"));
  }
  if (!position) {
    outcome.new_account = true;
    // It joins the first customer it is merging (below) with; otherwise the holder of its first
    // strong identifier that may take an account of `system`.
    if (!joining.empty()) {
      position = joining.front().position;
      joining.erase(joining.begin());
    } else {
      for (const auto& identifier : identifiers) {
        if (index.rules().For(identifier.type()) != IdentifierStrength::kStrong) continue;
        const std::string key = IdentifierNormalizer::Key(identifier);
        const auto holders = index.Holders(key);
        if (holders.empty()) continue;
        // Not through an identifier an agent said is not the holder's (as Build, which lets it
        // connect only accounts that were one customer).
        if (auto named = UnlinkedFrom(index, unlinks, key, holders.front());
            holders.size() == 1 && !named.empty()) {
          outcome.refused.push_back(
              absl::StrCat(key, " was unlinked from ", named, " by an agent: not joined"));
          continue;
        }
        if (holders.size() == 1 && !HasAccountIn(index.customer(holders.front()), system)) {
          if (!position) {
            position = holders.front();
          } else if (*position != holders.front()) {
            ++index.stats_.conflicts;
            outcome.refused.push_back(absl::StrCat(
                key, " belongs to ", index.customer(holders.front()).customer_id, ": not merged"));
          }
        } else if (!position || !Holds(holders, *position)) {
          ++index.stats_.conflicts;
          outcome.refused.push_back(
              absl::StrCat(key, " is held by a customer with an account in ", system, " already"));
        }
      }
    }
    ++index.stats_.accounts;
    if (position) {
      GoldenCustomer& customer = index.MutableCustomer(*position);
      customer.accounts.push_back(
          {system, account.account_id,
           absl::StrCat("identifiers shared, account announced by ", system, " after start-up")});
    } else {
      GoldenCustomer customer;
      customer.customer_id = IdentityIndex::GoldenIdFor(own_key);
      customer.accounts.push_back({system, account.account_id, "anchor account"});
      customer.display_name = account.display_name;
      customer.postal_code = account.postal_code;
      position = index.AddCustomer(std::move(customer));
      outcome.new_customer = true;
      ++index.stats_.customers;
      if (!account.postal_code.empty()) {
        index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(account.postal_code))
            .push_back(*position);
      }
    }
  }

  if (!joining.empty()) {
    auto merge = CustomerMerge::Apply(index, *position, joining, normalizer, issued);
    position = merge.position;
    outcome.merged = std::move(merge.lines);
    outcome.merged_ids = std::move(merge.merged_ids);
    outcome.to_record = std::move(merge.to_record);
    outcome.to_reissue = std::move(merge.to_reissue);
  }

  const GoldenCustomer& current = index.customer(*position);
  outcome.customer_id = current.customer_id;
  // The account's bit (0: it is only named by one of the customer's accounts, or past the
  // tracked ones; then nothing is withdrawn).
  const size_t at = AccountPosition(current, own_key, normalizer);
  uint64_t bit = at < current.accounts.size() ? DeclaredBit(at) : 0;
  if (current.accounts.size() > kMaxDeclaringAccounts) {
    bit = 0;
    outcome.refused.push_back(TooManyAccounts(current));
  }
  absl::flat_hash_map<std::string, size_t> held;
  for (size_t i = 0; i < current.identifiers.size(); ++i) {
    held.emplace(IdentifierNormalizer::Key(current.identifiers[i]), i);
  }

  // The identifiers the customer does not hold yet, and those it holds that the account declares
  // too now.
  std::vector<std::pair<std::string, const omnihub::v1::Identifier*>> to_add;
  std::vector<size_t> to_mark;
  std::set<std::string> declared;
  for (const auto& identifier : identifiers) {
    std::string key = IdentifierNormalizer::Key(identifier);
    if (!declared.insert(key).second) continue;
    if (auto it = held.find(key); it != held.end()) {
      if ((DeclaredAt(current, it->second) & bit) == 0) to_mark.push_back(it->second);
      continue;
    }
    // A strong identifier another customer holds that did not merge them: both hold it, as
    // after a restart (Build gives each account's customer all it declares), so it resolves to
    // neither alone.
    if (!index.Holders(key).empty() &&
        index.rules().For(identifier.type()) == IdentifierStrength::kStrong) {
      outcome.refused.push_back(
          absl::StrCat(key, " is another customer's too: it resolves to both"));
    }
    to_add.emplace_back(std::move(key), &identifier);
  }
  // Those the account declared and declares no more.
  std::vector<size_t> to_withdraw;
  for (size_t i = 0; bit != 0 && i < current.identifiers.size(); ++i) {
    if ((DeclaredAt(current, i) & bit) != 0 &&
        !declared.contains(IdentifierNormalizer::Key(current.identifiers[i]))) {
      to_withdraw.push_back(i);
    }
  }
  // A build gives the customer the name and postcode of its first account (in anchor order) that
  // has them: the anchor account's when it declares them, the account's when the customer has
  // none. (Otherwise the account's are not the customer's, or cannot be known to be: the index
  // keeps no other account's.)
  bool anchors = at < current.accounts.size();
  if (anchors) {
    const AccountOrder order(current.accounts, index.built_->system_order, normalizer);
    for (size_t j = 0; j < current.accounts.size() && anchors; ++j) {
      anchors = j == at || order.Before(at, j);
    }
  }
  const auto takes = [&](const std::string& theirs, const std::string& held_now) {
    return !theirs.empty() && theirs != held_now && (anchors || held_now.empty());
  };
  const bool takes_name = takes(account.display_name, current.display_name);
  const bool takes_postcode = takes(account.postal_code, current.postal_code);
  if (to_add.empty() && to_withdraw.empty() && (to_mark.empty() || bit == 0) && !takes_name &&
      !takes_postcode) {
    return outcome;
  }

  GoldenCustomer& customer = index.MutableCustomer(*position);
  customer.declared_by.resize(customer.identifiers.size());
  if (takes_name) customer.display_name = account.display_name;
  if (takes_postcode) {
    if (!customer.postal_code.empty()) {
      std::erase(
          index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(customer.postal_code)),
          *position);
    }
    customer.postal_code = account.postal_code;
    auto& holders =
        index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(customer.postal_code));
    if (!Holds(holders, *position)) holders.push_back(*position);
  }
  for (size_t i : to_mark) customer.declared_by[i] |= bit;
  bool strong_withdrawn = false;
  // Last first, so the positions still to visit stay where they are.
  for (auto it = to_withdraw.rbegin(); it != to_withdraw.rend(); ++it) {
    const size_t i = *it;
    std::string key = IdentifierNormalizer::Key(customer.identifiers[i]);
    customer.declared_by[i] &= ~bit;
    if (index.rules().For(customer.identifiers[i].type()) == IdentifierStrength::kStrong) {
      strong_withdrawn = true;
    }
    if (customer.declared_by[i] != 0 || customer.manual_links.contains(key)) continue;
    EraseIdentifierAt(customer, i);
    std::erase(index.MutableHolders(key), *position);
    --index.stats_.identifiers;
    outcome.withdrawn.push_back(
        absl::StrCat("withdrew ", key, " (no longer on ", system, ":", account.account_id, ")"));
  }
  std::reverse(outcome.withdrawn.begin(), outcome.withdrawn.end());
  for (auto& [key, identifier] : to_add) {
    customer.identifiers.push_back(*identifier);
    customer.declared_by.push_back(bit);
    index.MutableHolders(key).push_back(*position);
    ++index.stats_.identifiers;
    outcome.added.push_back(std::move(key));
  }
  if (strong_withdrawn) SplitIfApart(index, *position, normalizer, issued, &account, outcome);
  return outcome;
}

absl::StatusOr<AccountUpdate::Outcome> AccountUpdate::Remove(
    IdentityIndex& index, const std::string& system, const std::string& account_id,
    const IdentifierNormalizer& normalizer, const CustomerSplit::IssuedLookup& issued) {
  auto own_normalized = AccountNumber(system, account_id, normalizer);
  if (!own_normalized.ok()) return own_normalized.status();
  const std::string own_key = IdentifierNormalizer::Key(*own_normalized);
  const auto not_found = absl::NotFoundError(
      absl::StrCat("no customer has account ", system, ":", account_id, ": nothing to remove"));
  const auto own_holders = index.Holders(own_key);
  if (own_holders.empty()) return not_found;
  const uint32_t position = own_holders.front();
  const size_t at = AccountPosition(index.customer(position), own_key, normalizer);
  if (at == index.customer(position).accounts.size()) return not_found;
  if (index.customer(position).accounts.size() > kMaxDeclaringAccounts) {
    return absl::FailedPreconditionError(TooManyAccounts(index.customer(position)));
  }

  Outcome outcome;
  outcome.account_key = own_key;
  outcome.removed_account = true;
  GoldenCustomer& customer = index.MutableCustomer(position);
  outcome.customer_id = customer.customer_id;
  customer.declared_by.resize(customer.identifiers.size());
  const uint64_t bit = DeclaredBit(at);
  bool strong_withdrawn = false;
  for (size_t i = customer.identifiers.size(); i-- > 0;) {
    if ((customer.declared_by[i] & bit) == 0) continue;
    std::string key = IdentifierNormalizer::Key(customer.identifiers[i]);
    customer.declared_by[i] &= ~bit;
    if (key != own_key &&
        index.rules().For(customer.identifiers[i].type()) == IdentifierStrength::kStrong) {
      strong_withdrawn = true;
    }
    if (customer.declared_by[i] != 0 || customer.manual_links.contains(key)) continue;
    EraseIdentifierAt(customer, i);
    std::erase(index.MutableHolders(key), position);
    --index.stats_.identifiers;
    outcome.withdrawn.push_back(
        absl::StrCat("withdrew ", key, " (", system, ":", account_id, " no longer exists)"));
  }
  std::reverse(outcome.withdrawn.begin(), outcome.withdrawn.end());
  EraseAccountAt(customer, at);
  --index.stats_.accounts;
  if (!customer.accounts.empty()) {
    if (strong_withdrawn) SplitIfApart(index, position, normalizer, issued, nullptr, outcome);
    return outcome;
  }
  // Its only account: the customer is no more (what a restart gives).
  for (const auto& identifier : customer.identifiers) {
    std::erase(index.MutableHolders(IdentifierNormalizer::Key(identifier)), position);
  }
  index.stats_.identifiers -= customer.identifiers.size();
  if (!customer.postal_code.empty()) {
    std::erase(
        index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(customer.postal_code)),
        position);
  }
  index.ForgetId(customer.customer_id);
  for (const auto& id : customer.merged_ids) index.ForgetId(id);
  customer.identifiers.clear();
  customer.declared_by.clear();
  customer.manual_links.clear();
  customer.merged_ids.clear();
  --index.stats_.customers;
  outcome.split.push_back(
      absl::StrCat(outcome.customer_id, " has no account left: it no longer resolves"));
  return outcome;
}

void AccountUpdate::SplitIfApart(IdentityIndex& index, uint32_t position,
                                 const IdentifierNormalizer& normalizer,
                                 const CustomerSplit::IssuedLookup& issued,
                                 const omnihub::sdk::AccountIdentity* announced, Outcome& outcome) {
  auto split =
      CustomerSplit::Apply(index, position, normalizer, issued, announced, outcome.account_key);
  if (split.lines.empty()) return;
  outcome.split = std::move(split.lines);
  outcome.split_ids = std::move(split.new_ids);
  outcome.to_record.insert(outcome.to_record.end(), split.to_record.begin(), split.to_record.end());
  outcome.to_reissue.insert(outcome.to_reissue.end(), split.to_reissue.begin(),
                            split.to_reissue.end());
  if (!outcome.removed_account) {
    const auto holders = index.Holders(outcome.account_key);
    if (!holders.empty()) outcome.customer_id = index.customer(holders.front()).customer_id;
  }
}

}  // namespace omnihub::hub
