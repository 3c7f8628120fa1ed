#include "hub/cache/reply_store.h"

namespace omnihub::hub {

ReplyStore::Map::iterator ReplyStore::Entry(const std::string& customer_id) {
  auto it = customers_.find(customer_id);
  if (it == customers_.end()) {
    it = customers_.emplace(customer_id, Customer{}).first;
    // A fresh generation (never 0 nor reused), so an answer gathered before an eviction cannot
    // be kept after it.
    it->second.generation = ++generations_;
    it->second.bytes = kEntryOverhead + customer_id.size();
    bytes_ += it->second.bytes;
    recency_.push_front(customer_id);
  } else {
    recency_.splice(recency_.begin(), recency_, it->second.recency);
  }
  it->second.recency = recency_.begin();
  return it;
}

void ReplyStore::DropReplies(Customer& customer) {
  for (auto& [limit, reply] : customer.replies) {
    customer.bytes -= reply.bytes.size();
    bytes_ -= reply.bytes.size();
  }
  replies_ -= customer.replies.size();
  customer.replies.clear();
}

uint64_t ReplyStore::Generation(const std::string& customer_id) {
  std::lock_guard lock(mutex_);
  return Entry(customer_id)->second.generation;
}

std::optional<grpc::Slice> ReplyStore::Find(const std::string& customer_id, int limit,
                                            std::chrono::system_clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = customers_.find(customer_id);
  if (it == customers_.end()) return std::nullopt;
  auto reply = it->second.replies.find(limit);
  if (reply == it->second.replies.end() || now >= reply->second.fresh_until) return std::nullopt;
  recency_.splice(recency_.begin(), recency_, it->second.recency);
  return reply->second.bytes;
}

void ReplyStore::Put(const std::string& customer_id, int limit, uint64_t generation,
                     grpc::Slice bytes, std::chrono::system_clock::time_point fresh_until) {
  std::lock_guard lock(mutex_);
  auto it = customers_.find(customer_id);
  if (it == customers_.end() || it->second.generation != generation) return;
  if (bytes.size() + it->second.bytes > max_bytes_) return;
  Customer& customer = it->second;
  if (auto old = customer.replies.find(limit); old != customer.replies.end()) {
    customer.bytes -= old->second.bytes.size();
    bytes_ -= old->second.bytes.size();
    --replies_;
    customer.replies.erase(old);
  }
  const size_t size = bytes.size();
  customer.replies.emplace(limit, Reply{std::move(bytes), fresh_until});
  customer.bytes += size;
  bytes_ += size;
  ++replies_;
  recency_.splice(recency_.begin(), recency_, customer.recency);
  while (bytes_ > max_bytes_ && recency_.size() > 1) {
    auto victim = customers_.find(recency_.back());
    DropReplies(victim->second);
    bytes_ -= victim->second.bytes;
    recency_.pop_back();
    customers_.erase(victim);
  }
}

void ReplyStore::Changed(const std::string& customer_id) {
  std::lock_guard lock(mutex_);
  auto it = customers_.find(customer_id);
  if (it == customers_.end()) return;
  DropReplies(it->second);
  it->second.generation = ++generations_;
}

size_t ReplyStore::bytes() const {
  std::lock_guard lock(mutex_);
  return bytes_;
}

size_t ReplyStore::replies() const {
  std::lock_guard lock(mutex_);
  return replies_;
}

}  // namespace omnihub::hub
