#include "hub/identity/account_update.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierNormalizer;
using omnihub::sdk::IdentifierStrength;

bool HasAccountIn(const GoldenCustomer& customer, const std::string& system) {
  return std::any_of(customer.accounts.begin(), customer.accounts.end(),
                     [&](const LinkedAccountRecord& account) { return account.system == system; });
}

bool Holds(const std::vector<uint32_t>* holders, uint32_t position) {
  return holders != nullptr &&
         std::find(holders->begin(), holders->end(), position) != holders->end();
}

}  // namespace

absl::StatusOr<AccountUpdate::Outcome> AccountUpdate::Apply(
    IdentityIndex& index, const std::string& system, const omnihub::sdk::AccountIdentity& account,
    const IdentifierNormalizer& normalizer) {
  if (system.empty()) return absl::InvalidArgumentError("the account's system is empty");
  omnihub::v1::Identifier own;
  own.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  own.set_system(system);
  own.set_value(account.account_id);
  auto own_normalized = normalizer.Normalize(own);
  if (!own_normalized.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "account number of ", system, " is not valid: ", own_normalized.status().message()));
  }
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
  if (const auto* own_holders = index.Holders(own_key);
      own_holders != nullptr && !own_holders->empty()) {
    position = own_holders->front();
  } else {
    outcome.new_account = true;
    // The holder of the account's first strong identifier that may take an account of `system`.
    for (const auto& identifier : identifiers) {
      if (index.rules().For(identifier.type()) != IdentifierStrength::kStrong) continue;
      const std::string key = IdentifierNormalizer::Key(identifier);
      const auto* holders = index.Holders(key);
      if (holders == nullptr || holders->empty()) continue;
      if (holders->size() == 1 && !HasAccountIn(index.customer(holders->front()), system)) {
        if (!position) {
          position = holders->front();
        } else if (*position != holders->front()) {
          ++index.stats_.conflicts;
          outcome.refused.push_back(absl::StrCat(key, " belongs to ",
                                                 index.customer(holders->front()).customer_id,
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

  // The identifiers the customer does not hold yet.
  std::vector<std::pair<std::string, const omnihub::v1::Identifier*>> to_add;
  std::set<std::string> seen;
  for (const auto& identifier : identifiers) {
    std::string key = IdentifierNormalizer::Key(identifier);
    if (!seen.insert(key).second) continue;
    const auto* holders = index.Holders(key);
    if (Holds(holders, *position)) continue;
    if (holders != nullptr && !holders->empty() &&
        index.rules().For(identifier.type()) == IdentifierStrength::kStrong) {
      if (std::find(outcome.refused.begin(), outcome.refused.end(), key) == outcome.refused.end()) {
        outcome.refused.push_back(absl::StrCat(key, " is another customer's: not added"));
      }
      continue;
    }
    to_add.emplace_back(std::move(key), &identifier);
  }
  const GoldenCustomer& current = index.customer(*position);
  outcome.customer_id = current.customer_id;
  const bool fills_name = current.display_name.empty() && !account.display_name.empty();
  if (to_add.empty() && !fills_name) return outcome;
  GoldenCustomer& customer = index.MutableCustomer(*position);
  if (fills_name) customer.display_name = account.display_name;
  for (auto& [key, identifier] : to_add) {
    customer.identifiers.push_back(*identifier);
    index.MutableHolders(key).push_back(*position);
    ++index.stats_.identifiers;
    outcome.added.push_back(std::move(key));
  }
  return outcome;
}

}  // namespace omnihub::hub
