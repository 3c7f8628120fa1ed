// Name similarity for candidate matches: could two names, as people and systems write them, name
// the same person, and how closely do they agree? Used by IdentityIndex::FindCandidates; never
// used to link accounts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "absl/strings/string_view.h"

namespace omnihub::hub {

// Longer text is not a name (a backend's name field, a request's name): it matches nothing.
inline constexpr size_t kMaxNameBytes = 256;
// Words of a name after this many are ignored (they would only make comparison slower).
inline constexpr size_t kMaxNameWords = 8;

// The words of a name, folded by ICU to upper-case ASCII (IdentifierNormalizer::NameKey: accents
// and other scripts folded, punctuation dropped): "Zoë O'Brien" -> {"ZOE", "O", "BRIEN"}. Empty
// when `raw` is not UTF-8, is longer than kMaxNameBytes or has no letters.
std::vector<std::string> NameWords(absl::string_view raw);

// Optimal string alignment distance of `a` and `b` (letters inserted, deleted, replaced, or two
// neighbours swapped: "JENKINS" -> "JEKNINS" is 1), or `max` + 1 when it is more than `max`.
size_t EditDistance(absl::string_view a, absl::string_view b, size_t max);

// How two names agree.
struct NameAgreement {
  // In (0, 1]: 1 when both names have the same words (in any order); less for slips, initials,
  // words written as one or apart, and words only one of the names has.
  double similarity = 0;
  // Why, for the agent: one line per word, e.g. "'DOE' equal", "'J' is the initial of 'JANE'",
  // "'JEKNINS' is one slip from 'JENKINS'", "'OBRIEN' is 'O BRIEN' written as one word",
  // "'MARY' only in one name", "words in another order".
  std::vector<std::string> evidence;
};

// Whether `query` and `candidate` (NameWords of each) may name the same person. Words agree, each
// with at most one word of the other name, when they are equal, when one is the other's initial,
// when one is the other written as one word ("OBRIEN", "O BRIEN"), or by a slip (EditDistance 1
// when one word has 4 letters or more and the other 3 or more, 2 between words of 8 or more,
// none in shorter words: "LEE" and "LEO" are other names). The names may be the same
// person when every word of the shorter name agrees with one of the longer (the longer may add a
// middle name or a second surname), at least min(2, words of the query) words agree, and at least
// one agreeing word is a whole word (not an initial). So a shared surname alone (a household) or
// two names with different given names ("JOSEPH ROBERTS", "ROBERT ROBERTS") never agree.
// Nullopt when they do not.
std::optional<NameAgreement> CompareNames(const std::vector<std::string>& query,
                                          const std::vector<std::string>& candidate);

}  // namespace omnihub::hub
