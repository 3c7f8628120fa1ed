// SectionStore: the aggregate cache's memory. Per golden customer id, per (system, section), the
// last answer of that source for that section, bounded by bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "adapters/sdk/source_data.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::hub {

struct SectionKey {
  std::string customer_id;
  std::string system;
  omnihub::v1::Section section = omnihub::v1::SECTION_UNSPECIFIED;

  auto Tie() const { return std::tie(customer_id, system, section); }
  bool operator<(const SectionKey& other) const { return Tie() < other.Tie(); }
  bool operator==(const SectionKey& other) const { return Tie() == other.Tie(); }
};

// One source's last answer for one section of one customer.
struct CachedSection {
  // Only `section`'s field is filled (see section_parts.h). Immutable; shared with readers.
  std::shared_ptr<const omnihub::sdk::SourceData> part;
  // The source answered that it holds nothing for the customer (`part` is empty).
  bool not_found = false;
  // When the source answered.
  std::chrono::system_clock::time_point as_of;
  // The recent_limit the section was asked with, and whether the source returned fewer records
  // than that (then the section is complete for any limit). Non-list sections are complete.
  int limit = 0;
  bool complete = true;
  // Non-empty after a refresh failed: why (the section is the last good one).
  std::string refresh_failure;
  // How long the source took to answer: the cost of fetching it again (weighs eviction).
  std::chrono::nanoseconds cost{0};
};

struct CacheStats {
  size_t bytes = 0;
  size_t max_bytes = 0;
  size_t entries = 0;
  // Section look-ups answered from memory (fresh or stale) and those that went to a backend.
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;
  // Sections served STALE (expired, within the maximum staleness).
  uint64_t stale_serves = 0;
  // Backend calls made to renew sections already held (stale-while-revalidate), and how many of
  // them failed (the last good section kept).
  uint64_t refreshes = 0;
  uint64_t refresh_failures = 0;
  uint64_t invalidations = 0;
  // Whole serialised answers (filled by AggregateCache; not part of `bytes`).
  size_t reply_bytes = 0;
  size_t replies = 0;
  uint64_t reply_hits = 0;

  double hit_ratio() const {
    return hits + misses == 0 ? 0.0
                              : static_cast<double>(hits) / static_cast<double>(hits + misses);
  }
};

// Bytes are counted as SectionPartBytes() of the part (protobuf SpaceUsedLong() of every message)
// plus the key's string capacities plus kEntryOverhead for the node and bookkeeping.
//
// Eviction (when a Put would exceed max_bytes) is GreedyDual-Size: each entry has a priority
// L + cost/bytes, renewed on every read; the lowest goes first and L rises to its priority, so
// entries not read for a while age out, and among equally recent ones the large and cheap to
// fetch again go before the small and expensive; ties go least recently used first. An entry larger
// than max_bytes is not kept.
//
// Thread-safe (one mutex; every operation is short).
class SectionStore {
 public:
  static constexpr size_t kEntryOverhead = 192;

  explicit SectionStore(size_t max_bytes) : max_bytes_(max_bytes) {}
  SectionStore(const SectionStore&) = delete;
  SectionStore& operator=(const SectionStore&) = delete;

  // The entry, and marks it recently used. Counts nothing (the caller counts hits and misses).
  std::optional<CachedSection> Find(const SectionKey& key);

  // Keeps `section` under `key`, replacing what was there; evicts others to stay in bounds.
  void Put(const SectionKey& key, CachedSection section);

  // Marks the entry's last refresh as failed (keeps its data). False when there is no entry.
  bool MarkRefreshFailed(const SectionKey& key, std::string detail);

  // Drops exactly one entry. False when there was none.
  bool Invalidate(const SectionKey& key);
  // Drops every entry of the customer; returns how many.
  size_t InvalidateCustomer(const std::string& customer_id);

  void CountHits(uint64_t n);
  void CountMisses(uint64_t n);
  void CountStaleServes(uint64_t n);
  void CountRefresh(bool failed);

  CacheStats Stats() const;

 private:
  struct Entry {
    CachedSection section;
    size_t bytes = 0;
    double priority = 0;
    uint64_t last_use = 0;  // breaks ties: the least recently used goes first
  };
  using Map = std::map<SectionKey, Entry>;

  static size_t BytesOf(const SectionKey& key, const CachedSection& section);
  double PriorityOf(const Entry& entry) const;
  void Touch(Map::iterator it);
  void Erase(Map::iterator it);

  mutable std::mutex mutex_;
  const size_t max_bytes_;
  Map entries_;
  std::set<std::tuple<double, uint64_t, const SectionKey*>> by_priority_;
  uint64_t uses_ = 0;
  double inflation_ = 0;  // GreedyDual's L
  CacheStats stats_;
};

}  // namespace omnihub::hub
