// HubCases: the cases the hub keeps (a CaseBook: hub/store's CaseRepository; the hub is their
// system of record), as the request path uses them: every read and write runs on the store's
// blocking threads, never on a gRPC or I/O thread, and its answer comes back through a callback.
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/contacts/case_book.h"
#include "hub/contacts/hub_contacts.h"
#include "hub/contacts/seen_since.h"
#include "hub/contacts/write_fence.h"
#include "omnihub/v1/contact.pb.h"

namespace omnihub::hub {

// Bind once (when the store is open) before calls arrive; until then every call answers
// FAILED_PRECONDITION. Thread-safe afterwards. Several hubs may share one store: nothing is
// cached here, so each call sees what any hub wrote. The changed hook runs before the writer hears
// back and a List that overlapped a write is done again (WriteFence), so the aggregate cache's
// cases section, which the hook updates, never keeps a list read from before the write.
class HubCases {
 public:
  using Clock = HubContacts::Clock;
  // Where the store's blocking work runs, as for contacts.
  using Submit = HubContacts::Submit;
  template <typename T>
  using Done = std::function<void(absl::StatusOr<T>)>;
  // Runs on a store thread after a case was opened (not for a retry that wrote nothing) or
  // changed, before the caller hears of it; `detail` says what happened, for agents.
  using ChangedHook = std::function<void(const omnihub::v1::Case&, const std::string& detail)>;

  // Another hub's change is read back from kRefreshOverlap before the newest updated_at seen.
  static constexpr std::chrono::seconds kRefreshOverlap{60};

  // Cases changed from now on are new to this hub.
  void Bind(CaseBook& book, Submit submit);
  // Set before calls arrive.
  void SetChangedHook(ChangedHook hook) { hook_ = std::move(hook); }
  // For cases other hubs opened or changed (Refresh). Set before calls arrive.
  void SetLearnedHook(ChangedHook hook) { learned_hook_ = std::move(hook); }

  // Blocking (run it on a store thread, like HubContacts::Refresh): the cases other hubs sharing
  // the store opened or changed since the last Refresh, each change handed to the learned hook
  // once (detail: "case changed through another hub: <status>"); answers how many.
  absl::StatusOr<size_t> Refresh();

  // The CaseBook call of the same name on a store thread; `done` runs there, or at once
  // when the work cannot be queued (RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED, FAILED_PRECONDITION).
  void Create(omnihub::v1::Case c, std::string idempotency_key, Clock::time_point deadline,
              Done<CreatedCase> done);
  void Get(std::string case_id, Clock::time_point deadline, Done<omnihub::v1::Case> done);
  void List(std::vector<std::string> customer_ids, std::vector<omnihub::v1::CaseStatus> statuses,
            int limit, Clock::time_point deadline, Done<std::vector<omnihub::v1::Case>> done);
  // `agent_id`: who changes it (for the hook's detail).
  void Update(omnihub::v1::Case changes, std::vector<std::string> mask, std::string agent_id,
              Clock::time_point deadline, Done<omnihub::v1::Case> done);

 private:
  // RunOnStore, once the book is bound (FAILED_PRECONDITION before).
  template <typename T>
  void OnStore(Clock::time_point deadline, std::function<absl::StatusOr<T>()> work, Done<T> done);

  CaseBook* book_ = nullptr;
  Submit submit_;
  ChangedHook hook_;
  ChangedHook learned_hook_;
  WriteFence fence_;
  // Changes already known (made here or learned): "<case_id>@<updated_at in ns>".
  SeenSince seen_{kRefreshOverlap};
};

}  // namespace omnihub::hub
