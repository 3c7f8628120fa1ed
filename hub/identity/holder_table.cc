#include "hub/identity/holder_table.h"

#include <algorithm>
#include <tuple>

namespace omnihub::hub {
namespace {

// At most this many slots in ten are taken: linear probing stays short (about two slots a hit).
constexpr size_t kLoadTenths = 7;

}  // namespace

HolderTable::HolderTable(std::vector<Entry> entries, SameKey same_key) {
  if (entries.empty()) return;
  for (auto& entry : entries) entry.hash = Stored(entry.hash);
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return std::tie(a.hash, a.check, a.holder, a.detail) <
           std::tie(b.hash, b.check, b.holder, b.detail);
  });
  std::vector<Slot> made;
  std::vector<bool> taken(entries.size());
  std::vector<uint32_t> holders;
  for (size_t begin = 0, end = 0; begin < entries.size(); begin = end) {
    while (end < entries.size() && entries[end].hash == entries[begin].hash &&
           entries[end].check == entries[begin].check) {
      ++end;
    }
    // Keys of this hash, one by one: the first entry not taken yet and those of its key.
    bool key_of_this_fingerprint = false;
    for (size_t first = begin; first < end; ++first) {
      if (taken[first]) continue;
      if (key_of_this_fingerprint) fingerprint_collisions_ = true;
      key_of_this_fingerprint = true;
      holders.assign(1, entries[first].holder);
      for (size_t other = first + 1; other < end; ++other) {
        if (taken[other] || !same_key(entries[first], entries[other])) continue;
        taken[other] = true;
        if (entries[other].holder != holders.back()) holders.push_back(entries[other].holder);
      }
      const Entry& head = entries[first];
      if (holders.size() == 1 && (head.detail & kSpilled) == 0) {
        made.push_back({head.hash, head.check, head.holder, head.detail});
      } else {
        made.push_back({head.hash, head.check, static_cast<uint32_t>(spilled_.size()),
                        static_cast<uint32_t>(holders.size()) | kSpilled});
        spilled_.push_back(head.detail);
        spilled_.insert(spilled_.end(), holders.begin(), holders.end());
      }
    }
  }
  keys_ = made.size();
  entries = {};
  spilled_.shrink_to_fit();
  slots_.resize(made.size() * 10 / kLoadTenths + 1);
  for (const Slot& slot : made) Insert(slot);
}

void HolderTable::Insert(const Slot& slot) {
  size_t i = Home(slot.hash);
  while (slots_[i].hash != 0) i = i + 1 == slots_.size() ? 0 : i + 1;
  slots_[i] = slot;
}

}  // namespace omnihub::hub
