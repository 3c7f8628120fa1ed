// HubContacts: the contacts the hub itself keeps (ContactBook, in the hub's store), as the
// request path uses them: logging and listing run on the store's blocking threads, never on a
// gRPC or I/O thread, and every newly logged contact is handed to the hooks (the aggregate
// cache's contacts section of the customer, the CONTACT_LOGGED event) before the caller hears
// that it is logged, so the caller's next read sees it.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/contacts/contact_book.h"

namespace omnihub::hub {

// Bind once (when the store is open) before calls arrive; until then Log and List answer
// FAILED_PRECONDITION. Thread-safe afterwards.
class HubContacts {
 public:
  using Clock = std::chrono::steady_clock;
  // Runs `job` where blocking is allowed (the store's BlockingExecutor::Submit): `job` is called
  // once with OK to do the work or with why it will not be done; a non-OK return means `job`
  // will never be called.
  using Submit = std::function<absl::Status(Clock::time_point deadline,
                                            std::function<void(absl::Status)> job)>;
  // Runs on a store thread after a new contact was written (not for a retry that wrote nothing).
  using LoggedHook = std::function<void(const omnihub::v1::Contact&)>;
  using LogDone = std::function<void(absl::StatusOr<LoggedContact>)>;
  using ListDone = std::function<void(absl::StatusOr<std::vector<omnihub::v1::Contact>>)>;

  void Bind(ContactBook& book, Submit submit);
  // Set before calls arrive.
  void SetLoggedHook(LoggedHook hook) { hook_ = std::move(hook); }

  // ContactBook::Log on a store thread; `done` runs there (or at once when the work cannot be
  // queued: RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, FAILED_PRECONDITION).
  void Log(ContactToLog request, Clock::time_point deadline, LogDone done);

  // ContactBook::List on a store thread. A read that overlapped a write is done again (a few
  // times at most), so an answer the cache keeps after a write's hook updated it holds that
  // write's contact.
  void List(std::vector<std::string> customer_ids, int limit, Clock::time_point deadline,
            ListDone done);

 private:
  ContactBook* book_ = nullptr;
  Submit submit_;
  LoggedHook hook_;
  // Writes begun and writes finished (hook included).
  std::atomic<uint64_t> writing_{0};
  std::atomic<uint64_t> written_{0};
};

}  // namespace omnihub::hub
