// ManualLinks: agents' links and unlinks (ManualLinkEvent) applied over the identity index built
// from the systems, giving the index the hub resolves with.
//
// What an event does:
//   link of an identifier nobody holds, or a weak one (phone, address: households share them)
//       -> the customer gains it; it resolves to them, with the audit note as its evidence;
//   link of a strong identifier another customer holds
//       -> the two customers are one: merged, the smaller golden id survives and the other keeps
//          resolving to it; refused when both hold accounts in one system (one person has one
//          account per system: the rule automatic links follow too);
//   link of an identifier the customer already holds -> nothing (answered as done);
//   unlink of an identifier an agent linked -> that link is undone as if never made (a merge
//          splits again, both ids as before);
//   unlink of an identifier the systems declared -> it no longer resolves to the customer (the
//          accounts it joined stay joined; account numbers cannot be unlinked).
// A link of an identifier the systems declare for the customer already stays in force, dormant,
// when it is replayed or the systems' index changes under it: should the systems withdraw the
// identifier (AccountUpdate), it keeps resolving to the customer, as after a restart.
// Golden ids never change: they still derive from the systems' accounts (IdentityIndex::Build).
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "absl/container/flat_hash_set.h"
#include "absl/status/statusor.h"
#include "hub/identity/identity_index.h"
#include "hub/identity/manual_link.h"

namespace omnihub::hub {

// Not thread-safe: one writer at a time (IdentityLinker serialises). The snapshots it hands out
// (current()) are immutable and may be read from any thread.
class ManualLinks {
 public:
  enum class Effect { kNone, kAddIdentifier, kMerge, kRemoveIdentifier, kUndoLink };

  explicit ManualLinks(std::shared_ptr<const IdentityIndex> base);

  // What `event` would do to current(), or why it cannot be applied: NOT_FOUND (no such
  // customer; an unlink of an identifier the customer does not hold), FAILED_PRECONDITION (a
  // merge of two customers with accounts in one system, an account number to unlink or to link
  // that no system declared).
  absl::StatusOr<Effect> Check(const ManualLinkEvent& event) const;

  // Checks and applies `event`; current() then reflects it. Costs a copy of the index's overlay
  // and of the customers the event changes, not of the index (IdentityIndex); undoing a link
  // re-applies the links still in effect over the base.
  absl::StatusOr<Effect> Apply(const ManualLinkEvent& event);

  // Apply for each event in order, with one copy of the overlay for the whole batch (replay at
  // start-up, catching up with other hubs): the outcome of each.
  std::vector<absl::StatusOr<Effect>> ApplyAll(const std::vector<ManualLinkEvent>& events);

  // Changes the systems' index the links apply over (an account a backend announced): `change`
  // edits a copy of it; when it succeeds the copy becomes the base and the links in effect are
  // applied again over it (those that no longer apply are dropped). Costs a copy of the overlay
  // and the links in effect, not of the index. `change`'s error, nothing changed, otherwise.
  absl::Status ChangeBase(const std::function<absl::Status(IdentityIndex&)>& change);

  std::shared_ptr<const IdentityIndex> current() const { return current_; }
  // The unlinks in effect of identifiers the systems declare: key -> the customer id the agent
  // named (what an automatic merge must not undo: AccountUpdate::Apply).
  std::multimap<std::string, std::string> Unlinks() const;
  // Events in effect, dormant links included (undone links and the unlinks that undid them are
  // not counted).
  size_t active() const { return active_.size(); }

 private:
  struct Plan {
    Effect effect = Effect::kNone;
    uint32_t customer = 0;
    uint32_t other = 0;  // kMerge: the customer holding the identifier
    std::string key;
  };
  static absl::StatusOr<Plan> MakePlan(const IdentityIndex& index, const ManualLinkEvent& event);
  static void Mutate(IdentityIndex& index, const Plan& plan, const ManualLinkEvent& event);
  // A link with no effect because the systems declare the identifier for the customer: kept.
  static bool Dormant(const IdentityIndex& index, const Plan& plan, const ManualLinkEvent& event);
  // Erases the latest link in `events` of plan.key to plan.customer (or a customer merged into
  // them, by `index`); false when there is none.
  static bool EraseLatestLink(std::vector<ManualLinkEvent>& events, const IdentityIndex& index,
                              const Plan& plan);
  // current_ = base_ with active_ applied; events that no longer apply are dropped.
  void Rebuild();
  // Drops the active link that `plan` (kUndoLink) undoes, then rebuilds.
  void Undo(const Plan& plan);

  std::shared_ptr<const IdentityIndex> base_;
  std::vector<ManualLinkEvent> active_;
  std::shared_ptr<const IdentityIndex> current_;
};

// The keys of the identifiers `events` (the log, in order) unlink, whatever they unlink and
// whether they still apply: what IdentityIndex::Build lets connect only accounts that were one
// customer. Every unlink counts (also one that undid an agent's link, or was re-linked later):
// the build then misses a join rather than make one an agent refused.
absl::flat_hash_set<std::string> UnlinkedKeys(const std::vector<ManualLinkEvent>& events);

}  // namespace omnihub::hub
