#include "hub/contacts/hub_contacts.h"

#include <google/protobuf/util/time_util.h>

#include <thread>

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kReadAttempts = 5;
constexpr int kRefreshPage = 1000;

int64_t NowNanos() { return TimeUtil::TimestampToNanoseconds(TimeUtil::GetCurrentTime()); }

}  // namespace

void HubContacts::Bind(ContactBook& book, Submit submit) {
  book_ = &book;
  submit_ = std::move(submit);
  std::lock_guard lock(known_mutex_);
  newest_recorded_ = NowNanos();
}

absl::StatusOr<size_t> HubContacts::Refresh() {
  if (book_ == nullptr) return absl::FailedPreconditionError("the hub's store is not open");
  const int64_t overlap = std::chrono::nanoseconds(kRefreshOverlap).count();
  size_t learned = 0;
  for (;;) {
    int64_t since = 0;
    {
      std::lock_guard lock(known_mutex_);
      since = newest_recorded_ - overlap;
    }
    auto recorded = book_->RecordedSince(TimeUtil::NanosecondsToTimestamp(since), kRefreshPage);
    if (!recorded.ok()) return recorded.status();
    std::vector<omnihub::v1::Contact> fresh;
    bool advanced = false;
    {
      std::lock_guard lock(known_mutex_);
      for (auto& entry : *recorded) {
        const int64_t at = TimeUtil::TimestampToNanoseconds(entry.recorded_at);
        if (at > newest_recorded_) {
          newest_recorded_ = at;
          advanced = true;
        }
        if (known_.emplace(entry.contact.contact_id(), at).second) {
          fresh.push_back(std::move(entry.contact));
        }
      }
      std::erase_if(
          known_, [&](const auto& known) { return known.second < newest_recorded_ - 2 * overlap; });
    }
    for (const auto& contact : fresh) {
      if (learned_hook_) learned_hook_(contact);
    }
    learned += fresh.size();
    // A full page that moved nothing forward would be read again: stop (next round goes on).
    if (static_cast<int>(recorded->size()) < kRefreshPage || !advanced) return learned;
  }
}

void HubContacts::Log(ContactToLog request, Clock::time_point deadline, LogDone done) {
  if (book_ == nullptr) {
    done(absl::FailedPreconditionError("the hub's store is not open: contacts cannot be logged"));
    return;
  }
  RunOnStore<LoggedContact>(
      submit_, deadline,
      [this, request = std::move(request)] {
        writing_.fetch_add(1);
        auto logged = book_->Log(request);
        if (logged.ok() && logged->created) {
          {
            std::lock_guard lock(known_mutex_);
            known_.emplace(logged->contact.contact_id(), NowNanos());
          }
          if (hook_) hook_(logged->contact);
        }
        written_.fetch_add(1);
        return logged;
      },
      std::move(done));
}

void HubContacts::List(std::vector<std::string> customer_ids, int limit, Clock::time_point deadline,
                       ListDone done) {
  if (book_ == nullptr) {
    done(absl::FailedPreconditionError("the hub's store is not open: no logged contacts"));
    return;
  }
  RunOnStore<std::vector<omnihub::v1::Contact>>(
      submit_, deadline,
      [this, ids = std::move(customer_ids), limit, deadline] {
        absl::StatusOr<std::vector<omnihub::v1::Contact>> contacts;
        for (int attempt = 1;; ++attempt) {
          const uint64_t finished = written_.load();
          const uint64_t begun = writing_.load();
          contacts = book_->List(ids, limit);
          if (!contacts.ok() || (finished == begun && writing_.load() == begun) ||
              attempt == kReadAttempts || Clock::now() >= deadline) {
            break;
          }
          // A write ran meanwhile: read again once it is done.
          std::this_thread::sleep_for(std::chrono::milliseconds(attempt));
        }
        return contacts;
      },
      std::move(done));
}

}  // namespace omnihub::hub
