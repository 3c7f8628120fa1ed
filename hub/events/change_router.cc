#include "hub/events/change_router.h"

#include "absl/strings/str_cat.h"

namespace omnihub::hub {
namespace {

const std::vector<omnihub::v1::Section>& AllSections() {
  static const std::vector<omnihub::v1::Section> all = {
      omnihub::v1::SECTION_PROFILE,  omnihub::v1::SECTION_ORDERS,  omnihub::v1::SECTION_CONTACTS,
      omnihub::v1::SECTION_PAYMENTS, omnihub::v1::SECTION_LOYALTY, omnihub::v1::SECTION_CASES};
  return all;
}

}  // namespace

ChangeRouter::ChangeRouter(const CustomerDirectory& directory, EventBroadcaster& broadcaster,
                           size_t dedup_window)
    : directory_(directory), broadcaster_(broadcaster), dedup_window_(dedup_window) {}

void ChangeRouter::SetInvalidateHook(InvalidateHook hook) {
  std::lock_guard lock(hook_mutex_);
  invalidate_ = std::move(hook);
}

bool ChangeRouter::SeenBefore(const omnihub::events::BackendChange& change) {
  std::string key = absl::StrCat(change.system(), "\n", change.event_id());
  std::lock_guard lock(dedup_mutex_);
  if (recent_.contains(key)) return true;
  recent_.insert(key);
  recent_order_.push_back(std::move(key));
  if (recent_order_.size() > dedup_window_) {
    recent_.erase(recent_order_.front());
    recent_order_.pop_front();
  }
  return false;
}

std::string ChangeRouter::CustomerOf(const omnihub::events::BackendChange& change) const {
  omnihub::v1::Identifier account;
  account.set_type(omnihub::v1::IDENTIFIER_TYPE_ACCOUNT_NUMBER);
  account.set_value(change.account_id());
  account.set_system(change.system());
  auto normalized = directory_.normalizer().Normalize(account);
  if (!normalized.ok()) return "";
  const auto index = directory_.snapshot();
  const auto customers = index->Find(*normalized);
  // An account number belongs to one customer; anything else is not attributable.
  return customers.size() == 1 ? customers.front()->customer_id : "";
}

void ChangeRouter::OnChange(const omnihub::events::BackendChange& change) {
  if (SeenBefore(change)) {
    ++duplicates_;
    return;
  }
  ++routed_;
  omnihub::v1::Event event;
  event.set_event_id(absl::StrCat(change.system(), ":", change.event_id()));
  event.set_type(change.type());
  *event.mutable_occurred_at() = change.occurred_at();
  event.set_customer_id(CustomerOf(change));
  event.set_source_system(change.system());
  event.set_subject(change.subject());
  event.set_detail(change.detail());
  std::vector<omnihub::v1::Section> sections;
  for (int section : change.affected_sections()) {
    sections.push_back(static_cast<omnihub::v1::Section>(section));
    event.add_affected_sections(static_cast<omnihub::v1::Section>(section));
  }
  if (event.customer_id().empty()) {
    ++unattributed_;
  } else {
    InvalidateHook hook;
    {
      std::lock_guard lock(hook_mutex_);
      hook = invalidate_;
    }
    if (hook)
      hook(event.customer_id(), change.system(), sections.empty() ? AllSections() : sections);
  }
  broadcaster_.Publish(event);
}

ChangeRouterStats ChangeRouter::stats() const {
  return {routed_.load(), unattributed_.load(), duplicates_.load()};
}

}  // namespace omnihub::hub
