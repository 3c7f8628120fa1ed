#include "hub/cache/section_store.h"

#include "hub/cache/section_parts.h"

namespace omnihub::hub {

size_t SectionStore::BytesOf(const SectionKey& key, const CachedSection& section) {
  return kEntryOverhead + key.customer_id.size() + key.system.size() +
         section.refresh_failure.size() + (section.part ? SectionPartBytes(*section.part) : 0);
}

double SectionStore::PriorityOf(const Entry& entry) const {
  // Cost in microseconds, at least one millisecond: a section is never free to fetch again.
  const double cost_us = std::max<double>(
      1000.0, std::chrono::duration<double, std::micro>(entry.section.cost).count());
  return inflation_ + cost_us / static_cast<double>(std::max<size_t>(entry.bytes, 1));
}

void SectionStore::Touch(Map::iterator it) {
  by_priority_.erase({it->second.priority, it->second.last_use, &it->first});
  it->second.priority = PriorityOf(it->second);
  it->second.last_use = ++uses_;
  by_priority_.insert({it->second.priority, it->second.last_use, &it->first});
}

void SectionStore::Erase(Map::iterator it) {
  by_priority_.erase({it->second.priority, it->second.last_use, &it->first});
  stats_.bytes -= it->second.bytes;
  entries_.erase(it);
}

std::optional<CachedSection> SectionStore::Find(const SectionKey& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return std::nullopt;
  Touch(it);
  return it->second.section;
}

void SectionStore::Put(const SectionKey& key, CachedSection section) {
  std::lock_guard lock(mutex_);
  if (auto old = entries_.find(key); old != entries_.end()) Erase(old);
  const size_t bytes = BytesOf(key, section);
  if (bytes > max_bytes_) return;
  while (stats_.bytes + bytes > max_bytes_ && !by_priority_.empty()) {
    auto lowest = by_priority_.begin();
    inflation_ = std::get<0>(*lowest);
    Erase(entries_.find(*std::get<2>(*lowest)));
    ++stats_.evictions;
  }
  auto [it, added] = entries_.emplace(key, Entry{std::move(section), bytes, 0, ++uses_});
  stats_.bytes += bytes;
  it->second.priority = PriorityOf(it->second);
  by_priority_.insert({it->second.priority, it->second.last_use, &it->first});
}

bool SectionStore::MarkRefreshFailed(const SectionKey& key, std::string detail) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  stats_.bytes -= it->second.bytes;
  it->second.section.refresh_failure = std::move(detail);
  it->second.bytes = BytesOf(it->first, it->second.section);
  stats_.bytes += it->second.bytes;
  return true;
}

bool SectionStore::Invalidate(const SectionKey& key) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  Erase(it);
  ++stats_.invalidations;
  return true;
}

size_t SectionStore::InvalidateCustomer(const std::string& customer_id) {
  std::lock_guard lock(mutex_);
  size_t dropped = 0;
  auto it = entries_.lower_bound(SectionKey{customer_id, "", omnihub::v1::SECTION_UNSPECIFIED});
  while (it != entries_.end() && it->first.customer_id == customer_id) {
    auto next = std::next(it);
    Erase(it);
    it = next;
    ++dropped;
  }
  stats_.invalidations += dropped;
  return dropped;
}

void SectionStore::CountHits(uint64_t n) {
  std::lock_guard lock(mutex_);
  stats_.hits += n;
}

void SectionStore::CountMisses(uint64_t n) {
  std::lock_guard lock(mutex_);
  stats_.misses += n;
}

void SectionStore::CountStaleServes(uint64_t n) {
  std::lock_guard lock(mutex_);
  stats_.stale_serves += n;
}

void SectionStore::CountRefresh(bool failed) {
  std::lock_guard lock(mutex_);
  ++stats_.refreshes;
  if (failed) ++stats_.refresh_failures;
}

CacheStats SectionStore::Stats() const {
  std::lock_guard lock(mutex_);
  CacheStats stats = stats_;
  stats.entries = entries_.size();
  stats.max_bytes = max_bytes_;
  return stats;
}

}  // namespace omnihub::hub
