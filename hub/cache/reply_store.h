// ReplyStore: whole GetCustomer360 answers, serialised once, per (customer, recent limit), bounded
// by bytes. Each customer has a generation that any change to its sections renews; an answer
// assembled under an older generation is refused.
#pragma once

#include <grpcpp/support/slice.h>

#include <chrono>
#include <cstdint>
#include <list>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace omnihub::hub {

// Bytes counted: each answer's serialised size, plus kEntryOverhead and the id per customer.
// Least recently used customers go first. Thread-safe.
class ReplyStore {
 public:
  static constexpr size_t kEntryOverhead = 160;

  explicit ReplyStore(size_t max_bytes) : max_bytes_(max_bytes) {}

  uint64_t Generation(const std::string& customer_id);
  // A kept answer that is still fresh at `now`.
  std::optional<grpc::Slice> Find(const std::string& customer_id, int limit,
                                  std::chrono::system_clock::time_point now);
  // Keeps `bytes` until `fresh_until`, unless the customer's generation moved past `generation`.
  void Put(const std::string& customer_id, int limit, uint64_t generation, grpc::Slice bytes,
           std::chrono::system_clock::time_point fresh_until);
  // A section of the customer changed: drops its answers and renews its generation.
  void Changed(const std::string& customer_id);

  size_t bytes() const;
  size_t replies() const;

 private:
  struct Reply {
    grpc::Slice bytes;
    std::chrono::system_clock::time_point fresh_until;
  };
  struct Customer {
    uint64_t generation = 0;
    std::map<int, Reply> replies;
    size_t bytes = 0;
    std::list<std::string>::iterator recency;
  };
  using Map = std::map<std::string, Customer>;

  Map::iterator Entry(const std::string& customer_id);
  void DropReplies(Customer& customer);

  mutable std::mutex mutex_;
  const size_t max_bytes_;
  Map customers_;
  std::list<std::string> recency_;  // most recent first
  uint64_t generations_ = 0;
  size_t bytes_ = 0;
  size_t replies_ = 0;
};

}  // namespace omnihub::hub
