#include "adapters/odbc/connection_pool.h"

#include "absl/strings/str_cat.h"

namespace omnihub::odbc {

absl::StatusOr<std::shared_ptr<ConnectionPool>> ConnectionPool::Create(PoolOptions options) {
  auto normal = NormalizeConnectionString(options.connection_string);
  if (!normal.ok()) return normal.status();
  if (options.max_size < 1 || options.max_size > 256) {
    return absl::InvalidArgumentError(
        absl::StrCat("odbc pool: size must be in [1, 256], got ", options.max_size));
  }
  auto environment = Environment::Create();
  if (!environment.ok()) return environment.status();
  options.connection_string = std::move(*normal);
  return std::shared_ptr<ConnectionPool>(
      new ConnectionPool(std::move(options), std::move(*environment)));
}

ConnectionPool::Lease::~Lease() {
  if (pool_ && connection_) pool_->Return(std::move(connection_), discard_);
}

absl::StatusOr<ConnectionPool::Lease> ConnectionPool::Acquire(Clock::time_point deadline) {
  for (;;) {
    std::unique_lock lock(mutex_);
    bool ready = available_.wait_until(lock, deadline,
                                       [&] { return !idle_.empty() || open_ < options_.max_size; });
    if (!ready) {
      return absl::ResourceExhaustedError(absl::StrCat(
          "odbc pool: all ", options_.max_size, " connections stayed busy until the deadline"));
    }
    if (!idle_.empty()) {
      Idle idle = std::move(idle_.back());
      idle_.pop_back();
      lock.unlock();
      if (Clock::now() - idle.since > options_.ping_after_idle) {
        auto alive = idle.connection->Ping(deadline);
        if (!alive.ok()) {
          if (alive.code() == absl::StatusCode::kDeadlineExceeded) {
            bool lost = idle.connection->lost();
            Return(std::move(idle.connection), lost);
            return alive;
          }
          Return(std::move(idle.connection), /*discard=*/true);
          continue;
        }
      }
      return Lease(shared_from_this(), std::move(idle.connection), /*reused=*/true);
    }
    ++open_;
    lock.unlock();
    auto connection = Connection::Open(environment_, options_.connection_string, deadline);
    if (!connection.ok()) {
      std::lock_guard relock(mutex_);
      --open_;
      available_.notify_one();
      return connection.status();
    }
    (*connection)->set_statement_cache_size(options_.statement_cache_size);
    return Lease(shared_from_this(), std::move(*connection), /*reused=*/false);
  }
}

void ConnectionPool::Return(std::unique_ptr<Connection> connection, bool discard) {
  if (connection->in_transaction()) {
    // A lease ended inside a transaction: the caller failed half-way. Roll back, or drop it.
    if (!connection->Rollback().ok()) discard = true;
  }
  // A cancelled connection may still receive the server's late cancel signal: never lend it.
  discard = discard || connection->lost() || connection->cancel_requested();
  {
    std::lock_guard lock(mutex_);
    if (discard) {
      --open_;
      ++discarded_;
    } else {
      idle_.push_back(Idle{std::move(connection), Clock::now()});
    }
    available_.notify_one();
  }
  // A discarded connection closes here, outside the lock.
}

void ConnectionPool::DropIdle() {
  std::deque<Idle> dropped;
  {
    std::lock_guard lock(mutex_);
    dropped.swap(idle_);
    open_ -= static_cast<int>(dropped.size());
    discarded_ += static_cast<int64_t>(dropped.size());
    available_.notify_all();
  }
}

PoolStats ConnectionPool::stats() const {
  std::lock_guard lock(mutex_);
  return PoolStats{open_, static_cast<int>(idle_.size()), discarded_};
}

}  // namespace omnihub::odbc
