#include "hub/identity/declared_identifiers.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"

namespace omnihub::hub {

uint64_t MoveDeclaredBits(uint64_t mask, const std::vector<int>& new_position) {
  uint64_t moved = 0;
  for (size_t j = 0; j < new_position.size() && j < kMaxDeclaringAccounts; ++j) {
    if ((mask & DeclaredBit(j)) != 0 && new_position[j] >= 0) {
      moved |= DeclaredBit(static_cast<size_t>(new_position[j]));
    }
  }
  return moved;
}

void EraseIdentifierAt(GoldenCustomer& customer, size_t i) {
  customer.identifiers.erase(customer.identifiers.begin() + static_cast<ptrdiff_t>(i));
  if (i < customer.declared_by.size()) {
    customer.declared_by.erase(customer.declared_by.begin() + static_cast<ptrdiff_t>(i));
  }
}

void LeaveEmpty(GoldenCustomer& customer) {
  customer.accounts.clear();
  customer.identifiers.clear();
  customer.declared_by.clear();
  customer.manual_links.clear();
  customer.merged_ids.clear();
}

void EraseAccountAt(GoldenCustomer& customer, size_t account) {
  std::vector<int> new_position(customer.accounts.size());
  for (size_t j = 0; j < new_position.size(); ++j) {
    new_position[j] = j < account ? static_cast<int>(j) : static_cast<int>(j) - 1;
  }
  new_position[account] = -1;
  for (auto& mask : customer.declared_by) mask = MoveDeclaredBits(mask, new_position);
  customer.accounts.erase(customer.accounts.begin() + static_cast<ptrdiff_t>(account));
}

absl::StatusOr<omnihub::v1::Identifier> AccountNumber(const std::string& system,
                                                      const std::string& account_id,
                                                      const IdentifierNormalizer& normalizer) {
  if (system.empty()) return absl::InvalidArgumentError("the account's system is empty");
  omnihub::v1::Identifier own;
  own.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  own.set_system(system);
  own.set_value(account_id);
  auto normalized = normalizer.Normalize(own);
  if (!normalized.ok()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "account number of ", system, " is not valid: ", normalized.status().message()));
  }
  return normalized;
}

size_t AccountPosition(const GoldenCustomer& customer, const std::string& account_key,
                       const IdentifierNormalizer& normalizer) {
  for (size_t j = 0; j < customer.accounts.size(); ++j) {
    const auto& account = customer.accounts[j];
    auto number = AccountNumber(account.system, account.account_id, normalizer);
    if (number.ok() && IdentifierNormalizer::Key(*number) == account_key) return j;
  }
  return customer.accounts.size();
}

AccountOrder::AccountOrder(const std::vector<LinkedAccountRecord>& accounts,
                           const std::vector<std::string>& system_order,
                           const IdentifierNormalizer& normalizer)
    : keys(accounts.size()), rank(accounts.size()) {
  for (size_t j = 0; j < accounts.size(); ++j) {
    const auto& account = accounts[j];
    auto number = AccountNumber(account.system, account.account_id, normalizer);
    keys[j] = number.ok() ? IdentifierNormalizer::Key(*number)
                          : absl::StrCat("account:", account.system, ":", account.account_id);
    rank[j] = static_cast<size_t>(
        std::find(system_order.begin(), system_order.end(), account.system) - system_order.begin());
  }
}

bool AccountOrder::Before(size_t a, size_t b) const {
  return std::tie(rank[a], keys[a]) < std::tie(rank[b], keys[b]);
}

}  // namespace omnihub::hub
