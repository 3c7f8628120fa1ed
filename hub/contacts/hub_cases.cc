#include "hub/contacts/hub_cases.h"

#include <utility>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::hub {

void HubCases::Bind(CaseBook& book, Submit submit) {
  book_ = &book;
  submit_ = std::move(submit);
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
        auto created = book_->Create(c, key);
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
      [this, ids = std::move(customer_ids), statuses = std::move(statuses), limit] {
        return book_->List(ids, statuses, limit);
      },
      std::move(done));
}

void HubCases::Update(omnihub::v1::Case changes, std::vector<std::string> mask,
                      std::string agent_id, Clock::time_point deadline,
                      Done<omnihub::v1::Case> done) {
  OnStore<omnihub::v1::Case>(
      deadline,
      [this, changes = std::move(changes), mask = std::move(mask), agent = std::move(agent_id)] {
        auto updated = book_->Update(changes, mask);
        if (updated.ok() && hook_) {
          hook_(*updated,
                absl::StrCat("case changed by agent ", agent, ": ", absl::StrJoin(mask, ", ")));
        }
        return updated;
      },
      std::move(done));
}

}  // namespace omnihub::hub
