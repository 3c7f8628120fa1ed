#include "hub/identity/manual_links.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "absl/container/flat_hash_map.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/identity/declared_identifiers.h"

namespace omnihub::hub {
namespace {

using omnihub::sdk::IdentifierStrength;

std::set<std::string> SystemsOf(const GoldenCustomer& customer) {
  std::set<std::string> systems;
  for (const auto& account : customer.accounts) systems.insert(account.system);
  return systems;
}

void EraseValue(std::vector<uint32_t>& values, uint32_t value) {
  values.erase(std::remove(values.begin(), values.end(), value), values.end());
}

}  // namespace

bool ManualLinks::Dormant(const IdentityIndex& index, const Plan& plan,
                          const ManualLinkEvent& event) {
  return plan.effect == Effect::kNone && event.action == ManualLinkAction::kLink &&
         !index.customer(plan.customer).manual_links.contains(plan.key);
}

bool ManualLinks::EraseLatestLink(std::vector<ManualLinkEvent>& events, const IdentityIndex& index,
                                  const Plan& plan) {
  // The latest link of this identifier to this customer (or one merged into it).
  const GoldenCustomer* customer = &index.customer(plan.customer);
  for (auto it = events.rbegin(); it != events.rend(); ++it) {
    if (it->action != ManualLinkAction::kLink ||
        IdentifierNormalizer::Key(it->identifier) != plan.key) {
      continue;
    }
    if (index.FindById(it->customer_id) == customer) {
      events.erase(std::next(it).base());
      return true;
    }
  }
  return false;
}

ManualLinks::ManualLinks(std::shared_ptr<const IdentityIndex> base)
    : base_(std::move(base)), current_(base_) {}

absl::StatusOr<ManualLinks::Plan> ManualLinks::MakePlan(const IdentityIndex& index,
                                                        const ManualLinkEvent& event) {
  const auto position = index.PositionOf(event.customer_id);
  if (!position) {
    return absl::NotFoundError(absl::StrCat("no customer has id ", event.customer_id));
  }
  Plan plan;
  plan.customer = *position;
  const GoldenCustomer* customer = &index.customer(plan.customer);
  plan.key = IdentifierNormalizer::Key(event.identifier);
  const auto held = index.Holders(plan.key);
  const std::vector<uint32_t> holders(held.begin(), held.end());
  const bool holds = std::find(holders.begin(), holders.end(), plan.customer) != holders.end();
  const bool account = event.identifier.type() == omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER;

  if (event.action == ManualLinkAction::kUnlink) {
    if (customer->manual_links.contains(plan.key)) {
      plan.effect = Effect::kUndoLink;
    } else if (!holds) {
      return absl::NotFoundError(
          absl::StrCat("customer ", customer->customer_id, " does not hold ", plan.key));
    } else if (account) {
      return absl::FailedPreconditionError(
          absl::StrCat(plan.key, " is an account of customer ", customer->customer_id,
                       " in its system's own records; account numbers cannot be unlinked by hand"));
    } else {
      plan.effect = Effect::kRemoveIdentifier;
    }
    return plan;
  }

  if (holds) return plan;  // kNone: already linked
  if (holders.empty()) {
    if (account) {
      return absl::FailedPreconditionError(
          absl::StrCat("no system declared ", plan.key,
                       "; an account number can only be linked when its system knows it"));
    }
    plan.effect = Effect::kAddIdentifier;
    return plan;
  }
  if (index.rules().For(event.identifier.type()) == IdentifierStrength::kWeak) {
    plan.effect = Effect::kAddIdentifier;  // households share phones and addresses
    return plan;
  }
  if (holders.size() > 1) {
    // The systems' data conflicts (two accounts of one system share it): merging with one of the
    // holders would be a guess.
    return absl::FailedPreconditionError(
        absl::StrCat(plan.key, " is held by ", holders.size(),
                     " customers; unlink it from all but one of them before linking it"));
  }
  plan.other = holders.front();
  const GoldenCustomer& other = index.customer(plan.other);
  std::vector<std::string> shared;
  const auto mine = SystemsOf(*customer), theirs = SystemsOf(other);
  std::set_intersection(mine.begin(), mine.end(), theirs.begin(), theirs.end(),
                        std::back_inserter(shared));
  if (!shared.empty()) {
    return absl::FailedPreconditionError(absl::StrCat(
        plan.key, " belongs to customer ", other.customer_id, "; customers ", customer->customer_id,
        " and ", other.customer_id, " both have accounts in ", absl::StrJoin(shared, ", "),
        ", and one person has one account per system, so they are not merged; unlink it from ",
        other.customer_id, " first if it is wrongly theirs"));
  }
  plan.effect = Effect::kMerge;
  return plan;
}

void ManualLinks::Mutate(IdentityIndex& index, const Plan& plan, const ManualLinkEvent& event) {
  const std::string note = event.AuditNote();
  switch (plan.effect) {
    case Effect::kNone:
    case Effect::kUndoLink:
      return;
    case Effect::kAddIdentifier: {
      GoldenCustomer& customer = index.MutableCustomer(plan.customer);
      customer.declared_by.resize(customer.identifiers.size());
      customer.identifiers.push_back(event.identifier);
      customer.declared_by.push_back(0);  // no system declares it
      customer.manual_links[plan.key] = note;
      index.MutableHolders(plan.key).push_back(plan.customer);
      ++index.stats_.identifiers;
      return;
    }
    case Effect::kRemoveIdentifier: {
      GoldenCustomer& customer = index.MutableCustomer(plan.customer);
      for (size_t i = customer.identifiers.size(); i-- > 0;) {
        if (IdentifierNormalizer::Key(customer.identifiers[i]) == plan.key) {
          EraseIdentifierAt(customer, i);
        }
      }
      EraseValue(index.MutableHolders(plan.key), plan.customer);
      --index.stats_.identifiers;
      return;
    }
    case Effect::kMerge: {
      // The smaller id survives, whichever side the agent named: the same two customers always
      // merge to the same id.
      uint32_t survivor = plan.customer, absorbed = plan.other;
      if (index.customer(absorbed).customer_id < index.customer(survivor).customer_id) {
        std::swap(survivor, absorbed);
      }
      GoldenCustomer& into = index.MutableCustomer(survivor);
      GoldenCustomer& from = index.MutableCustomer(absorbed);
      // The absorbed customer's accounts follow the survivor's, and their bits with them.
      std::vector<int> moved_to(from.accounts.size());
      std::iota(moved_to.begin(), moved_to.end(), static_cast<int>(into.accounts.size()));
      into.declared_by.resize(into.identifiers.size());
      from.declared_by.resize(from.identifiers.size());
      for (auto account : from.accounts) {
        account.linked_by = absl::StrCat(plan.key, " linked by hand: ", note);
        into.accounts.push_back(std::move(account));
      }
      absl::flat_hash_map<std::string, size_t> have;
      for (size_t i = 0; i < into.identifiers.size(); ++i) {
        have.emplace(IdentifierNormalizer::Key(into.identifiers[i]), i);
      }
      for (size_t i = 0; i < from.identifiers.size(); ++i) {
        const std::string key = IdentifierNormalizer::Key(from.identifiers[i]);
        const uint64_t declared = MoveDeclaredBits(from.declared_by[i], moved_to);
        auto& holders = index.MutableHolders(key);
        EraseValue(holders, absorbed);
        auto [held, inserted] = have.emplace(key, into.identifiers.size());
        if (inserted) {
          into.identifiers.push_back(from.identifiers[i]);
          into.declared_by.push_back(declared);
          holders.push_back(survivor);
        } else {
          into.declared_by[held->second] |= declared;
          --index.stats_.identifiers;
        }
      }
      for (auto& [key, text] : from.manual_links) into.manual_links.emplace(key, text);
      into.manual_links[plan.key] = note;
      if (into.display_name.empty()) into.display_name = from.display_name;
      // The absorbed customer is no longer a candidate of its own.
      if (!from.postal_code.empty()) {
        EraseValue(
            index.MutablePostcodeHolders(IdentifierNormalizer::PostcodeKey(from.postal_code)),
            absorbed);
      }
      if (into.postal_code.empty()) into.postal_code = from.postal_code;
      // The absorbed id, and ids merged into it before, resolve to the survivor.
      index.SetPosition(from.customer_id, survivor);
      for (const auto& id : from.merged_ids) index.SetPosition(id, survivor);
      into.merged_ids.push_back(from.customer_id);
      for (auto& id : from.merged_ids) into.merged_ids.push_back(std::move(id));
      // What is left of the absorbed customer is reachable by no key.
      LeaveEmpty(from);
      --index.stats_.customers;
      return;
    }
  }
}

absl::StatusOr<ManualLinks::Effect> ManualLinks::Check(const ManualLinkEvent& event) const {
  auto plan = MakePlan(*current_, event);
  if (!plan.ok()) return plan.status();
  return plan->effect;
}

absl::StatusOr<ManualLinks::Effect> ManualLinks::Apply(const ManualLinkEvent& event) {
  return std::move(ApplyAll({event}).front());
}

std::vector<absl::StatusOr<ManualLinks::Effect>> ManualLinks::ApplyAll(
    const std::vector<ManualLinkEvent>& events) {
  std::vector<absl::StatusOr<Effect>> outcomes;
  outcomes.reserve(events.size());
  // A private copy, changed in place and published at the end (or before an undo, which
  // rebuilds from the base).
  std::shared_ptr<IdentityIndex> working;
  for (const auto& event : events) {
    auto plan = MakePlan(working ? *working : *current_, event);
    if (!plan.ok()) {
      outcomes.push_back(plan.status());
      continue;
    }
    outcomes.push_back(plan->effect);
    switch (plan->effect) {
      case Effect::kNone:
        if (Dormant(working ? *working : *current_, *plan, event)) active_.push_back(event);
        break;
      case Effect::kUndoLink:
        if (working) current_ = std::move(working);
        working.reset();
        Undo(*plan);
        break;
      default:
        if (!working) working = std::make_shared<IdentityIndex>(*current_);
        Mutate(*working, *plan, event);
        active_.push_back(event);
        break;
    }
  }
  if (working) current_ = std::move(working);
  return outcomes;
}

void ManualLinks::Undo(const Plan& plan) {
  EraseLatestLink(active_, *current_, plan);
  Rebuild();
}

std::multimap<std::string, std::string> ManualLinks::Unlinks() const {
  std::multimap<std::string, std::string> unlinks;
  for (const auto& event : active_) {
    if (event.action == ManualLinkAction::kUnlink) {
      unlinks.emplace(IdentifierNormalizer::Key(event.identifier), event.customer_id);
    }
  }
  return unlinks;
}

absl::Status ManualLinks::ChangeBase(const std::function<absl::Status(IdentityIndex&)>& change) {
  auto next = std::make_shared<IdentityIndex>(*base_);
  if (auto status = change(*next); !status.ok()) return status;
  base_ = std::move(next);
  Rebuild();
  return absl::OkStatus();
}

void ManualLinks::Rebuild() {
  for (;;) {
    auto next = std::make_shared<IdentityIndex>(*base_);
    std::vector<ManualLinkEvent> kept;
    bool undone = false;
    for (size_t e = 0; e < active_.size() && !undone; ++e) {
      auto& event = active_[e];
      auto plan = MakePlan(*next, event);
      if (!plan.ok()) continue;
      if (plan->effect == Effect::kUndoLink) {
        // An unlink that undoes a link now (the systems withdrew what it removed): neither stays,
        // as at a replay; the links before it are applied again without the one it undoes.
        EraseLatestLink(kept, *next, *plan);
        kept.insert(kept.end(), std::make_move_iterator(active_.begin() + e + 1),
                    std::make_move_iterator(active_.end()));
        undone = true;
        continue;
      }
      if (plan->effect == Effect::kNone && !Dormant(*next, *plan, event)) continue;
      Mutate(*next, *plan, event);
      kept.push_back(std::move(event));
    }
    active_ = std::move(kept);
    if (!undone) {
      current_ = std::move(next);
      return;
    }
  }
}

absl::flat_hash_set<std::string> UnlinkedKeys(const std::vector<ManualLinkEvent>& events) {
  absl::flat_hash_set<std::string> keys;
  for (const auto& event : events) {
    if (event.action == ManualLinkAction::kUnlink) {
      keys.insert(IdentifierNormalizer::Key(event.identifier));
    }
  }
  return keys;
}

}  // namespace omnihub::hub
