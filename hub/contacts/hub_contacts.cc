#include "hub/contacts/hub_contacts.h"

#include <google/protobuf/util/time_util.h>

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kRefreshPage = 1000;

int64_t NowNanos() { return TimeUtil::TimestampToNanoseconds(TimeUtil::GetCurrentTime()); }

}  // namespace

void HubContacts::Bind(ContactBook& book, Submit submit) {
  book_ = &book;
  submit_ = std::move(submit);
  seen_.Start(NowNanos());
}

absl::StatusOr<size_t> HubContacts::Refresh() {
  if (book_ == nullptr) return absl::FailedPreconditionError("the hub's store is not open");
  size_t learned = 0;
  for (;;) {
    auto recorded =
        book_->RecordedSince(TimeUtil::NanosecondsToTimestamp(seen_.ReadFrom()), kRefreshPage);
    if (!recorded.ok()) return recorded.status();
    bool advanced = false;
    for (auto& entry : *recorded) {
      const int64_t at = TimeUtil::TimestampToNanoseconds(entry.recorded_at);
      if (seen_.See(entry.contact.contact_id(), at, &advanced)) {
        if (learned_hook_) learned_hook_(entry.contact);
        ++learned;
      }
    }
    seen_.Forget();
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
        WriteFence::Writing writing(fence_);
        auto logged = book_->Log(request);
        if (logged.ok() && logged->created) {
          seen_.Remember(logged->contact.contact_id(), NowNanos());
          if (hook_) hook_(logged->contact);
        }
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
        return fence_.ReadSettled<std::vector<omnihub::v1::Contact>>(
            deadline, [&] { return book_->List(ids, limit); });
      },
      std::move(done));
}

}  // namespace omnihub::hub
