#include "hub/identity/name_similarity.h"

#include <algorithm>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "adapters/sdk/identifier_normalizer.h"
#include "adapters/sdk/utf8.h"

namespace omnihub::hub {
namespace {

// A word of a name as compared: `text` may be two written words joined ("O BRIEN" -> "OBRIEN")
// when the other name writes them as one.
struct Word {
  std::string text;
  std::string as_written;  // "O BRIEN" for a joined word, else `text`
};

// Joins neighbouring words of `words` whose concatenation is a word of `other`.
std::vector<Word> JoinedWhereTheOtherIs(const std::vector<std::string>& words,
                                        const std::vector<std::string>& other) {
  std::vector<Word> out;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i + 1 < words.size()) {
      std::string joined = words[i] + words[i + 1];
      if (std::find(other.begin(), other.end(), joined) != other.end()) {
        out.push_back({std::move(joined), absl::StrCat(words[i], " ", words[i + 1])});
        ++i;
        continue;
      }
    }
    out.push_back({words[i], words[i]});
  }
  return out;
}

enum class Kind { kEqual, kJoined, kSlip, kInitial };

struct Agreement {
  double score;
  Kind kind;
  bool whole;  // not an initial
  size_t query_word;
  size_t candidate_word;
};

// How two words agree, if they do (`query_word` and `candidate_word` left for the caller).
std::optional<Agreement> Agree(const Word& a, const Word& b) {
  const std::string& x = a.text;
  const std::string& y = b.text;
  if (x == y) {
    const bool joined = a.as_written != a.text || b.as_written != b.text;
    return Agreement{joined ? 0.95 : 1.0, joined ? Kind::kJoined : Kind::kEqual, x.size() > 1, 0,
                     0};
  }
  if ((x.size() == 1 && y.size() > 1 && y.front() == x.front()) ||
      (y.size() == 1 && x.size() > 1 && x.front() == y.front())) {
    return Agreement{0.6, Kind::kInitial, false, 0, 0};
  }
  // A slip in a word of three letters or fewer makes another name ("LEE", "LEO"); a dropped letter
  // may leave a longer word three letters long ("HALL", "HAL").
  if (std::max(x.size(), y.size()) >= 4 && std::min(x.size(), y.size()) >= 3) {
    const size_t longest_allowed = x.size() >= 8 && y.size() >= 8 ? 2 : 1;
    const size_t distance = EditDistance(x, y, longest_allowed);
    if (distance <= longest_allowed) {
      return Agreement{distance == 1 ? 0.85 : 0.7, Kind::kSlip, true, 0, 0};
    }
  }
  return std::nullopt;
}

std::string Explain(const Agreement& agreement, const Word& query, const Word& candidate) {
  switch (agreement.kind) {
    case Kind::kEqual:
      return absl::StrCat("'", query.text, "' equal");
    case Kind::kJoined: {
      const bool query_joined = query.as_written != query.text;
      return absl::StrCat("'", query_joined ? candidate.as_written : query.as_written, "' is '",
                          query_joined ? query.as_written : candidate.as_written,
                          "' written as one word");
    }
    case Kind::kSlip:
      return absl::StrCat("'", query.text, "' is ",
                          agreement.score > 0.8 ? "one slip" : "two slips", " from '",
                          candidate.text, "'");
    case Kind::kInitial:
      return query.text.size() == 1
                 ? absl::StrCat("'", query.text, "' is the initial of '", candidate.text, "'")
                 : absl::StrCat("'", candidate.text, "' is the initial of '", query.text, "'");
  }
  return {};
}

}  // namespace

std::vector<std::string> NameWords(absl::string_view raw) {
  std::vector<std::string> words;
  if (raw.size() > kMaxNameBytes || !omnihub::sdk::IsValidUtf8(raw)) return words;
  for (absl::string_view word :
       absl::StrSplit(omnihub::sdk::IdentifierNormalizer::NameKey(raw), ' ', absl::SkipEmpty())) {
    if (words.size() == kMaxNameWords) break;
    words.emplace_back(word);
  }
  return words;
}

size_t EditDistance(absl::string_view a, absl::string_view b, size_t max) {
  const size_t n = a.size(), m = b.size();
  if ((n > m ? n - m : m - n) > max) return max + 1;
  // Three rows of the optimal-string-alignment table; cells further than `max` from the diagonal
  // cannot be within `max`, so they are left at max + 1.
  const size_t beyond = max + 1;
  std::vector<size_t> before(m + 1, beyond), previous(m + 1, beyond), current(m + 1, beyond);
  for (size_t j = 0; j <= std::min(m, max); ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    std::fill(current.begin(), current.end(), beyond);
    if (i <= max) current[0] = i;
    const size_t from = i > max ? i - max : 1;
    const size_t to = std::min(m, i + max);
    for (size_t j = from; j <= to; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      size_t best = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        best = std::min(best, before[j - 2] + 1);
      }
      current[j] = std::min(best, beyond);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[m], beyond);
}

std::optional<NameAgreement> CompareNames(const std::vector<std::string>& query,
                                          const std::vector<std::string>& candidate) {
  if (query.empty() || candidate.empty()) return std::nullopt;
  const std::vector<Word> q = JoinedWhereTheOtherIs(query, candidate);
  const std::vector<Word> c = JoinedWhereTheOtherIs(candidate, query);

  // Best agreements first, each word taken once.
  std::vector<Agreement> possible;
  for (size_t i = 0; i < q.size(); ++i) {
    for (size_t j = 0; j < c.size(); ++j) {
      if (auto agreement = Agree(q[i], c[j])) {
        agreement->query_word = i;
        agreement->candidate_word = j;
        possible.push_back(*agreement);
      }
    }
  }
  std::sort(possible.begin(), possible.end(), [](const Agreement& x, const Agreement& y) {
    return std::tie(y.score, x.query_word, x.candidate_word) <
           std::tie(x.score, y.query_word, y.candidate_word);
  });
  std::vector<bool> query_taken(q.size()), candidate_taken(c.size());
  std::vector<Agreement> taken;
  for (const auto& agreement : possible) {
    if (query_taken[agreement.query_word] || candidate_taken[agreement.candidate_word]) continue;
    query_taken[agreement.query_word] = candidate_taken[agreement.candidate_word] = true;
    taken.push_back(agreement);
  }

  const size_t shorter = std::min(q.size(), c.size());
  const size_t longer = std::max(q.size(), c.size());
  if (taken.size() < shorter || taken.size() < std::min<size_t>(2, q.size())) return std::nullopt;
  if (std::none_of(taken.begin(), taken.end(), [](const Agreement& a) { return a.whole; })) {
    return std::nullopt;
  }

  std::sort(taken.begin(), taken.end(),
            [](const Agreement& x, const Agreement& y) { return x.query_word < y.query_word; });
  NameAgreement result;
  double sum = 0;
  for (const auto& agreement : taken) {
    sum += agreement.score;
    result.evidence.push_back(
        Explain(agreement, q[agreement.query_word], c[agreement.candidate_word]));
  }
  // A word only one name has (a middle name, a second surname) is half an agreement.
  const auto& longer_words = q.size() >= c.size() ? q : c;
  const auto& longer_taken = q.size() >= c.size() ? query_taken : candidate_taken;
  for (size_t i = 0; i < longer_words.size(); ++i) {
    if (!longer_taken[i]) {
      sum += 0.5;
      result.evidence.push_back(
          absl::StrCat("'", longer_words[i].as_written, "' only in one name"));
    }
  }
  if (!std::is_sorted(taken.begin(), taken.end(), [](const Agreement& x, const Agreement& y) {
        return x.candidate_word < y.candidate_word;
      })) {
    result.evidence.push_back("words in another order");
  }
  result.similarity = sum / static_cast<double>(longer);
  return result;
}

}  // namespace omnihub::hub
