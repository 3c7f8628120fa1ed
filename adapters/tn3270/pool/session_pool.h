// SessionPool: the persistent, signed-on TN3270 sessions to one mainframe system, lent to one
// request at a time under each caller's deadline.
//
// Each of the N sessions connects and signs on once (the sign-on procedure is a callable) and is
// then reused. A request leases a session (Acquire), drives it, and returns it (the Lease goes out
// of scope). On return the pool looks at the screen: at the home screen with the keyboard free the
// session is idle again; anywhere else it is reset by pressing the reset keys in order until the
// home screen shows; if that fails, or the connection dropped, or the holder called Discard(), the
// session is closed and replaced (connect and sign on again) in the background.
//
// Acquire never blocks: it is answered with a Lease at once when a session is idle, otherwise the
// request waits in a bounded queue (FIFO) until a session is free, its deadline passes
// (DEADLINE_EXCEEDED), it is cancelled (CANCELLED) or the pool shuts down (UNAVAILABLE). A full
// queue answers RESOURCE_EXHAUSTED at once. When every session is down (the host refuses, sign-on
// fails) waiting requests get UNAVAILABLE with the last error, and new ones get it at once until
// the reconnect back-off has passed; then the next Acquire tries again.
//
// Everything runs on the given executor (Boost.Asio, no thread per session); the pool's state is
// guarded by its own strand. Thread-safe: Acquire, CancelAcquire, Start, Shutdown and stats may be
// called from any thread. Callbacks are posted (never run inside the calling function).
#pragma once

#include <atomic>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <chrono>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/tn3270/aid.h"
#include "adapters/tn3270/client.h"
#include "adapters/tn3270/screen.h"

namespace omnihub::tn3270 {

using PoolClock = std::chrono::steady_clock;

// Signs a freshly connected session on: drives `client` (showing the host's first screen) to the
// home screen and calls `done` exactly once, OK or why not. It must not outlive `deadline`.
using SignOnProcedure =
    std::function<void(std::shared_ptr<Client> client, PoolClock::time_point deadline,
                       std::function<void(absl::Status)> done)>;

// True when `screen` is the pool's known home screen (e.g. the application's main menu).
using HomeScreenTest = std::function<bool(const Screen& screen)>;

struct SessionPoolOptions {
  // Names the system in error messages ("mainframe").
  std::string system = "mainframe";
  ClientOptions client;
  // Sessions kept open (N); 1..64.
  int size = 4;
  // Requests allowed to wait for a session; beyond that Acquire answers RESOURCE_EXHAUSTED.
  int max_waiting = 64;
  SignOnProcedure sign_on;
  HomeScreenTest is_home;
  // Pressed one after the other (stopping as soon as the home screen shows) to bring a session
  // back from an unexpected screen. CICS-like applications go back with PF3.
  std::vector<Aid> reset_keys = {Aid::kPf3, Aid::kPf3};
  // Connect (TCP, TLS, telnet negotiation, first screen) plus sign-on.
  std::chrono::milliseconds connect_timeout{5000};
  // Each screen of a reset.
  std::chrono::milliseconds reset_timeout{2000};
  // After a failed connect or sign-on the session is not retried before this (doubling per
  // consecutive failure up to the maximum).
  std::chrono::milliseconds reconnect_backoff{200};
  std::chrono::milliseconds reconnect_backoff_max{10000};
};

// Counters since the pool was created (a snapshot).
struct SessionPoolStats {
  int idle = 0;
  int leased = 0;
  int starting = 0;  // connecting or signing on
  int resetting = 0;
  int down = 0;                // waiting for the back-off after a failed connect or sign-on
  int waiting = 0;             // requests in the queue
  std::uint64_t sign_ons = 0;  // successful connect + sign-on
  std::uint64_t failed_sign_ons = 0;
  std::uint64_t leases = 0;
  std::uint64_t resets = 0;        // sessions brought back by the reset keys
  std::uint64_t replacements = 0;  // sessions closed and replaced
  std::uint64_t rejected = 0;      // RESOURCE_EXHAUSTED answers
  std::uint64_t expired = 0;       // DEADLINE_EXCEEDED answers
};

class SessionPool;

// Exclusive use of one signed-on session until destroyed (or Release()d). Move-only. Return it
// only when no operation is pending on the client (after its handler ran).
class Lease {
 public:
  Lease() = default;
  Lease(Lease&& other) noexcept;
  Lease& operator=(Lease&& other) noexcept;
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  ~Lease();

  Client& client() const { return *client_; }
  const std::shared_ptr<Client>& client_ptr() const { return client_; }
  explicit operator bool() const { return client_ != nullptr; }

  // The session is beyond repair: close and replace it on return instead of resetting it.
  void Discard() { discard_ = true; }
  // Returns the session to the pool now.
  void Release();

 private:
  friend class SessionPool;
  Lease(std::shared_ptr<SessionPool> pool, int slot, std::shared_ptr<Client> client)
      : pool_(std::move(pool)), slot_(slot), client_(std::move(client)) {}

  std::shared_ptr<SessionPool> pool_;
  int slot_ = -1;
  std::shared_ptr<Client> client_;
  bool discard_ = false;
};

class SessionPool : public std::enable_shared_from_this<SessionPool> {
 public:
  using AcquireCallback = std::function<void(absl::StatusOr<Lease>)>;

  // INVALID_ARGUMENT when the options cannot work (size out of range, no sign-on or home test).
  static absl::StatusOr<std::shared_ptr<SessionPool>> Create(
      const boost::asio::any_io_executor& executor, SessionPoolOptions options);
  ~SessionPool();

  // Opens all N sessions now (otherwise they open on demand).
  void Start();
  // Leases a session to `done` (see the class comment). Returns a ticket for CancelAcquire.
  std::uint64_t Acquire(PoolClock::time_point deadline, AcquireCallback done);
  // Answers the waiting request `ticket` with CANCELLED; no-op once it was answered.
  void CancelAcquire(std::uint64_t ticket);
  // Closes every session and answers every waiting request with UNAVAILABLE; later Acquires get
  // UNAVAILABLE. Leased sessions are closed when returned.
  void Shutdown();

  // Calls `done` (posted) with a snapshot of the sessions' states and the counters.
  void AsyncStats(std::function<void(SessionPoolStats)> done);

  const SessionPoolOptions& options() const { return options_; }

 private:
  enum class SlotState { kDown, kStarting, kIdle, kLeased, kResetting };
  struct Slot {
    SlotState state = SlotState::kDown;
    std::shared_ptr<Client> client;
    int failures = 0;  // consecutive failed connects / sign-ons
    PoolClock::time_point retry_after{};
  };
  struct Waiter {
    std::uint64_t ticket;
    AcquireCallback done;
    std::unique_ptr<boost::asio::steady_timer> timer;
  };

  SessionPool(const boost::asio::any_io_executor& executor, SessionPoolOptions options);

  friend class Lease;
  void Return(int slot, std::shared_ptr<Client> client, bool discard);

  void DoAcquire(std::uint64_t ticket, PoolClock::time_point deadline, AcquireCallback done);
  void Answer(AcquireCallback done, absl::StatusOr<Lease> result);
  void Connect(int slot);
  void OnStarted(int slot, std::shared_ptr<Client> client, absl::Status status);
  void Check(int slot, std::shared_ptr<Client> client, std::size_t key);
  void Replace(int slot);
  void MakeIdle(int slot);
  void ServeWaiters();
  void StartDownSlots();
  bool AnySessionAlive() const;
  void FailWaiters(const absl::Status& status);
  std::string Describe(const absl::Status& status) const;

  boost::asio::any_io_executor executor_;
  boost::asio::strand<boost::asio::any_io_executor> strand_;
  SessionPoolOptions options_;
  std::vector<Slot> slots_;
  std::list<Waiter> waiters_;
  std::atomic<std::uint64_t> next_ticket_{1};  // handed out on the caller's thread
  bool shut_down_ = false;
  absl::Status last_error_;
  SessionPoolStats counters_;
};

}  // namespace omnihub::tn3270
