#include "adapters/http/connection_pool.h"

#include <boost/asio/post.hpp>

namespace omnihub::http {

ConnectionPool::ConnectionPool(Strand strand, PoolOptions options, Factory factory)
    : strand_(strand), options_(options), factory_(std::move(factory)) {
  if (options_.max_connections == 0) options_.max_connections = 1;
}

ConnectionPool::~ConnectionPool() { CloseIdle(); }

void ConnectionPool::GrantLater(Grant grant, std::shared_ptr<Connection> connection) {
  boost::asio::post(strand_, [grant = std::move(grant), connection = std::move(connection)] {
    grant(connection);
  });
}

void ConnectionPool::PruneIdle() {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::shared_ptr<Connection>> keep;
  for (auto& connection : idle_) {
    if (now - connection->idle_since() < options_.idle_timeout && connection->LooksAlive()) {
      keep.push_back(std::move(connection));
    } else {
      connection->Close();
      --open_;
    }
  }
  idle_.swap(keep);
}

void ConnectionPool::Acquire(Grant grant) {
  PruneIdle();
  if (!idle_.empty()) {
    auto connection = std::move(idle_.back());
    idle_.pop_back();
    return GrantLater(std::move(grant), std::move(connection));
  }
  if (open_ < options_.max_connections) {
    ++open_;
    return GrantLater(std::move(grant), factory_());
  }
  waiters_.push_back(std::move(grant));
}

void ConnectionPool::Release(std::shared_ptr<Connection> connection) {
  if (connection->reusable()) {
    if (!waiters_.empty()) {
      auto grant = std::move(waiters_.front());
      waiters_.pop_front();
      return GrantLater(std::move(grant), std::move(connection));
    }
    idle_.push_back(std::move(connection));
    return;
  }
  connection->Close();
  if (!waiters_.empty()) {
    auto grant = std::move(waiters_.front());
    waiters_.pop_front();
    return GrantLater(std::move(grant), factory_());  // the freed slot goes to the waiter
  }
  --open_;
}

void ConnectionPool::CloseIdle() {
  for (auto& connection : idle_) {
    connection->Close();
    --open_;
  }
  idle_.clear();
}

}  // namespace omnihub::http
