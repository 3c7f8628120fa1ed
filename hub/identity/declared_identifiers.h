// Which accounts of a golden customer declare each of its identifiers (GoldenCustomer::
// declared_by), and the edits that keep those bits in step with the customer's identifiers and
// accounts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/identity/identity_index.h"

namespace omnihub::hub {

// Accounts of one customer that have a bit; an account past them declares nothing it could
// withdraw (one person has one account per system: 64 is far more than the landscape has).
inline constexpr size_t kMaxDeclaringAccounts = 64;

// The bit of accounts[account] (0 past kMaxDeclaringAccounts).
inline uint64_t DeclaredBit(size_t account) {
  return account < kMaxDeclaringAccounts ? uint64_t{1} << account : 0;
}

// `mask` with the bit of each account j moved to new_position[j] (dropped when it is negative or
// past kMaxDeclaringAccounts).
uint64_t MoveDeclaredBits(uint64_t mask, const std::vector<int>& new_position);

// Erases identifiers[i] and its declared_by entry.
void EraseIdentifierAt(GoldenCustomer& customer, size_t i);

// What is left of a customer merged into another: no account, identifier, agent's note or id
// merged into it (no key finds it).
void LeaveEmpty(GoldenCustomer& customer);

// Erases accounts[account]; the bits of the accounts after it move down by one.
void EraseAccountAt(GoldenCustomer& customer, size_t account);

// The account's own number as the index keys it ("account:web:12345" once IdentifierNormalizer::
// Key'd), or INVALID_ARGUMENT naming what is wrong (an empty system, a number that cannot be
// normalised).
absl::StatusOr<omnihub::v1::Identifier> AccountNumber(const std::string& system,
                                                      const std::string& account_id,
                                                      const IdentifierNormalizer& normalizer);

// The position in customer.accounts of the account keyed `account_key` (its number's key), or
// customer.accounts.size() when it is not one of them.
size_t AccountPosition(const GoldenCustomer& customer, const std::string& account_key,
                       const IdentifierNormalizer& normalizer);

// A customer's accounts in the order Build anchors a customer by: the first system in precedence
// order (IdentityIndex's system order; systems not in it last), then the smallest account key.
struct AccountOrder {
  AccountOrder(const std::vector<LinkedAccountRecord>& accounts,
               const std::vector<std::string>& system_order,
               const IdentifierNormalizer& normalizer);
  // Whether accounts[a] anchors before accounts[b].
  bool Before(size_t a, size_t b) const;

  // keys[j]: accounts[j] as the index keys it ("account:erp:C1000001"); rank[j]: its system's
  // position in the system order.
  std::vector<std::string> keys;
  std::vector<size_t> rank;
};

}  // namespace omnihub::hub
