// ConnectionPool: the keep-alive connections of one HttpClient, bounded in number.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <vector>

#include "adapters/http/connection.h"
#include "adapters/http/options.h"

namespace omnihub::http {

// Hands out connections: the most recently used idle one that still looks alive, else a new
// (unconnected) one while fewer than max_connections are open, else the caller waits in FIFO order
// until one is released. Idle connections past idle_timeout are closed when the pool is used.
//
// Every granted connection must come back through Release() exactly once. Grants are posted to
// the strand (never run inside Acquire/Release). Not thread-safe: use only on the client's strand.
class ConnectionPool {
 public:
  using Factory = std::function<std::shared_ptr<Connection>()>;
  using Grant = std::function<void(std::shared_ptr<Connection>)>;

  ConnectionPool(Strand strand, PoolOptions options, Factory factory);
  ~ConnectionPool();

  void Acquire(Grant grant);
  // Returns a connection: kept idle if reusable(), else closed and its slot freed.
  void Release(std::shared_ptr<Connection> connection);
  // Closes every idle connection (e.g. after one turned out stale: the others likely are too).
  void CloseIdle();

  std::size_t open_connections() const { return open_; }
  std::size_t idle_connections() const { return idle_.size(); }

 private:
  void PruneIdle();
  void GrantLater(Grant grant, std::shared_ptr<Connection> connection);

  Strand strand_;
  PoolOptions options_;
  Factory factory_;
  std::size_t open_ = 0;
  std::vector<std::shared_ptr<Connection>> idle_;  // most recently used last
  std::deque<Grant> waiters_;
};

}  // namespace omnihub::http
