#include "hub/contacts/hub_cases.h"

#include <google/protobuf/util/time_util.h>

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::hub {
namespace {

using google::protobuf::util::TimeUtil;

constexpr int kRefreshPage = 1000;

std::string ChangeKey(const omnihub::v1::Case& c) {
  return absl::StrCat(c.case_id(), "@", TimeUtil::TimestampToNanoseconds(c.updated_at()));
}

}  // namespace

void HubCases::Bind(CaseBook& book, Submit submit) {
  book_ = &book;
  submit_ = std::move(submit);
  seen_.Start(TimeUtil::TimestampToNanoseconds(TimeUtil::GetCurrentTime()));
}

absl::StatusOr<size_t> HubCases::Refresh() {
  if (book_ == nullptr) return absl::FailedPreconditionError("the hub's store is not open");
  size_t learned = 0;
  for (;;) {
    auto changed =
        book_->ChangedSince(TimeUtil::NanosecondsToTimestamp(seen_.ReadFrom()), kRefreshPage);
    if (!changed.ok()) return changed.status();
    bool advanced = false;
    for (const auto& c : *changed) {
      if (seen_.See(ChangeKey(c), TimeUtil::TimestampToNanoseconds(c.updated_at()), &advanced)) {
        if (learned_hook_) {
          learned_hook_(c, absl::StrCat("case changed through another hub: ",
                                        omnihub::v1::CaseStatus_Name(c.status())));
        }
        ++learned;
      }
    }
    seen_.Forget();
    // A full page that moved nothing forward would be read again: stop (next round goes on).
    if (static_cast<int>(changed->size()) < kRefreshPage || !advanced) return learned;
  }
}

template <typename T>
void HubCases::OnStore(Clock::time_point deadline, std::function<absl::StatusOr<T>()> work,
                       Done<T> done) {
  if (book_ == nullptr) {
    done(absl::FailedPreconditionError("the hub's store is not open: no cases"));
    return;
  }
  RunOnStore<T>(submit_, deadline, std::move(work), std::move(done));
}

void HubCases::Create(omnihub::v1::Case c, std::string idempotency_key, Clock::time_point deadline,
                      Done<CreatedCase> done) {
  OnStore<CreatedCase>(
      deadline,
      [this, c = std::move(c), key = std::move(idempotency_key)] {
        WriteFence::Writing writing(fence_);
        auto created = book_->Create(c, key);
        if (created.ok() && created->created) {
          seen_.Remember(ChangeKey(created->case_),
                         TimeUtil::TimestampToNanoseconds(created->case_.updated_at()));
        }
        if (created.ok() && created->created && hook_) {
          hook_(created->case_,
                absl::StrCat("case opened: ", omnihub::v1::CaseStatus_Name(created->case_.status()),
                             ", ", omnihub::v1::CasePriority_Name(created->case_.priority())));
        }
        return created;
      },
      std::move(done));
}

void HubCases::Get(std::string case_id, Clock::time_point deadline, Done<omnihub::v1::Case> done) {
  OnStore<omnihub::v1::Case>(
      deadline, [this, id = std::move(case_id)] { return book_->Get(id); }, std::move(done));
}

void HubCases::List(std::vector<std::string> customer_ids,
                    std::vector<omnihub::v1::CaseStatus> statuses, int limit,
                    Clock::time_point deadline, Done<std::vector<omnihub::v1::Case>> done) {
  OnStore<std::vector<omnihub::v1::Case>>(
      deadline,
      [this, ids = std::move(customer_ids), statuses = std::move(statuses), limit, deadline] {
        return fence_.ReadSettled<std::vector<omnihub::v1::Case>>(
            deadline, [&] { return book_->List(ids, statuses, limit); });
      },
      std::move(done));
}

void HubCases::Update(omnihub::v1::Case changes, std::vector<std::string> mask,
                      std::string agent_id, Clock::time_point deadline,
                      Done<omnihub::v1::Case> done) {
  OnStore<omnihub::v1::Case>(
      deadline,
      [this, changes = std::move(changes), mask = std::move(mask), agent = std::move(agent_id)] {
        WriteFence::Writing writing(fence_);
        auto updated = book_->Update(changes, mask);
        if (updated.ok()) {
          seen_.Remember(ChangeKey(*updated),
                         TimeUtil::TimestampToNanoseconds(updated->updated_at()));
        }
        if (updated.ok() && hook_) {
          hook_(*updated,
                absl::StrCat("case changed by agent ", agent, ": ", absl::StrJoin(mask, ", ")));
        }
        return updated;
      },
      std::move(done));
}

}  // namespace omnihub::hub
