// A bounded per-customer index of recent in-store transactions, keyed by the loyalty card digits.
//
// Contract:
//  - At most `max_per_card` transactions per card: the newest (by end time, then receipt number)
//    are kept; a transaction older than every kept one of a full card is not added (kTooOld).
//  - At most `max_cards` cards: adding to a new card when full evicts the least recently updated
//    card.
//  - Receipts are de-duplicated by store/register/business day/sequence (ReceiptNumber) among the
//    kept transactions of the card: a file ingested twice or a message delivered twice is counted
//    once (kDuplicate).
//  - Thread-safe: every method may be called concurrently (one mutex; operations are O(N) in
//    max_per_card and O(1) in the number of cards, amortised).
#pragma once

#include <cstddef>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "adapters/poslog/poslog_parser.h"

namespace omnihub::poslog {

class TransactionIndex {
 public:
  enum class AddResult { kAdded, kDuplicate, kTooOld };

  // Both bounds must be at least 1 (a 0 is taken as 1).
  TransactionIndex(size_t max_per_card, size_t max_cards);

  AddResult Add(PoslogTransaction transaction);

  // The card's kept transactions, newest first; nullopt for a card the index does not hold.
  std::optional<std::vector<PoslogTransaction>> Find(const std::string& card) const;

  // Up to `limit` cards from position `offset` in a stable order (least recently updated first).
  std::vector<std::string> Cards(size_t offset, size_t limit) const;

  size_t card_count() const;
  size_t transaction_count() const;

 private:
  struct Entry {
    std::vector<PoslogTransaction> transactions;  // newest first
    std::list<std::string>::iterator recency;
  };

  const size_t max_per_card_;
  const size_t max_cards_;
  mutable std::mutex mutex_;
  std::list<std::string> recency_;  // least recently updated first
  std::unordered_map<std::string, Entry> cards_;
  size_t transaction_count_ = 0;
};

}  // namespace omnihub::poslog
