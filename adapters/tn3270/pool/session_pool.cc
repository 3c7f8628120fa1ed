#include "adapters/tn3270/pool/session_pool.h"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <utility>

#include "absl/strings/str_cat.h"
#include "adapters/tn3270/pool/screen_excerpt.h"

namespace omnihub::tn3270 {

namespace asio = boost::asio;

// --- Lease ---

Lease::Lease(Lease&& other) noexcept
    : pool_(std::move(other.pool_)),
      slot_(std::exchange(other.slot_, -1)),
      client_(std::move(other.client_)),
      discard_(std::exchange(other.discard_, false)) {}

Lease& Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    Release();
    pool_ = std::move(other.pool_);
    slot_ = std::exchange(other.slot_, -1);
    client_ = std::move(other.client_);
    discard_ = std::exchange(other.discard_, false);
  }
  return *this;
}

Lease::~Lease() { Release(); }

void Lease::Release() {
  if (!pool_) return;
  std::shared_ptr<SessionPool> pool = std::move(pool_);
  pool->Return(slot_, std::move(client_), discard_);
  pool_.reset();
  client_.reset();
  slot_ = -1;
  discard_ = false;
}

// --- SessionPool ---

absl::StatusOr<std::shared_ptr<SessionPool>> SessionPool::Create(
    const asio::any_io_executor& executor, SessionPoolOptions options) {
  if (options.size < 1 || options.size > 64) {
    return absl::InvalidArgumentError(absl::StrCat(
        "session pool '", options.system, "': size must be in [1, 64], got ", options.size));
  }
  if (options.max_waiting < 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("session pool '", options.system, "': max_waiting must not be negative"));
  }
  if (!options.sign_on || !options.is_home) {
    return absl::InvalidArgumentError(
        absl::StrCat("session pool '", options.system,
                     "': a sign-on procedure and a home screen test are required"));
  }
  return std::shared_ptr<SessionPool>(new SessionPool(executor, std::move(options)));
}

SessionPool::SessionPool(const asio::any_io_executor& executor, SessionPoolOptions options)
    : executor_(executor),
      strand_(asio::make_strand(executor)),
      options_(std::move(options)),
      slots_(static_cast<std::size_t>(options_.size)) {}

SessionPool::~SessionPool() {
  for (auto& slot : slots_) {
    if (slot.client) slot.client->Close();
  }
}

void SessionPool::Start() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    if (self->shut_down_) return;
    for (int i = 0; i < static_cast<int>(self->slots_.size()); ++i) {
      if (self->slots_[i].state == SlotState::kDown) self->Connect(i);
    }
  });
}

std::uint64_t SessionPool::Acquire(PoolClock::time_point deadline, AcquireCallback done) {
  const std::uint64_t ticket = next_ticket_.fetch_add(1, std::memory_order_relaxed);
  asio::post(strand_,
             [self = shared_from_this(), ticket, deadline, done = std::move(done)]() mutable {
               self->DoAcquire(ticket, deadline, std::move(done));
             });
  return ticket;
}

void SessionPool::DoAcquire(std::uint64_t ticket, PoolClock::time_point deadline,
                            AcquireCallback done) {
  if (shut_down_) {
    Answer(std::move(done), absl::UnavailableError(
                                absl::StrCat(options_.system, ": the session pool is shut down")));
    return;
  }
  if (PoolClock::now() >= deadline) {
    ++counters_.expired;
    Answer(std::move(done),
           absl::DeadlineExceededError(absl::StrCat(
               options_.system, ": the deadline passed before a session was asked for")));
    return;
  }
  StartDownSlots();
  waiters_.push_back(Waiter{ticket, std::move(done), nullptr});
  ServeWaiters();
  // Still waiting (the waiter is the last one if it was not served).
  if (waiters_.empty() || waiters_.back().ticket != ticket) return;
  if (!AnySessionAlive()) {
    Waiter waiter = std::move(waiters_.back());
    waiters_.pop_back();
    Answer(std::move(waiter.done), absl::UnavailableError(Describe(last_error_)));
    return;
  }
  if (static_cast<int>(waiters_.size()) > options_.max_waiting) {
    Waiter waiter = std::move(waiters_.back());
    waiters_.pop_back();
    ++counters_.rejected;
    Answer(std::move(waiter.done),
           absl::ResourceExhaustedError(
               absl::StrCat(options_.system, ": all ", options_.size, " sessions are busy and ",
                            options_.max_waiting, " requests are already waiting")));
    return;
  }
  Waiter& waiter = waiters_.back();
  waiter.timer = std::make_unique<asio::steady_timer>(strand_, deadline);
  waiter.timer->async_wait(
      [self = shared_from_this(), ticket](const boost::system::error_code& ec) {
        if (ec) return;
        auto it = std::find_if(self->waiters_.begin(), self->waiters_.end(),
                               [ticket](const Waiter& w) { return w.ticket == ticket; });
        if (it == self->waiters_.end()) return;
        AcquireCallback expired_done = std::move(it->done);
        self->waiters_.erase(it);
        ++self->counters_.expired;
        self->Answer(std::move(expired_done),
                     absl::DeadlineExceededError(absl::StrCat(
                         self->options_.system, ": no free session before the deadline (all ",
                         self->options_.size, " sessions busy or starting)")));
      });
}

void SessionPool::CancelAcquire(std::uint64_t ticket) {
  asio::post(strand_, [self = shared_from_this(), ticket] {
    auto it = std::find_if(self->waiters_.begin(), self->waiters_.end(),
                           [ticket](const Waiter& w) { return w.ticket == ticket; });
    if (it == self->waiters_.end()) return;
    AcquireCallback done = std::move(it->done);
    if (it->timer) it->timer->cancel();
    self->waiters_.erase(it);
    self->Answer(std::move(done),
                 absl::CancelledError(absl::StrCat(self->options_.system,
                                                   ": cancelled while waiting for a session")));
  });
}

void SessionPool::Shutdown() {
  asio::dispatch(strand_, [self = shared_from_this()] {
    if (self->shut_down_) return;
    self->shut_down_ = true;
    for (auto& slot : self->slots_) {
      if (slot.state != SlotState::kLeased && slot.client) {
        slot.client->Close();
        slot.client.reset();
      }
      if (slot.state != SlotState::kLeased) slot.state = SlotState::kDown;
    }
    self->FailWaiters(absl::UnavailableError(
        absl::StrCat(self->options_.system, ": the session pool is shut down")));
  });
}

void SessionPool::AsyncStats(std::function<void(SessionPoolStats)> done) {
  asio::post(strand_, [self = shared_from_this(), done = std::move(done)]() mutable {
    SessionPoolStats stats = self->counters_;
    for (const auto& slot : self->slots_) {
      switch (slot.state) {
        case SlotState::kDown:
          ++stats.down;
          break;
        case SlotState::kStarting:
          ++stats.starting;
          break;
        case SlotState::kIdle:
          ++stats.idle;
          break;
        case SlotState::kLeased:
          ++stats.leased;
          break;
        case SlotState::kResetting:
          ++stats.resetting;
          break;
      }
    }
    stats.waiting = static_cast<int>(self->waiters_.size());
    asio::post(self->executor_, [done = std::move(done), stats] { done(stats); });
  });
}

void SessionPool::Answer(AcquireCallback done, absl::StatusOr<Lease> result) {
  asio::post(executor_, [done = std::move(done), result = std::move(result)]() mutable {
    done(std::move(result));
  });
}

void SessionPool::ServeWaiters() {
  while (!waiters_.empty()) {
    int chosen = -1;
    for (int i = 0; i < static_cast<int>(slots_.size()); ++i) {
      Slot& slot = slots_[i];
      if (slot.state != SlotState::kIdle) continue;
      if (!slot.client->connected()) {  // dropped while idle
        Replace(i);
        continue;
      }
      chosen = i;
      break;
    }
    if (chosen < 0) return;
    Waiter waiter = std::move(waiters_.front());
    waiters_.pop_front();
    if (waiter.timer) waiter.timer->cancel();
    Slot& slot = slots_[chosen];
    slot.state = SlotState::kLeased;
    ++counters_.leases;
    Answer(std::move(waiter.done), Lease(shared_from_this(), chosen, slot.client));
  }
}

void SessionPool::StartDownSlots() {
  const auto now = PoolClock::now();
  for (int i = 0; i < static_cast<int>(slots_.size()); ++i) {
    if (slots_[i].state == SlotState::kDown && slots_[i].retry_after <= now) Connect(i);
  }
}

bool SessionPool::AnySessionAlive() const {
  return std::any_of(slots_.begin(), slots_.end(),
                     [](const Slot& slot) { return slot.state != SlotState::kDown; });
}

void SessionPool::FailWaiters(const absl::Status& status) {
  auto waiters = std::move(waiters_);
  waiters_.clear();
  for (auto& waiter : waiters) {
    if (waiter.timer) waiter.timer->cancel();
    Answer(std::move(waiter.done), status);
  }
}

std::string SessionPool::Describe(const absl::Status& status) const {
  std::string text = absl::StrCat(options_.system, ": no session to ", options_.client.host, ":",
                                  options_.client.port);
  if (!status.ok()) absl::StrAppend(&text, " (", status.message(), ")");
  PoolClock::time_point next = PoolClock::time_point::max();
  for (const auto& slot : slots_) next = std::min(next, slot.retry_after);
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next - PoolClock::now());
  if (wait.count() > 0) absl::StrAppend(&text, "; next attempt in ", wait.count(), " ms");
  return text;
}

void SessionPool::Connect(int index) {
  Slot& slot = slots_[index];
  slot.state = SlotState::kStarting;
  auto client = Client::Create(executor_, options_.client);
  slot.client = client;
  const auto deadline = PoolClock::now() + options_.connect_timeout;
  auto self = shared_from_this();
  auto finish = [self, index, client](absl::Status status) {
    asio::post(self->strand_, [self, index, client, status = std::move(status)] {
      self->OnStarted(index, client, status);
    });
  };
  client->AsyncConnect(
      options_.connect_timeout, [self, client, deadline, finish](absl::Status status) {
        if (!status.ok()) return finish(std::move(status));
        self->options_.sign_on(client, deadline, [self, client, finish](absl::Status signed_on) {
          if (!signed_on.ok()) return finish(std::move(signed_on));
          // Look at the screen on the client's strand.
          client->AsyncRun([self, client, finish] {
            if (self->options_.is_home(client->screen())) return finish(absl::OkStatus());
            finish(absl::FailedPreconditionError("the sign-on did not end at the home screen: " +
                                                 ScreenExcerpt(client->screen())));
          });
        });
      });
}

void SessionPool::OnStarted(int index, std::shared_ptr<Client> client, absl::Status status) {
  Slot& slot = slots_[index];
  if (shut_down_ || slot.client != client) {
    client->Close();
    return;
  }
  if (!status.ok()) {
    client->Close();
    slot.client.reset();
    slot.state = SlotState::kDown;
    ++slot.failures;
    ++counters_.failed_sign_ons;
    auto backoff = options_.reconnect_backoff * (1 << std::min(slot.failures - 1, 16));
    backoff = std::min(backoff, options_.reconnect_backoff_max);
    slot.retry_after = PoolClock::now() + backoff;
    last_error_ = status;
    if (!AnySessionAlive()) FailWaiters(absl::UnavailableError(Describe(last_error_)));
    return;
  }
  slot.failures = 0;
  ++counters_.sign_ons;
  MakeIdle(index);
}

void SessionPool::MakeIdle(int index) {
  slots_[index].state = SlotState::kIdle;
  ServeWaiters();
}

void SessionPool::Replace(int index) {
  Slot& slot = slots_[index];
  if (slot.client) slot.client->Close();
  slot.client.reset();
  ++counters_.replacements;
  if (shut_down_) {
    slot.state = SlotState::kDown;
    return;
  }
  Connect(index);
}

void SessionPool::Return(int index, std::shared_ptr<Client> client, bool discard) {
  asio::post(strand_, [self = shared_from_this(), index, client = std::move(client), discard] {
    if (index < 0 || index >= static_cast<int>(self->slots_.size())) return;
    Slot& slot = self->slots_[index];
    if (slot.client != client || slot.state != SlotState::kLeased) {
      client->Close();
      return;
    }
    if (self->shut_down_) {
      client->Close();
      slot.client.reset();
      slot.state = SlotState::kDown;
      return;
    }
    if (discard || !client->connected()) {
      self->Replace(index);
      return;
    }
    slot.state = SlotState::kResetting;
    self->Check(index, client, 0);
  });
}

// On the client's strand: look at the screen; at home -> idle; keyboard locked -> wait for the
// host; otherwise press the next reset key; out of keys or any failure -> replace.
void SessionPool::Check(int index, std::shared_ptr<Client> client, std::size_t key) {
  auto self = shared_from_this();
  auto to_pool = [self, index, client](bool home, std::size_t keys_pressed) {
    asio::post(self->strand_, [self, index, client, home, keys_pressed] {
      Slot& slot = self->slots_[index];
      if (slot.client != client || slot.state != SlotState::kResetting) {
        client->Close();
        return;
      }
      if (self->shut_down_) {
        client->Close();
        slot.client.reset();
        slot.state = SlotState::kDown;
        return;
      }
      if (!home) {
        self->Replace(index);
        return;
      }
      if (keys_pressed > 0) ++self->counters_.resets;
      self->MakeIdle(index);
    });
  };
  client->AsyncRun([self, index, client, key, to_pool] {
    if (!client->connected()) return to_pool(false, key);
    const Screen& screen = client->screen();
    if (screen.keyboard_locked()) {
      // A reply still on its way (the holder gave up waiting): wait for it once.
      client->AsyncWaitForScreen(self->options_.reset_timeout,
                                 [self, index, client, key, to_pool](absl::Status status) {
                                   if (!status.ok()) return to_pool(false, key);
                                   self->Check(index, client, key + 1);
                                 });
      return;
    }
    if (self->options_.is_home(screen)) return to_pool(true, key);
    if (key >= self->options_.reset_keys.size()) return to_pool(false, key);
    client->AsyncSendAid(self->options_.reset_keys[key], self->options_.reset_timeout,
                         [self, index, client, key, to_pool](absl::Status status) {
                           if (!status.ok()) return to_pool(false, key);
                           self->Check(index, client, key + 1);
                         });
  });
}

}  // namespace omnihub::tn3270
