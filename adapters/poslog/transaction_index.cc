// Bounded per-card index of recent in-store transactions (see transaction_index.h).
#include "adapters/poslog/transaction_index.h"

#include <algorithm>
#include <iterator>

namespace omnihub::poslog {
namespace {

// Newer first: later end time, then the larger receipt number.
bool Newer(const PoslogTransaction& a, const PoslogTransaction& b) {
  if (a.end_time_unix != b.end_time_unix) return a.end_time_unix > b.end_time_unix;
  return a.ReceiptNumber() > b.ReceiptNumber();
}

}  // namespace

TransactionIndex::TransactionIndex(size_t max_per_card, size_t max_cards)
    : max_per_card_(std::max<size_t>(1, max_per_card)),
      max_cards_(std::max<size_t>(1, max_cards)) {}

TransactionIndex::AddResult TransactionIndex::Add(PoslogTransaction transaction) {
  std::lock_guard lock(mutex_);
  auto found = cards_.find(transaction.card);
  if (found != cards_.end()) {
    auto& kept = found->second.transactions;
    std::string receipt = transaction.ReceiptNumber();
    for (const auto& existing : kept) {
      if (existing.ReceiptNumber() == receipt) return AddResult::kDuplicate;
    }
    if (kept.size() >= max_per_card_ && !Newer(transaction, kept.back())) {
      return AddResult::kTooOld;
    }
    auto at = std::find_if(kept.begin(), kept.end(),
                           [&](const PoslogTransaction& t) { return Newer(transaction, t); });
    kept.insert(at, std::move(transaction));
    ++transaction_count_;
    if (kept.size() > max_per_card_) {
      kept.pop_back();
      --transaction_count_;
    }
    recency_.splice(recency_.end(), recency_, found->second.recency);
    return AddResult::kAdded;
  }
  if (cards_.size() >= max_cards_) {
    auto evicted = cards_.find(recency_.front());
    transaction_count_ -= evicted->second.transactions.size();
    cards_.erase(evicted);
    recency_.pop_front();
  }
  std::string card = transaction.card;
  recency_.push_back(card);
  Entry entry;
  entry.recency = std::prev(recency_.end());
  entry.transactions.push_back(std::move(transaction));
  cards_.emplace(std::move(card), std::move(entry));
  ++transaction_count_;
  return AddResult::kAdded;
}

std::optional<std::vector<PoslogTransaction>> TransactionIndex::Find(
    const std::string& card) const {
  std::lock_guard lock(mutex_);
  auto found = cards_.find(card);
  if (found == cards_.end()) return std::nullopt;
  return found->second.transactions;
}

std::vector<std::string> TransactionIndex::Cards(size_t offset, size_t limit) const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  if (offset >= recency_.size()) return out;
  auto it = std::next(recency_.begin(), static_cast<std::ptrdiff_t>(offset));
  for (; it != recency_.end() && out.size() < limit; ++it) out.push_back(*it);
  return out;
}

size_t TransactionIndex::card_count() const {
  std::lock_guard lock(mutex_);
  return cards_.size();
}

size_t TransactionIndex::transaction_count() const {
  std::lock_guard lock(mutex_);
  return transaction_count_;
}

}  // namespace omnihub::poslog
