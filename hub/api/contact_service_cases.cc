// ContactService's case RPCs: ListCases, GetCase, CreateCase, UpdateCase (contract in
// contact_service.h). Requests are checked here; the store work runs through HubCases.
#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/aggregate/source_accounts.h"
#include "hub/api/contact_service.h"
#include "hub/api/request_checks.h"

namespace omnihub::hub {
namespace {

constexpr size_t kMaxCaseSubjectBytes = 300;
constexpr size_t kMaxIdBytes = 64;
constexpr size_t kMaxCaseWindow = 1000;
constexpr int kDefaultCasePage = 20;
constexpr char kChangeable[] = "status, priority, subject, owner_agent_id";

void CheckStatus(int status, const std::string& field, std::vector<FieldViolation>& violations) {
  if (!omnihub::v1::CaseStatus_IsValid(status)) {
    violations.push_back({field, absl::StrCat(status, " is not a case status")});
  }
}

void CheckPriority(int priority, const std::string& field,
                   std::vector<FieldViolation>& violations) {
  if (!omnihub::v1::CasePriority_IsValid(priority)) {
    violations.push_back({field, absl::StrCat(priority, " is not a case priority")});
  }
}

// A case as CreateCase may open it.
void CheckNewCase(const omnihub::v1::Case& c, std::vector<FieldViolation>& violations) {
  CheckText(c.subject(), "case.subject", kMaxCaseSubjectBytes, true, violations);
  CheckStatus(c.status(), "case.status", violations);
  CheckPriority(c.priority(), "case.priority", violations);
  CheckText(c.order_number(), "case.order_number", kMaxIdBytes, false, violations);
  CheckText(c.owner_agent_id(), "case.owner_agent_id", kMaxIdBytes, false, violations);
}

// The fields UpdateCase may change, each once; their new values in `changes` are checked.
std::vector<std::string> CheckUpdate(const omnihub::v1::UpdateCaseRequest& request,
                                     std::vector<FieldViolation>& violations) {
  const auto& changes = request.case_();
  std::vector<std::string> mask;
  for (int i = 0; i < request.update_mask_size(); ++i) {
    const std::string& path = request.update_mask(i);
    const std::string field = absl::StrCat("update_mask[", i, "]");
    if (std::find(mask.begin(), mask.end(), path) != mask.end()) {
      violations.push_back({field, absl::StrCat("'", path, "' is named twice")});
      continue;
    }
    if (path == "status") {
      CheckStatus(changes.status(), "case.status", violations);
      if (changes.status() == omnihub::v1::CASE_STATUS_UNSPECIFIED) {
        violations.push_back({"case.status", "is required when update_mask names it"});
      }
    } else if (path == "priority") {
      CheckPriority(changes.priority(), "case.priority", violations);
      if (changes.priority() == omnihub::v1::CASE_PRIORITY_UNSPECIFIED) {
        violations.push_back({"case.priority", "is required when update_mask names it"});
      }
    } else if (path == "subject") {
      CheckText(changes.subject(), "case.subject", kMaxCaseSubjectBytes, true, violations);
    } else if (path == "owner_agent_id") {
      // Empty: the case has no owner any more.
      CheckText(changes.owner_agent_id(), "case.owner_agent_id", kMaxIdBytes, false, violations);
    } else {
      violations.push_back(
          {field, absl::StrCat("'", path, "' cannot be changed (", kChangeable, " can)")});
      continue;
    }
    mask.push_back(path);
  }
  if (request.update_mask().empty()) {
    violations.push_back({"update_mask", absl::StrCat("is required: name the fields to change (",
                                                      kChangeable, ")")});
  }
  return mask;
}

grpc::Status CaseStatusToGrpc(const absl::Status& status) {
  if (status.code() == absl::StatusCode::kNotFound) return ToGrpcStatus(status, "CASE_NOT_FOUND");
  if (status.code() == absl::StatusCode::kAlreadyExists) {
    return ToGrpcStatus(status, "IDEMPOTENCY_KEY_REUSED", "idempotency_key");
  }
  return ToGrpcStatus(status);
}

// Finishes `reactor` with the case the store answered (into `response`) or with its error.
HubCases::Done<omnihub::v1::Case> Answer(grpc::ServerUnaryReactor* reactor,
                                         omnihub::v1::Case* response) {
  return [reactor, response](absl::StatusOr<omnihub::v1::Case> answered) {
    if (!answered.ok()) {
      reactor->Finish(CaseStatusToGrpc(answered.status()));
      return;
    }
    *response = *std::move(answered);
    reactor->Finish(grpc::Status::OK);
  };
}

// Finishes `reactor` at once with `violations`, or when the hub keeps no cases; true if it did.
bool RefusedBeforeStore(grpc::ServerUnaryReactor* reactor,
                        const std::vector<FieldViolation>& violations, const HubCases* cases) {
  if (!violations.empty()) {
    reactor->Finish(InvalidRequest(violations));
    return true;
  }
  if (cases == nullptr) {
    reactor->Finish(
        ToGrpcStatus(absl::FailedPreconditionError("this hub has no store: it keeps no cases")));
    return true;
  }
  return false;
}

}  // namespace

grpc::ServerUnaryReactor* ContactService::ListCases(grpc::CallbackServerContext* call,
                                                    const omnihub::v1::ListCasesRequest* request,
                                                    omnihub::v1::ListCasesResponse* response) {
  std::vector<FieldViolation> violations;
  RequireCustomer(request->customer(), violations);
  std::set<omnihub::v1::CaseStatus> statuses;
  for (int i = 0; i < request->statuses_size(); ++i) {
    const int status = request->statuses(i);
    if (status == omnihub::v1::CASE_STATUS_UNSPECIFIED ||
        !omnihub::v1::CaseStatus_IsValid(status)) {
      violations.push_back({absl::StrCat("statuses[", i, "]"), "is not a case status"});
    } else {
      statuses.insert(static_cast<omnihub::v1::CaseStatus>(status));
    }
  }
  const std::string query = absl::StrCat("cases|", request->customer().SerializeAsString(), "|",
                                         absl::StrJoin(statuses, ","));
  const PageWindow page = CheckPage(request->page_size(), request->page_token(), query,
                                    kDefaultCasePage, kMaxCaseWindow, "cases", violations);
  auto* reactor = call->DefaultReactor();
  if (RefusedBeforeStore(reactor, violations, cases_)) return reactor;
  auto resolved = ResolveOrFinish(context_, request->customer(), reactor);
  if (!resolved) return reactor;
  cases_->List(
      SourceAccounts(*resolved->customer, kHubSystem), {statuses.begin(), statuses.end()},
      static_cast<int>(page.first + page.size + 1), context_.deadlines.For(*call),
      [reactor, response, page, query](absl::StatusOr<std::vector<omnihub::v1::Case>> cases) {
        if (!cases.ok()) {
          reactor->Finish(CaseStatusToGrpc(cases.status()));
          return;
        }
        response->set_next_page_token(
            EmitPage(*cases, page, query, [&](auto c) { *response->add_cases() = std::move(c); }));
        reactor->Finish(grpc::Status::OK);
      });
  return reactor;
}

grpc::ServerUnaryReactor* ContactService::GetCase(grpc::CallbackServerContext* call,
                                                  const omnihub::v1::GetCaseRequest* request,
                                                  omnihub::v1::Case* response) {
  std::vector<FieldViolation> violations;
  CheckText(request->case_id(), "case_id", kMaxIdBytes, true, violations);
  auto* reactor = call->DefaultReactor();
  if (RefusedBeforeStore(reactor, violations, cases_)) return reactor;
  cases_->Get(request->case_id(), context_.deadlines.For(*call), Answer(reactor, response));
  return reactor;
}

grpc::ServerUnaryReactor* ContactService::CreateCase(grpc::CallbackServerContext* call,
                                                     const omnihub::v1::CreateCaseRequest* request,
                                                     omnihub::v1::Case* response) {
  std::vector<FieldViolation> violations;
  RequireCustomer(request->customer(), violations);
  if (!request->has_case_()) {
    violations.push_back({"case", "is required"});
  } else {
    CheckNewCase(request->case_(), violations);
  }
  CheckIdempotencyKey(request->idempotency_key(), "idempotency_key", violations);
  auto* reactor = call->DefaultReactor();
  if (RefusedBeforeStore(reactor, violations, cases_)) return reactor;
  auto resolved = ResolveOrFinish(context_, request->customer(), reactor);
  if (!resolved) return reactor;
  omnihub::v1::Case c = request->case_();
  c.clear_case_id();
  c.clear_created_at();
  c.clear_updated_at();
  c.set_customer_id(resolved->customer->customer_id);
  cases_->Create(std::move(c), request->idempotency_key(), context_.deadlines.For(*call),
                 [reactor, response](absl::StatusOr<CreatedCase> created) {
                   if (!created.ok()) {
                     reactor->Finish(CaseStatusToGrpc(created.status()));
                     return;
                   }
                   *response = std::move(created->case_);
                   reactor->Finish(grpc::Status::OK);
                 });
  return reactor;
}

grpc::ServerUnaryReactor* ContactService::UpdateCase(grpc::CallbackServerContext* call,
                                                     const omnihub::v1::UpdateCaseRequest* request,
                                                     omnihub::v1::Case* response) {
  std::vector<FieldViolation> violations;
  CheckText(request->case_().case_id(), "case.case_id", kMaxIdBytes, true, violations);
  std::vector<std::string> mask = CheckUpdate(*request, violations);
  CheckText(request->agent_id(), "agent_id", kMaxIdBytes, true, violations);
  auto* reactor = call->DefaultReactor();
  if (RefusedBeforeStore(reactor, violations, cases_)) return reactor;
  cases_->Update(request->case_(), std::move(mask), request->agent_id(),
                 context_.deadlines.For(*call), Answer(reactor, response));
  return reactor;
}

}  // namespace omnihub::hub
