// HolderTable: the built index's look-up tables (identifier key -> customers, golden id ->
// customer, postcode -> customers) in two flat arrays, keyed by a 64-bit hash of the key and
// storing no key.
#pragma once

#include <cstdint>
#include <vector>

#include "absl/functional/function_ref.h"
#include "absl/numeric/int128.h"
#include "absl/types/span.h"

namespace omnihub::hub {

// An immutable multimap from keys, known by two independent 64-bit hashes (`hash` places the key,
// `check` must agree too), to lists of holders (customer positions), built once.
//
// Most keys have one holder: it lives in the key's 24-byte slot. Longer lists (weak identifiers a
// household shares) live in one shared array. The table never stores a key: every entry carries
// the first holder and a `detail` (e.g. where in that customer's list the identifier is), and a
// look-up offers each entry with both hashes sought to the caller's `is_key`, which compares the
// real key or accepts the 128 bits of the two hashes. Keys whose hashes collide get an entry each.
//
// Thread-safe: immutable once built.
class HolderTable {
 public:
  // One holder of one key, to build from.
  struct Entry {
    uint64_t hash;
    uint64_t check;
    uint32_t holder;
    uint32_t detail;
  };
  // Whether entries a and b (of equal hash) are of the same key.
  using SameKey = absl::FunctionRef<bool(const Entry& a, const Entry& b)>;

  // An empty table.
  HolderTable() = default;
  // Entries of the same key (equal hashes and `same_key`) become that key's holder list, smallest
  // holder first; a holder listed twice for a key is kept once. The entry a look-up offers to
  // `is_key` is the key's smallest holder's.
  HolderTable(std::vector<Entry> entries, SameKey same_key);

  // The holders of the key `is_key(holder, detail)` accepts among the entries of `hash` and
  // `check`; empty when none does.
  template <typename IsKey>
  absl::Span<const uint32_t> Find(uint64_t hash, uint64_t check, IsKey&& is_key) const;

  // Distinct keys.
  size_t size() const { return keys_; }
  // Whether two distinct keys (by `same_key`) have both hashes equal: then a look-up that accepts
  // the 128 bits of the two hashes as the key could take one key for another, and must compare
  // the real key instead.
  bool has_fingerprint_collisions() const { return fingerprint_collisions_; }

 private:
  // hash 0: an empty slot (a key hashing to 0 is stored as 1). Not spilled: `first` is the only
  // holder, `meta` its detail. Spilled (kSpilled in meta): spilled_[first] is the first holder's
  // detail, the holders follow it, meta & ~kSpilled of them.
  struct Slot {
    uint64_t hash = 0;
    uint64_t check = 0;
    uint32_t first = 0;
    uint32_t meta = 0;
  };
  static constexpr uint32_t kSpilled = uint32_t{1} << 31;

  static uint64_t Stored(uint64_t hash) { return hash == 0 ? 1 : hash; }
  size_t Home(uint64_t hash) const {
    return static_cast<size_t>(absl::Uint128High64(absl::uint128(hash) * slots_.size()));
  }
  void Insert(const Slot& slot);

  std::vector<Slot> slots_;
  std::vector<uint32_t> spilled_;
  size_t keys_ = 0;
  bool fingerprint_collisions_ = false;
};

template <typename IsKey>
absl::Span<const uint32_t> HolderTable::Find(uint64_t hash, uint64_t check, IsKey&& is_key) const {
  if (slots_.empty()) return {};
  hash = Stored(hash);
  // Linear probing; the table always has an empty slot, which ends the search.
  for (size_t i = Home(hash);; i = i + 1 == slots_.size() ? 0 : i + 1) {
    const Slot& slot = slots_[i];
    if (slot.hash == 0) return {};
    if (slot.hash != hash || slot.check != check) continue;
    if ((slot.meta & kSpilled) == 0) {
      if (is_key(slot.first, slot.meta)) return {&slot.first, 1};
    } else {
      const uint32_t* list = spilled_.data() + slot.first;
      if (is_key(list[1], list[0])) return {list + 1, slot.meta & ~kSpilled};
    }
  }
}

}  // namespace omnihub::hub
