// BuildKeepingIds: the identity index build the hub runs at start-up (and at any rebuild), keeping
// the golden ids issued before: reads them from the registry, builds over them, records the ids
// of accounts that had none.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "hub/identity/identity_index.h"
#include "hub/identity/issued_id.h"

namespace omnihub::hub {

struct BuildKeepingIdsReport {
  std::shared_ptr<const IdentityIndex> index;
  // Valid ids read from the registry (first and reissued), and those recorded now: accounts' first
  // ids, and ids reissued to accounts of customers the systems split since.
  size_t issued_before = 0;
  size_t recorded = 0;
  size_t reissued = 0;
  // Stored rows not trusted (CheckIssuedIds), one line each.
  std::vector<std::string> rejected;
  // Distinct trusted ids issued before that resolve to no customer of this build: every account
  // that held them is gone from its system, or its system could not be scanned. A caller holding
  // one gets NOT_FOUND. Counted, with up to 10 examples ("C-0123456789abcdef (account:web:12)").
  size_t unresolved = 0;
  std::vector<std::string> unresolved_examples;
  // Builds run: more than one when another hub recorded ids for the same accounts meanwhile.
  int builds = 0;
};

// Reads `registry`, keeps the rows CheckIssuedIds trusts (systems: `known_systems`), builds
// (IdentityIndex::Build with them) and records the accounts' new ids. When fewer were new than
// asked (another hub sharing the registry recorded some first), reads again and rebuilds so this
// hub uses the ids recorded, up to 3 builds. Records the ids reissued to accounts too
// (IssuedIdRegistry::RecordReissued). `unlinked_keys`: IdentityIndex::Build's (UnlinkedKeys of
// the agents' events, read before the build). The registry's error when it cannot be read or
// written (an index built on ids that cannot be kept would hand out ids that may change).
absl::StatusOr<BuildKeepingIdsReport> BuildKeepingIds(
    IssuedIdRegistry& registry, const std::vector<IdentityIndex::SystemAccounts>& systems,
    const std::vector<std::string>& system_order, const IdentifierNormalizer& normalizer,
    const IdentityRules& rules, const std::vector<std::string>& known_systems,
    const absl::flat_hash_set<std::string>& unlinked_keys = {});

}  // namespace omnihub::hub
