// HubContacts: the contacts the hub itself keeps (ContactBook, in the hub's store), as the
// request path uses them: logging and listing run on the store's blocking threads, never on a
// gRPC or I/O thread, and every newly logged contact is handed to the hooks (the aggregate
// cache's contacts section of the customer, the CONTACT_LOGGED event) before the caller hears
// that it is logged, so the caller's next read sees it.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/contacts/contact_book.h"
#include "hub/contacts/on_store.h"
#include "hub/contacts/seen_since.h"
#include "hub/contacts/write_fence.h"

namespace omnihub::hub {

// Several hubs may share one store: Refresh (every <store refresh-ms>, like the identity links)
// reads the contacts the store recorded since it last looked and hands those this hub did not
// log itself to the learned hook (the cache then drops that customer's "hub" contacts section,
// and watchers get CONTACT_LOGGED). It reads back kRefreshOverlap before the newest recorded_at
// it has seen, so hubs whose clocks differ by less than that miss nothing.
//
// Bind once (when the store is open) before calls arrive; until then Log, List and Refresh
// answer FAILED_PRECONDITION. Thread-safe afterwards.
class HubContacts {
 public:
  using Clock = std::chrono::steady_clock;
  using Submit = StoreSubmit;
  // Runs on a store thread after a new contact was written (not for a retry that wrote nothing).
  using LoggedHook = std::function<void(const omnihub::v1::Contact&)>;
  using LogDone = std::function<void(absl::StatusOr<LoggedContact>)>;
  using ListDone = std::function<void(absl::StatusOr<std::vector<omnihub::v1::Contact>>)>;

  static constexpr std::chrono::seconds kRefreshOverlap{60};

  // Contacts recorded from now on are new to this hub.
  void Bind(ContactBook& book, Submit submit);
  // Set before calls arrive.
  void SetLoggedHook(LoggedHook hook) { hook_ = std::move(hook); }
  // For contacts other hubs logged (Refresh). Set before calls arrive.
  void SetLearnedHook(LoggedHook hook) { learned_hook_ = std::move(hook); }

  // Blocking (run it on a store thread): the contacts other hubs logged since the last Refresh,
  // each handed to the learned hook once; answers how many.
  absl::StatusOr<size_t> Refresh();

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
  LoggedHook learned_hook_;
  // Contacts already known (logged here or learned), by id.
  SeenSince seen_{kRefreshOverlap};
  WriteFence fence_;
};

}  // namespace omnihub::hub
