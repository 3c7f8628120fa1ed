// IdentityIndex's candidate search (FindCandidates, FindByName): customers who may be the person
// sought, by name and postcode or a shared weak identifier. Candidates are shown to agents and
// never merged.
#include <algorithm>

#include "absl/container/flat_hash_set.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/identity/identity_index.h"
#include "hub/identity/name_similarity.h"

namespace omnihub::hub {
namespace {

// A postcode as people write it, for evidence: "ls14ab" and "LS1 4AB" both read "LS1 4AB" (UK:
// the inward code is the last three characters).
std::string ReadablePostcode(const std::string& key) {
  if (key.size() < 5) return key;
  return absl::StrCat(key.substr(0, key.size() - 3), " ", key.substr(key.size() - 3));
}

}  // namespace

CandidateQuery CandidateQuery::Of(const GoldenCustomer& customer) {
  return {customer.display_name, customer.postal_code, customer.identifiers};
}

std::vector<CandidateMatch> IdentityIndex::FindByName(const std::string& name,
                                                      const std::string& postcode,
                                                      size_t limit) const {
  return FindCandidates({name, postcode, {}}, limit);
}

std::vector<CandidateMatch> IdentityIndex::FindCandidates(const CandidateQuery& query,
                                                          size_t limit) const {
  std::vector<CandidateMatch> matches;
  const auto wanted = NameWords(query.name);
  if (wanted.empty() || limit == 0) return matches;

  // What the query shares (its postcode, its weak identifiers) and who holds each, as (holder,
  // what) pairs: evidence text is only made for the few holders whose name agrees.
  std::vector<std::string> blocks;
  std::vector<std::pair<uint32_t, uint32_t>> held;
  auto block = [&](absl::Span<const uint32_t> holders, std::string what) {
    if (holders.empty()) return;
    const auto block_index = static_cast<uint32_t>(blocks.size());
    blocks.push_back(std::move(what));
    const size_t n = std::min(holders.size(), kMaxBlockHolders);
    for (size_t i = 0; i < n; ++i) held.emplace_back(holders[i], block_index);
  };
  const std::string postcode_key = IdentifierNormalizer::PostcodeKey(query.postcode);
  if (!postcode_key.empty()) {
    block(PostcodeHolders(postcode_key),
          absl::StrCat("postcode ", ReadablePostcode(postcode_key), " equal"));
  }
  absl::flat_hash_set<std::string> seen;
  for (const auto& identifier : query.identifiers) {
    if (rules().For(identifier.type()) != IdentifierStrength::kWeak) continue;
    std::string key = IdentifierNormalizer::Key(identifier);
    if (!seen.insert(key).second) continue;
    block(Holders(key), absl::StrCat(key, " shared"));
  }
  std::sort(held.begin(), held.end());

  std::vector<size_t> shared_count;
  for (size_t i = 0; i < held.size();) {
    const uint32_t index = held[i].first;
    size_t end = i;
    while (end < held.size() && held[end].first == index) ++end;
    const size_t first = i;
    i = end;
    const GoldenCustomer& candidate = customer(index);
    if (candidate.accounts.empty()) continue;  // merged into another by hand
    auto agreement = CompareNames(wanted, NameWords(candidate.display_name));
    if (!agreement) continue;
    CandidateMatch match{index, 0.5 + 0.5 * agreement->similarity, {}};
    for (size_t k = first; k < end; ++k) match.evidence.push_back(blocks[held[k].second]);
    shared_count.push_back(match.evidence.size());
    match.evidence.push_back(absl::StrCat("name '", candidate.display_name,
                                          "': ", absl::StrJoin(agreement->evidence, ", ")));
    matches.push_back(std::move(match));
  }

  std::vector<size_t> order(matches.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    if (matches[a].score != matches[b].score) return matches[a].score > matches[b].score;
    if (shared_count[a] != shared_count[b]) return shared_count[a] > shared_count[b];
    return customer(matches[a].customer_index).customer_id <
           customer(matches[b].customer_index).customer_id;
  });
  std::vector<CandidateMatch> best;
  for (size_t i = 0; i < order.size() && best.size() < limit; ++i) {
    best.push_back(std::move(matches[order[i]]));
  }
  return best;
}

}  // namespace omnihub::hub
