// Search matches: the hub's identity-index candidates for a name query combined with what the
// backends' own searches found (SearchFanOut), as the CustomerMatch list SearchCustomers pages.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/search.h"
#include "hub/aggregate/search_fan_out.h"
#include "hub/identity/identity_index.h"
#include "omnihub/v1/customer.pb.h"

namespace omnihub::hub {

// A profile from the identity index alone (no backend call): ids, name, identifiers, accounts.
omnihub::v1::Customer IndexProfile(const GoldenCustomer& golden);

// The backends' search for a name query: the surname is the name's last word (backends search by
// surname and postcode). Nullopt when the name has no word. `limit` is clamped to the SDK's range.
std::optional<omnihub::sdk::SearchRequest> BackendSearchRequest(const std::string& name,
                                                                const std::string& postal_code,
                                                                int limit);

// The most bytes a backend hit's text field (name, address line, postcode) may have to be used.
inline constexpr size_t kMaxHitTextBytes = 256;
// The most bytes a backend hit's account number may have.
inline constexpr size_t kMaxHitAccountBytes = 64;

// Combines the index's candidates for `name` (best first, as IdentityIndex::FindByName gives
// them) with every hit of the outcomes whose status is OK. Never merges customers:
// - a hit whose account (system + account number) the index knows adds evidence naming the
//   system to that golden customer's match (a new candidate when the index's own search had not
//   found them); the score becomes the higher of the two;
// - a hit the index does not know becomes a match of its own: a candidate with no customer id
//   (the hub has no golden customer for it), the system's account as its one account and
//   identifier, the name and address as that system holds them, and evidence saying that only
//   this system knows it. Hits of one account found twice are one match.
// A hit is scored 0.8 when every word of `name` is in its name, else 0.4 (the surname alone:
// often another member of the household). Unusable hits (no or oversized account number, one the
// normaliser refuses, text that is not UTF-8 or longer than kMaxHitTextBytes, more hits than the
// request's `limit`) are dropped and said in that outcome's `source.note`.
// The result is ordered by score, then golden customer before system-only, then id; at most
// `max_matches`. The same inputs always give the same list (paging relies on it).
std::vector<omnihub::v1::CustomerMatch> CombineSearchMatches(
    const IdentityIndex& index, const omnihub::sdk::IdentifierNormalizer& normalizer,
    const std::string& name, const std::vector<CandidateMatch>& candidates, int limit,
    std::vector<SearchOutcome>& outcomes, size_t max_matches);

}  // namespace omnihub::hub
