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

}  // namespace

std::string AccountUpdate::Outcome::Summary() const {
  std::string line = absl::StrCat(" -> ", customer_id, new_customer ? " (new customer)" : "",
                                  removed_account ? " (account removed)" : "", ", ", added.size(),
                                  " identifiers added, ", withdrawn.size(), " withdrawn");
  const auto part = [&](const char* label, const std::vector<std::string>& lines) {
    if (!lines.empty()) absl::StrAppend(&line, label, absl::StrJoin(lines, "; "));
  };
  part(": ", withdrawn);
  part("; ", split);
  part("; refused: ", refused);
  if (!not_recorded.empty()) absl::StrAppend(&line, "; its id is not recorded: ", not_recorded);
  return line;
}

absl::StatusOr<AccountUpdate::Outcome> AccountUpdate::Apply(
    IdentityIndex& index, const std::string& system, const omnihub::sdk::AccountIdentity& account,
    const IdentifierNormalizer& normalizer, const CustomerSplit::IssuedLookup& issued) {
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
  std::optional<uint32_t> position;
  if (const auto own_holders = index.Holders(own_key); !own_holders.empty()) {
    position = own_holders.front();
  } else {
    outcome.new_account = true;
    // The holder of the account's first strong identifier that may take an account of `system`.
    for (const auto& identifier : identifiers) {
      if (index.rules().For(identifier.type()) != IdentifierStrength::kStrong) continue;
      const std::string key = IdentifierNormalizer::Key(identifier);
      const auto holders = index.Holders(key);
      if (holders.empty()) continue;
      if (holders.size() == 1 && !HasAccountIn(index.customer(holders.front()), system)) {
        if (!position) {
          position = holders.front();
        } else if (*position != holders.front()) {
          ++index.stats_.conflicts;
          outcome.refused.push_back(absl::StrCat(key, " belongs to ",
                                                 index.customer(holders.front()).customer_id,
                                                 ": not merged without an agent"));
        }
      } else if (!position || !Holds(holders, *position)) {
        ++index.stats_.conflicts;
        outcome.refused.push_back(
            absl::StrCat(key, " is held by a customer with an account in ", system, " already"));
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
    if (!index.Holders(key).empty() &&
        index.rules().For(identifier.type()) == IdentifierStrength::kStrong) {
      if (std::find(outcome.refused.begin(), outcome.refused.end(), key) == outcome.refused.end()) {
        outcome.refused.push_back(absl::StrCat(key, " is another customer's: not added"));
      }
      continue;
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
  const bool fills_name = current.display_name.empty() && !account.display_name.empty();
  if (to_add.empty() && to_withdraw.empty() && (to_mark.empty() || bit == 0) && !fills_name) {
    return outcome;
  }

  GoldenCustomer& customer = index.MutableCustomer(*position);
  customer.declared_by.resize(customer.identifiers.size());
  if (fills_name) customer.display_name = account.display_name;
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
  outcome.to_record = std::move(split.to_record);
  if (!outcome.removed_account) {
    const auto holders = index.Holders(outcome.account_key);
    if (!holders.empty()) outcome.customer_id = index.customer(holders.front()).customer_id;
  }
}

}  // namespace omnihub::hub
