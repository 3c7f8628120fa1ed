#include "hub/identity/identity_linker.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "absl/time/clock.h"
#include "absl/time/time.h"

namespace omnihub::hub {
namespace {

std::string Describe(const ManualLinkEvent& event) {
  return absl::StrCat("seq ", event.seq, " (", ManualLinkActionName(event.action), " ",
                      IdentifierNormalizer::Key(event.identifier),
                      event.action == ManualLinkAction::kLink ? " to " : " from ",
                      event.customer_id, ")");
}

// The systems of account keys ("account:<system>:<number>").
std::vector<std::string> SystemsOf(const std::vector<std::string>& account_keys) {
  std::vector<std::string> systems;
  for (const auto& key : account_keys) {
    std::vector<std::string> parts = absl::StrSplit(key, absl::MaxSplits(':', 2));
    if (parts.size() == 3) systems.push_back(parts[1]);
  }
  return systems;
}

// The customer `customer_id` resolves to in `index` and every id merged into them.
std::vector<std::string> IdsAround(const IdentityIndex& index, const std::string& customer_id) {
  std::vector<std::string> ids{customer_id};
  if (const GoldenCustomer* customer = index.FindById(customer_id)) {
    ids.push_back(customer->customer_id);
    ids.insert(ids.end(), customer->merged_ids.begin(), customer->merged_ids.end());
  }
  return ids;
}

}  // namespace

std::string IdentityLinker::DefaultUtcNow() {
  return absl::FormatTime("%Y-%m-%dT%H:%M:%SZ", absl::Now(), absl::UTCTimeZone());
}

IdentityLinker::IdentityLinker(CustomerDirectory& directory, UtcNow now)
    : directory_(directory), now_(std::move(now)), links_(directory.snapshot()) {}

absl::Status IdentityLinker::CatchUp(int64_t watch_seq, absl::Status* watched, ReplayReport* report,
                                     std::vector<ManualLinkEvent>* seen) {
  auto events = log_->ReadAfter(last_seq_);
  if (!events.ok()) return events.status();
  const auto outcomes = links_.ApplyAll(*events);
  for (size_t i = 0; i < events->size(); ++i) {
    const auto& event = (*events)[i];
    const auto& applied = outcomes[i];
    last_seq_ = event.seq;
    if (event.seq == watch_seq && watched != nullptr) *watched = applied.status();
    if (report == nullptr) continue;
    if (applied.ok()) {
      ++report->applied;
    } else {
      report->skipped.push_back(absl::StrCat(Describe(event), ": ", applied.status().message()));
    }
  }
  history_.insert(history_.end(), events->begin(), events->end());
  if (!events->empty()) directory_.Replace(links_.current());
  if (seen != nullptr) *seen = *std::move(events);
  return absl::OkStatus();
}

absl::StatusOr<IdentityLinker::ReplayReport> IdentityLinker::Start(ManualLinkLog& log,
                                                                   SubmitBlocking submit) {
  std::lock_guard lock(mutex_);
  log_ = &log;
  submit_ = std::move(submit);
  links_ = ManualLinks(directory_.snapshot());
  last_seq_ = 0;
  history_.clear();
  ReplayReport report;
  if (auto status = CatchUp(0, nullptr, &report); !status.ok()) return status;
  replay_ = report;
  return report;
}

absl::StatusOr<ResolvedCustomer> IdentityLinker::Change(ManualLinkEvent event) {
  std::lock_guard lock(mutex_);
  // Other hubs sharing the store may have written since: check against their changes too.
  if (auto read = RefreshLocked(); !read.ok()) return read.status();
  auto effect = links_.Check(event);
  if (!effect.ok()) return effect.status();
  const auto before = links_.current();
  if (*effect != ManualLinks::Effect::kNone) {
    event.recorded_at = now_();
    auto seq = log_->Append(event);
    if (!seq.ok()) return seq.status();
    // Applied from the log, in its order (another hub may have appended just before).
    absl::Status outcome = absl::InternalError("the recorded change was not read back");
    if (auto status = CatchUp(*seq, &outcome, nullptr); !status.ok()) {
      return absl::Status(status.code(),
                          absl::StrCat("the change is recorded (seq ", *seq,
                                       ") but could not be read back; it takes effect at the "
                                       "next start: ",
                                       status.message()));
    }
    if (!outcome.ok()) {
      return absl::AbortedError(absl::StrCat(
          "the change is recorded (seq ", *seq,
          ") but another hub's change made just before it means it no longer applies: ",
          outcome.message()));
    }
  }
  ResolvedCustomer resolved{links_.current(), nullptr};
  resolved.customer = resolved.index->FindById(event.customer_id);
  if (resolved.customer == nullptr) {
    return absl::NotFoundError(absl::StrCat("no customer has id ", event.customer_id));
  }
  if (changed_ && *effect != ManualLinks::Effect::kNone) {
    auto ids = IdsAround(*before, event.customer_id);
    auto after = IdsAround(*resolved.index, event.customer_id);
    ids.insert(ids.end(), after.begin(), after.end());
    changed_(ids);
  }
  return resolved;
}

void IdentityLinker::Submit(ManualLinkEvent event, Clock::time_point deadline, Done done) {
  if (!submit_) {
    done(absl::FailedPreconditionError("the hub's store is not open yet: the hub is starting"));
    return;
  }
  auto shared_done = std::make_shared<Done>(std::move(done));
  auto queued = submit_(
      deadline, [this, event = std::move(event), shared_done](absl::Status admitted) mutable {
        if (!admitted.ok()) {
          (*shared_done)(admitted);
          return;
        }
        (*shared_done)(Change(std::move(event)));
      });
  if (!queued.ok()) (*shared_done)(queued);
}

void IdentityLinker::SubmitAccount(std::string system, omnihub::sdk::AccountIdentity account,
                                   Clock::time_point deadline, AccountDone done) {
  SubmitAccountWork(deadline, std::move(done),
                    [this, system = std::move(system), account = std::move(account)] {
                      return ApplyAccount(system, account);
                    });
}

void IdentityLinker::SubmitRemoval(std::string system, std::string account_id,
                                   Clock::time_point deadline, AccountDone done) {
  SubmitAccountWork(deadline, std::move(done),
                    [this, system = std::move(system), account_id = std::move(account_id)] {
                      return RemoveAccount(system, account_id);
                    });
}

void IdentityLinker::SubmitAccountWork(
    Clock::time_point deadline, AccountDone done,
    std::function<absl::StatusOr<AccountUpdate::Outcome>()> work) {
  auto shared_done = std::make_shared<AccountDone>(std::move(done));
  auto answer = [shared_done](absl::StatusOr<AccountUpdate::Outcome> outcome) {
    if (*shared_done) (*shared_done)(std::move(outcome));
  };
  if (!submit_) {
    answer(absl::FailedPreconditionError(
        "the identity index is still being built; the account is read by the scan"));
    return;
  }
  auto queued = submit_(deadline, [work = std::move(work), answer](absl::Status admitted) {
    answer(admitted.ok() ? work() : absl::StatusOr<AccountUpdate::Outcome>(admitted));
  });
  if (!queued.ok()) answer(queued);
}

absl::StatusOr<AccountUpdate::Outcome> IdentityLinker::ApplyAccount(
    const std::string& system, const omnihub::sdk::AccountIdentity& account) {
  return ChangeAccount([&](IdentityIndex& index, const CustomerSplit::IssuedLookup& issued) {
    return AccountUpdate::Apply(index, system, account, directory_.normalizer(), issued,
                                links_.Unlinks());
  });
}

absl::StatusOr<AccountUpdate::Outcome> IdentityLinker::RemoveAccount(
    const std::string& system, const std::string& account_id) {
  return ChangeAccount([&](IdentityIndex& index, const CustomerSplit::IssuedLookup& issued) {
    return AccountUpdate::Remove(index, system, account_id, directory_.normalizer(), issued);
  });
}

absl::StatusOr<AccountUpdate::Outcome> IdentityLinker::ChangeAccount(const AccountChange& change) {
  std::lock_guard lock(mutex_);
  if (log_ == nullptr) {
    return absl::FailedPreconditionError(
        "the identity index is still being built; the account is read by the scan");
  }
  CustomerSplit::IssuedLookup issued;
  if (issued_ids_ != nullptr) {
    issued = [registry = issued_ids_](
                 const std::vector<std::string>& account_keys) -> absl::StatusOr<IssuedIds> {
      auto rows = registry->ReadFor(account_keys);
      if (!rows.ok()) return rows.status();
      return CheckIssuedIds(*rows, SystemsOf(account_keys)).ids;
    };
  }
  const auto before = links_.current();
  AccountUpdate::Outcome outcome;
  auto status = links_.ChangeBase([&](IdentityIndex& index) -> absl::Status {
    auto applied = change(index, issued);
    if (!applied.ok()) return applied.status();
    outcome = *std::move(applied);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  directory_.Replace(links_.current());
  std::vector<IssuedId> to_record = outcome.to_record;
  if (outcome.new_account) to_record.push_back({outcome.account_key, outcome.customer_id, ""});
  if (issued_ids_ != nullptr && !to_record.empty()) {
    auto recorded = issued_ids_->Record(to_record);
    if (!recorded.ok()) outcome.not_recorded = std::string(recorded.status().message());
  }
  if (issued_ids_ != nullptr && !outcome.to_reissue.empty() && outcome.not_recorded.empty()) {
    auto reissued = issued_ids_->RecordReissued(outcome.to_reissue);
    if (!reissued.ok()) outcome.not_recorded = std::string(reissued.status().message());
  }
  if (changed_ && (!outcome.added.empty() || !outcome.withdrawn.empty() || !outcome.split.empty() ||
                   !outcome.merged.empty())) {
    auto ids = IdsAround(*before, outcome.customer_id);
    auto after = IdsAround(*links_.current(), outcome.customer_id);
    ids.insert(ids.end(), after.begin(), after.end());
    for (const auto& id : outcome.split_ids) {
      auto around = IdsAround(*links_.current(), id);
      ids.insert(ids.end(), around.begin(), around.end());
    }
    changed_(ids);
  }
  return outcome;
}

std::vector<ManualLinkEvent> IdentityLinker::AuditOf(const std::string& customer_id) const {
  std::lock_guard lock(mutex_);
  const auto index = links_.current();
  std::vector<std::string> ids = IdsAround(*index, customer_id);
  std::vector<ManualLinkEvent> events;
  for (const auto& event : history_) {
    if (std::find(ids.begin(), ids.end(), event.customer_id) != ids.end()) {
      events.push_back(event);
    }
  }
  return events;
}

std::vector<ManualLinkEvent> IdentityLinker::History() const {
  std::lock_guard lock(mutex_);
  return history_;
}

absl::StatusOr<size_t> IdentityLinker::Refresh() {
  std::lock_guard lock(mutex_);
  if (log_ == nullptr) return 0;
  return RefreshLocked();
}

absl::StatusOr<size_t> IdentityLinker::RefreshLocked() {
  const auto before = links_.current();
  ReplayReport report;
  std::vector<ManualLinkEvent> seen;
  if (auto status = CatchUp(0, nullptr, &report, &seen); !status.ok()) return status;
  if (!seen.empty() && changed_) {
    // The customers the new events named, as they were and as they are now.
    std::vector<std::string> ids;
    for (const auto& event : seen) {
      for (const auto* index : {before.get(), links_.current().get()}) {
        auto around = IdsAround(*index, event.customer_id);
        ids.insert(ids.end(), around.begin(), around.end());
      }
    }
    changed_(ids);
  }
  return seen.size();
}

size_t IdentityLinker::active_links() const {
  std::lock_guard lock(mutex_);
  return links_.active();
}

IdentityLinker::ReplayReport IdentityLinker::last_replay() const {
  std::lock_guard lock(mutex_);
  return replay_;
}

}  // namespace omnihub::hub
