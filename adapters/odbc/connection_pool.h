// ConnectionPool: at most `max_size` open connections to one database, lent one caller at a time,
// with a health check (dead connections are discarded, never lent again) and reconnection after
// the database restarts.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "absl/status/statusor.h"
#include "adapters/odbc/connection.h"

namespace omnihub::odbc {

struct PoolOptions {
  // A DSN name or a driver connection string (may hold a password: never logged).
  std::string connection_string;
  // Connections open at once, at most; in [1, 256].
  int max_size = 4;
  // A connection idle for longer than this is pinged ("SELECT 1") before it is lent.
  std::chrono::milliseconds ping_after_idle{5000};
  // Prepared statements each connection keeps for reuse (Connection::set_statement_cache_size);
  // 0: none.
  size_t statement_cache_size = 0;
};

struct PoolStats {
  int open = 0;           // connections open (idle + lent + being opened)
  int idle = 0;           // waiting in the pool
  int64_t discarded = 0;  // closed because they were dead or failed their ping
};

// Thread-safe. Blocking: use it from a BlockingExecutor's threads, never from an I/O thread.
class ConnectionPool : public std::enable_shared_from_this<ConnectionPool> {
 public:
  // INVALID_ARGUMENT for a bad connection string or size. Opens nothing yet.
  static absl::StatusOr<std::shared_ptr<ConnectionPool>> Create(PoolOptions options);

  // A connection lent by the pool; returns it on destruction (or closes it when it was lost or
  // a statement on it was cancelled).
  class Lease {
   public:
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    ~Lease();
    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }
    // True when the connection came from the pool rather than being opened for this lease.
    bool reused() const { return reused_; }
    // Closes the connection instead of returning it.
    void Discard() { discard_ = true; }

   private:
    friend class ConnectionPool;
    Lease(std::shared_ptr<ConnectionPool> pool, std::unique_ptr<Connection> connection, bool reused)
        : pool_(std::move(pool)), connection_(std::move(connection)), reused_(reused) {}
    std::shared_ptr<ConnectionPool> pool_;
    std::unique_ptr<Connection> connection_;
    bool reused_ = false;
    bool discard_ = false;
  };

  // A healthy connection, waiting for one to be free until `deadline`: RESOURCE_EXHAUSTED when
  // all `max_size` stay busy until then; the connect error when a new one cannot be opened.
  absl::StatusOr<Lease> Acquire(Clock::time_point deadline);

  // Runs `work` on a lent connection. When it fails because a reused connection turned out to
  // be dead (the database restarted), every idle connection is dropped and `work` runs once more
  // on a new connection. `work` must therefore be safe to run twice: reads are; writes go through
  // RunIdempotentWrite (idempotency.h).
  template <typename T>
  absl::StatusOr<T> Run(Clock::time_point deadline,
                        const std::function<absl::StatusOr<T>(Connection&)>& work) {
    for (int attempt = 0;; ++attempt) {
      auto lease = Acquire(deadline);
      if (!lease.ok()) return lease.status();
      absl::StatusOr<T> result = work(**lease);
      if (result.ok() || !(*lease)->lost() || !lease->reused() || attempt > 0) return result;
      DropIdle();
    }
  }

  PoolStats stats() const;
  const PoolOptions& options() const { return options_; }

 private:
  struct Idle {
    std::unique_ptr<Connection> connection;
    Clock::time_point since;
  };
  ConnectionPool(PoolOptions options, std::shared_ptr<Environment> environment)
      : options_(std::move(options)), environment_(std::move(environment)) {}
  void Return(std::unique_ptr<Connection> connection, bool discard);
  void DropIdle();

  const PoolOptions options_;
  const std::shared_ptr<Environment> environment_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::deque<Idle> idle_;  // most recently returned at the back
  int open_ = 0;
  int64_t discarded_ = 0;
};

}  // namespace omnihub::odbc
