#include "hub/contacts/hub_contacts.h"

#include <thread>

namespace omnihub::hub {
namespace {

constexpr int kReadAttempts = 5;

}  // namespace

void HubContacts::Bind(ContactBook& book, Submit submit) {
  book_ = &book;
  submit_ = std::move(submit);
}

void HubContacts::Log(ContactToLog request, Clock::time_point deadline, LogDone done) {
  if (book_ == nullptr) {
    done(absl::FailedPreconditionError("the hub's store is not open: contacts cannot be logged"));
    return;
  }
  auto shared_done = std::make_shared<LogDone>(std::move(done));
  auto queued =
      submit_(deadline, [this, request = std::move(request), shared_done](absl::Status admitted) {
        if (!admitted.ok()) {
          (*shared_done)(admitted);
          return;
        }
        writing_.fetch_add(1);
        auto logged = book_->Log(request);
        if (logged.ok() && logged->created && hook_) hook_(logged->contact);
        written_.fetch_add(1);
        (*shared_done)(std::move(logged));
      });
  if (!queued.ok()) (*shared_done)(queued);
}

void HubContacts::List(std::vector<std::string> customer_ids, int limit, Clock::time_point deadline,
                       ListDone done) {
  if (book_ == nullptr) {
    done(absl::FailedPreconditionError("the hub's store is not open: no logged contacts"));
    return;
  }
  auto shared_done = std::make_shared<ListDone>(std::move(done));
  auto queued = submit_(deadline, [this, ids = std::move(customer_ids), limit, deadline,
                                   shared_done](absl::Status admitted) {
    if (!admitted.ok()) {
      (*shared_done)(admitted);
      return;
    }
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
    (*shared_done)(std::move(contacts));
  });
  if (!queued.ok()) (*shared_done)(queued);
}

}  // namespace omnihub::hub
