// InsertOncePerKey: how the store writes a record once per caller's idempotency key (contacts,
// cases), and the error for a key reused for a different record.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::hub::store {

// `find` reads the record holding the key (if any); `insert` writes a new one under the key and
// answers it. A record found first is answered without writing (second: false); otherwise the
// insert's (second: true). When the insert fails on the key's uniqueness (ALREADY_EXISTS: another
// hub or a concurrent retry wrote it first), the record it wrote is answered (second: false).
template <typename T>
absl::StatusOr<std::pair<T, bool>> InsertOncePerKey(
    const std::function<absl::StatusOr<std::optional<T>>()>& find,
    const std::function<absl::StatusOr<T>()>& insert) {
  auto first = find();
  if (!first.ok()) return first.status();
  if (*first) return std::pair<T, bool>(**std::move(first), false);
  auto inserted = insert();
  if (inserted.ok()) return std::pair<T, bool>(*std::move(inserted), true);
  if (inserted.status().code() != absl::StatusCode::kAlreadyExists) return inserted.status();
  auto winner = find();
  if (!winner.ok()) return winner.status();
  if (!*winner) return inserted.status();
  return std::pair<T, bool>(**std::move(winner), false);
}

// ALREADY_EXISTS: "idempotency_key 'k' was already used for contact H-..., which differs in:
// channel, summary; use a new key for a new contact".
inline absl::Status ReusedKeyError(const std::string& key, const std::string& what,
                                   const std::string& id, const std::vector<std::string>& fields) {
  return absl::AlreadyExistsError(absl::StrCat(
      "idempotency_key '", key, "' was already used for ", what, " ", id,
      ", which differs in: ", absl::StrJoin(fields, ", "), "; use a new key for a new ", what));
}

}  // namespace omnihub::hub::store
