// GoldenIds: which golden id each customer of an index build gets, given the ids issued before
// (IssuedIdRegistry), so that an id once issued never changes; and the check of stored ids
// before they are trusted.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/container/inlined_vector.h"
#include "hub/identity/issued_id.h"

namespace omnihub::hub {

// Issued ids by account key: the account's first id, then those reissued to it, earliest first
// (most accounts hold one).
using IssuedIds = absl::flat_hash_map<std::string, absl::InlinedVector<IssuedId, 1>>;

struct CheckedIssuedIds {
  IssuedIds ids;
  // One line per row not trusted, e.g. "account:crm:1 -> C-...: system 'crm' is not configured".
  std::vector<std::string> rejected;
};

// The rows of `rows` that can be trusted: the account key is "account:<system>:<number>" with a
// system in `known_systems` and a number, the id is "C-" and 16 lower-case hex digits, issued_at
// is a UTC time with 3 fraction digits (IssuedId). A key met twice among first ids keeps its first
// row (the second is rejected). A reissued row is trusted only for an account whose first id is,
// with another id, issued after the first (a row that would outrank the account's first id is
// rejected: it could change a customer's id); an id the account holds already is rejected.
CheckedIssuedIds CheckIssuedIds(const std::vector<IssuedId>& rows,
                                const std::vector<std::string>& known_systems);

// "C-" and 16 lower-case hex digits.
bool IsGoldenIdShape(const std::string& id);

// The ids chosen for the components (customers) of one build.
struct ChosenIds {
  struct Customer {
    std::string customer_id;
    // Other ids issued to its accounts before: they keep resolving to it.
    std::vector<std::string> aliases;
  };
  std::vector<Customer> customers;  // by component
  // Accounts whose id is not recorded yet, with the id they got now (IssuedIdRegistry::Record).
  std::vector<IssuedId> to_record;
  // Accounts holding issued ids but not the one their component got, with it
  // (IssuedIdRegistry::RecordReissued), so that every account holds its customer's id: a part
  // that got a fresh id (every id its accounts held is another's: a split) gets it again at the
  // next build and it resolves to their customer once it is one with the others again; accounts
  // merged into a customer hold its id, which tells a build they were one (an identifier an agent
  // unlinked connects only such accounts: IdentityIndex::Build).
  std::vector<IssuedId> to_reissue;
};

// Chooses each component's id. `components[c]` holds the account keys of component c, anchor
// first; `fresh_id(c, 0)` is the id a component with no issued id gets (GoldenIdFor(anchor)),
// `fresh_id(c, n)` the n-th other one, should that be taken already.
//   - A component whose accounts hold issued ids takes the earliest issued of them (ties: the
//     smaller id) that no other component took; an id held by accounts of several components
//     (the systems split a customer) goes to the component whose account had it earliest (ties:
//     the smaller account key).
//   - A component with none free gets its fresh id (the next one on the rare collision with an id
//     already taken).
//   - Each account is to record the id its component got, unless it holds it (to_record,
//     to_reissue).
//   - The component's other issued ids that no customer took become its aliases.
// `in_use` (optional) names ids customers outside `components` have (choosing again for a few
// customers of an index, CustomerSplit): they are neither taken nor aliased.
// Deterministic: the same components and issued ids always give the same answer.
ChosenIds ChooseGoldenIds(const std::vector<std::vector<std::string>>& components,
                          const IssuedIds& issued,
                          const std::function<std::string(size_t component, int attempt)>& fresh_id,
                          const std::function<bool(const std::string& id)>& in_use = nullptr);

}  // namespace omnihub::hub
