// SeenSince: what this hub has seen of the records a store shared by several hubs keeps with the
// time they were written (contacts' recorded_at, cases' updated_at). A hub reads back from a
// little before the newest time it has seen (the overlap covers hubs whose clocks differ by less),
// and this tells which of the records read it has not handed on yet. Shared by HubContacts and
// HubCases.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

namespace omnihub::hub {

// Thread-safe. Times are nanoseconds since the epoch.
class SeenSince {
 public:
  explicit SeenSince(std::chrono::nanoseconds overlap) : overlap_(overlap.count()) {}

  // Records written before `now` are not new.
  void Start(int64_t now) {
    std::lock_guard lock(mutex_);
    newest_ = now;
  }

  // Where the next read starts: the newest time seen less the overlap.
  int64_t ReadFrom() const {
    std::lock_guard lock(mutex_);
    return newest_ - overlap_;
  }

  // Marks `key` (what identifies one write of one record) written at `at` as seen; true when it
  // was not seen before. Sets `advanced` when `at` is the newest time seen so far.
  bool See(const std::string& key, int64_t at, bool* advanced = nullptr) {
    std::lock_guard lock(mutex_);
    if (at > newest_) {
      newest_ = at;
      if (advanced != nullptr) *advanced = true;
    }
    return seen_.emplace(key, at).second;
  }

  // Marks `key` seen (written here at `at`: the next read may hand it back) without moving where
  // reads start, so records other hubs wrote meanwhile are still read.
  void Remember(const std::string& key, int64_t at) {
    std::lock_guard lock(mutex_);
    seen_.emplace(key, at);
  }

  // Forgets the keys too old to be read back again.
  void Forget() {
    std::lock_guard lock(mutex_);
    std::erase_if(seen_, [&](const auto& seen) { return seen.second < newest_ - 2 * overlap_; });
  }

 private:
  const int64_t overlap_;
  mutable std::mutex mutex_;
  std::map<std::string, int64_t> seen_;
  int64_t newest_ = 0;
};

}  // namespace omnihub::hub
