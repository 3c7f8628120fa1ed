#include "hub/aggregate/search_matches.h"

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/sdk/utf8.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierNormalizer;
using omnihub::sdk::SearchHit;

constexpr double kFullNameScore = 0.8;
constexpr double kSurnameOnlyScore = 0.4;
// Reasons quoted in a source's note; the rest are counted.
constexpr size_t kQuotedReasons = 3;

// The name's words, folded as the identity index folds them.
std::set<std::string> NameWords(const std::string& name) {
  return absl::StrSplit(IdentifierNormalizer::NameKey(name), ' ', absl::SkipEmpty());
}

// Why a text field of a hit cannot be shown, or empty.
std::string TextProblem(const std::string& text, absl::string_view field) {
  if (text.size() > kMaxHitTextBytes) {
    return absl::StrCat(field, " is longer than ", kMaxHitTextBytes, " bytes");
  }
  if (!omnihub::sdk::IsValidUtf8(text)) return absl::StrCat(field, " is not valid UTF-8");
  return "";
}

// Why `hit` cannot be used, or empty; `account` receives its normalised account number.
std::string HitProblem(const SearchHit& hit, const std::string& system,
                       const IdentifierNormalizer& normalizer, omnihub::v1::Identifier& account) {
  const std::string& id = hit.identity.account_id;
  if (absl::StripAsciiWhitespace(id).empty()) return "no account number";
  if (id.size() > kMaxHitAccountBytes) {
    return absl::StrCat("account number longer than ", kMaxHitAccountBytes, " bytes");
  }
  omnihub::v1::Identifier raw;
  raw.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  raw.set_system(system);
  raw.set_value(id);
  auto normalized = normalizer.Normalize(raw);
  if (!normalized.ok()) return "account number not usable as an identifier";
  account = *std::move(normalized);
  const auto& profile = hit.profile;
  const auto& address = profile.address();
  for (const auto& [text, field] :
       std::initializer_list<std::pair<const std::string&, const char*>>{
           {hit.identity.display_name, "name"},
           {profile.display_name(), "display name"},
           {profile.given_name(), "given name"},
           {profile.family_name(), "family name"},
           {hit.identity.postal_code, "postcode"},
           {address.postal_code(), "postcode"},
           {address.locality(), "town"},
           {address.region(), "region"},
           {address.country_code(), "country code"}}) {
    if (auto problem = TextProblem(text, field); !problem.empty()) return problem;
  }
  for (const auto& line : address.lines()) {
    if (auto problem = TextProblem(line, "address line"); !problem.empty()) return problem;
  }
  return "";
}

std::string HitName(const SearchHit& hit) {
  if (!hit.identity.display_name.empty()) return hit.identity.display_name;
  if (!hit.profile.display_name().empty()) return hit.profile.display_name();
  return absl::StrCat(hit.profile.given_name(), " ", hit.profile.family_name());
}

std::string HitPostcode(const SearchHit& hit) {
  return hit.identity.postal_code.empty() ? hit.profile.address().postal_code()
                                          : hit.identity.postal_code;
}

// A match of a customer only `system` knows.
omnihub::v1::CustomerMatch SystemOnlyMatch(const SearchHit& hit, const std::string& system,
                                           const omnihub::v1::Identifier& account,
                                           const std::string& found) {
  omnihub::v1::CustomerMatch match;
  auto* customer = match.mutable_customer();
  customer->set_display_name(HitName(hit));
  customer->set_given_name(hit.profile.given_name());
  customer->set_family_name(hit.profile.family_name());
  if (hit.profile.has_address()) *customer->mutable_address() = hit.profile.address();
  (*customer->mutable_field_sources())["display_name"] = system;
  if (hit.profile.has_address()) (*customer->mutable_field_sources())["address"] = system;
  *customer->add_identifiers() = account;
  auto* linked = customer->add_accounts();
  linked->set_system(system);
  linked->set_account_id(account.value());
  linked->set_linked_by(
      absl::StrCat("found by ", system, "'s search; not in the hub's identity index"));
  match.set_kind(omnihub::v1::MATCH_KIND_CANDIDATE);
  match.add_evidence(found);
  match.add_evidence(absl::StrCat("only ", system, " knows this customer: account ",
                                  IdentifierNormalizer::Key(account),
                                  " is not in the hub's identity index; verify before acting"));
  return match;
}

struct Ranked {
  omnihub::v1::CustomerMatch match;
  std::string order_key;  // golden customer id, or "system:account" for system-only matches
  bool golden = true;
};

}  // namespace

omnihub::v1::Customer IndexProfile(const GoldenCustomer& golden) {
  omnihub::v1::Customer customer;
  customer.set_customer_id(golden.customer_id);
  customer.set_display_name(golden.display_name);
  for (const auto& identifier : golden.identifiers) *customer.add_identifiers() = identifier;
  for (const auto& account : golden.accounts) {
    auto* linked = customer.add_accounts();
    linked->set_system(account.system);
    linked->set_account_id(account.account_id);
    linked->set_linked_by(account.linked_by);
  }
  return customer;
}

std::optional<omnihub::sdk::SearchRequest> BackendSearchRequest(const std::string& name,
                                                                const std::string& postal_code,
                                                                int limit) {
  std::vector<absl::string_view> words =
      absl::StrSplit(name, absl::ByAnyChar(" \t"), absl::SkipEmpty());
  if (words.empty()) return std::nullopt;
  omnihub::sdk::SearchRequest request;
  request.surname = std::string(words.back());
  request.postal_code = std::string(absl::StripAsciiWhitespace(postal_code));
  request.limit = std::clamp(limit, 1, omnihub::sdk::kMaxSearchLimit);
  return request;
}

std::vector<omnihub::v1::CustomerMatch> CombineSearchMatches(
    const IdentityIndex& index, const IdentifierNormalizer& normalizer, const std::string& name,
    const std::vector<CandidateMatch>& candidates, int limit, std::vector<SearchOutcome>& outcomes,
    size_t max_matches) {
  std::vector<Ranked> ranked;
  std::set<std::string> system_only;  // index keys of the system-only accounts seen
  for (const auto& candidate : candidates) {
    Ranked entry;
    *entry.match.mutable_customer() = IndexProfile(index.customer(candidate.customer_index));
    entry.match.set_kind(omnihub::v1::MATCH_KIND_CANDIDATE);
    entry.match.set_score(candidate.score);
    for (const auto& evidence : candidate.evidence) entry.match.add_evidence(evidence);
    entry.order_key = entry.match.customer().customer_id();
    ranked.push_back(std::move(entry));
  }

  const auto wanted = NameWords(name);
  for (auto& outcome : outcomes) {
    if (!outcome.source.status.ok()) continue;
    const std::string& system = outcome.source.system;
    const auto& hits = outcome.result.hits;
    std::vector<std::string> dropped;
    for (size_t i = 0; i < hits.size(); ++i) {
      if (static_cast<int>(i) >= limit) {
        dropped.push_back(absl::StrCat(hits.size() - i, " beyond the limit of ", limit));
        break;
      }
      const SearchHit& hit = hits[i];
      omnihub::v1::Identifier account;
      if (auto problem = HitProblem(hit, system, normalizer, account); !problem.empty()) {
        dropped.push_back(absl::StrCat("hit ", i + 1, ": ", problem));
        continue;
      }
      const auto have = NameWords(HitName(hit));
      const bool full_name =
          !wanted.empty() && std::includes(have.begin(), have.end(), wanted.begin(), wanted.end());
      const double score = full_name ? kFullNameScore : kSurnameOnlyScore;
      const std::string key = IdentifierNormalizer::Key(account);
      const std::string postcode = HitPostcode(hit);
      const std::string found =
          absl::StrCat(system, "'s search found account ", key, " '", HitName(hit), "'",
                       postcode.empty() ? "" : absl::StrCat(" ", postcode),
                       full_name ? " (every word of the name)" : " (the surname only)");

      const auto known = index.Find(account);
      if (!known.empty()) {
        // Accounts are strong identifiers: one golden customer at most.
        const GoldenCustomer& golden = *known.front();
        auto slot = std::find_if(ranked.begin(), ranked.end(), [&](const Ranked& entry) {
          return entry.golden && entry.order_key == golden.customer_id;
        });
        if (slot == ranked.end()) {
          Ranked entry;
          *entry.match.mutable_customer() = IndexProfile(golden);
          entry.match.set_kind(omnihub::v1::MATCH_KIND_CANDIDATE);
          entry.match.set_score(score);
          entry.order_key = golden.customer_id;
          ranked.push_back(std::move(entry));
          slot = ranked.end() - 1;
        }
        slot->match.set_score(std::max(slot->match.score(), score));
        slot->match.add_evidence(found);
        continue;
      }
      if (!system_only.insert(key).second) continue;  // the same account listed twice
      Ranked entry;
      entry.match = SystemOnlyMatch(hit, system, account, found);
      entry.match.set_score(score);
      entry.order_key = key;
      entry.golden = false;
      ranked.push_back(std::move(entry));
    }
    if (!dropped.empty()) {
      const size_t quoted = std::min(dropped.size(), kQuotedReasons);
      outcome.source.note = absl::StrCat(
          "hits not used: ",
          absl::StrJoin(dropped.begin(), dropped.begin() + static_cast<long>(quoted), "; "),
          dropped.size() > quoted ? absl::StrCat(" and ", dropped.size() - quoted, " more") : "");
    }
  }

  std::stable_sort(ranked.begin(), ranked.end(), [](const Ranked& a, const Ranked& b) {
    if (a.match.score() != b.match.score()) return a.match.score() > b.match.score();
    if (a.golden != b.golden) return a.golden;
    return a.order_key < b.order_key;
  });
  std::vector<omnihub::v1::CustomerMatch> matches;
  for (auto& entry : ranked) {
    if (matches.size() == max_matches) break;
    matches.push_back(std::move(entry.match));
  }
  return matches;
}

}  // namespace omnihub::hub
