// IdentityLinker: LinkIdentifier/UnlinkIdentifier's work. An agent's link or unlink is written to
// the hub's store first (durable, audited), then applied to the identity index the directory
// resolves with, at once; at start-up every stored event is replayed in order over the index
// built from the systems, so links survive restarts.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "hub/identity/account_update.h"
#include "hub/identity/customer_directory.h"
#include "hub/identity/issued_id.h"
#include "hub/identity/manual_link.h"
#include "hub/identity/manual_links.h"

namespace omnihub::hub {

// Thread-safe. Changes are serialised (one at a time, in the log's order); readers never wait:
// they keep resolving on the directory's current snapshot.
class IdentityLinker {
 public:
  using Clock = std::chrono::steady_clock;
  // Runs blocking work elsewhere, as odbc::BlockingExecutor::Submit: returns an error at once
  // when the work cannot be queued, otherwise calls the job once (OK: do the work).
  using SubmitBlocking =
      std::function<absl::Status(Clock::time_point, std::function<void(absl::Status)>)>;
  // UTC now as "2026-11-29T05:00:00Z" (injected so tests fix the audit time).
  using UtcNow = std::function<std::string()>;
  // Told the ids of customers whose identifiers or accounts changed (for the cache).
  using ChangedHook = std::function<void(const std::vector<std::string>& customer_ids)>;
  using Done = std::function<void(absl::StatusOr<ResolvedCustomer>)>;

  explicit IdentityLinker(CustomerDirectory& directory, UtcNow now = DefaultUtcNow);

  struct ReplayReport {
    size_t applied = 0;
    // "seq 12 (link twitter:@x to C-...): no customer has id C-..." for each event that no
    // longer applies to what the systems hold now.
    std::vector<std::string> skipped;
  };
  // At start-up, once the directory holds the index built from the systems: from now on events
  // are kept in `log` (which must outlive this) and their blocking work runs through `submit`;
  // reads every stored event and applies it in order. Blocking: call it on the starting thread,
  // before any Submit. The log's error when it cannot be read.
  absl::StatusOr<ReplayReport> Start(ManualLinkLog& log, SubmitBlocking submit);

  // Records and applies `event` (normalised identifier; recorded_at is set here) without blocking
  // the caller: `done` is called once, on a blocking thread, with the customer as it is after the
  // change, or the error: NOT_FOUND / FAILED_PRECONDITION (ManualLinks::Check), the store's
  // error (nothing changed), RESOURCE_EXHAUSTED when too many changes wait, FAILED_PRECONDITION
  // before Start. A link that is already in effect is answered without writing anything.
  void Submit(ManualLinkEvent event, Clock::time_point deadline, Done done);

  // Applies an account a backend created or changed after start-up (AccountUpdate::Apply: the
  // same rules as the build; `account` is everything it declares now, so what it no longer
  // declares is withdrawn) to the systems' index, re-applies the agents' links over it and
  // publishes the result, without blocking the caller: `done` (may be empty) is called once, on a
  // blocking thread, with what changed, or the error: INVALID_ARGUMENT (AccountUpdate::Apply),
  // RESOURCE_EXHAUSTED when too many changes wait, FAILED_PRECONDITION before Start (the index is
  // still being built). The account is not stored (the system holds it, so the next start's scan
  // finds it), but a new account's golden id, and the ids a split or a merge gives (read against
  // the issued ids, as a restart would choose them; the agents' unlinks in force are never undone
  // by a merge), are recorded in the issued ids (SetIssuedIds), so the next build keeps them; a
  // failure to record is told in Outcome::not_recorded, not as an error.
  using AccountDone = std::function<void(absl::StatusOr<AccountUpdate::Outcome>)>;
  void SubmitAccount(std::string system, omnihub::sdk::AccountIdentity account,
                     Clock::time_point deadline, AccountDone done);
  // SubmitAccount's work, blocking on the linker's lock (tests, and blocking threads).
  absl::StatusOr<AccountUpdate::Outcome> ApplyAccount(const std::string& system,
                                                      const omnihub::sdk::AccountIdentity& account);
  // As SubmitAccount, for an account its system no longer has (AccountUpdate::Remove; NOT_FOUND
  // when no customer has it).
  void SubmitRemoval(std::string system, std::string account_id, Clock::time_point deadline,
                     AccountDone done);
  absl::StatusOr<AccountUpdate::Outcome> RemoveAccount(const std::string& system,
                                                       const std::string& account_id);

  // The agents' links and unlinks recorded for the customer `customer_id` resolves to, and for
  // every customer merged into them, in the log's order (also those that no longer apply), as
  // read from the store at start-up and since. Empty before Start.
  std::vector<ManualLinkEvent> AuditOf(const std::string& customer_id) const;
  // Every event read from the log, in its order.
  std::vector<ManualLinkEvent> History() const;

  // Applies the events other hubs sharing the store recorded since this hub last read it (a
  // change made here catches up first anyway). Blocking: call it on a blocking thread, e.g.
  // periodically. The number of events applied, or the store's error.
  absl::StatusOr<size_t> Refresh();

  void SetChangedHook(ChangedHook hook) { changed_ = std::move(hook); }
  // Where accounts added at run time record their golden id (must outlive this; null: nowhere).
  // Set before Start.
  void SetIssuedIds(IssuedIdRegistry* registry) { issued_ids_ = registry; }
  // Events in effect over the systems' index.
  size_t active_links() const;
  // For the status page: "<n> applied, <m> skipped at start-up".
  ReplayReport last_replay() const;

  static std::string DefaultUtcNow();

 private:
  // Reads the events after last_seq_ and applies them in order: the outcome of `watch_seq`'s in
  // `watched`, every event's in `report`, the events themselves in `seen` (each optional).
  absl::Status CatchUp(int64_t watch_seq, absl::Status* watched, ReplayReport* report,
                       std::vector<ManualLinkEvent>* seen = nullptr);
  absl::StatusOr<ResolvedCustomer> Change(ManualLinkEvent event);
  // Runs `work` (ApplyAccount, RemoveAccount) on a blocking thread, answering `done`
  // (SubmitAccount).
  void SubmitAccountWork(Clock::time_point deadline, AccountDone done,
                         std::function<absl::StatusOr<AccountUpdate::Outcome>()> work);
  using AccountChange = std::function<absl::StatusOr<AccountUpdate::Outcome>(
      IdentityIndex&, const CustomerSplit::IssuedLookup&)>;
  // ApplyAccount / RemoveAccount: applies `change` to the systems' index, publishes, records ids.
  absl::StatusOr<AccountUpdate::Outcome> ChangeAccount(const AccountChange& change);
  // Refresh with mutex_ held.
  absl::StatusOr<size_t> RefreshLocked();

  CustomerDirectory& directory_;
  // Set once by Start, before any Submit.
  ManualLinkLog* log_ = nullptr;
  SubmitBlocking submit_;
  UtcNow now_;
  ChangedHook changed_;
  IssuedIdRegistry* issued_ids_ = nullptr;
  mutable std::mutex mutex_;
  ManualLinks links_;  // guarded by mutex_
  int64_t last_seq_ = 0;
  ReplayReport replay_;
  // Every event read from the log, in its order (the audit trail; links are rare).
  std::vector<ManualLinkEvent> history_;
};

}  // namespace omnihub::hub
