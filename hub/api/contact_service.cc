#include "hub/api/contact_service.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "hub/aggregate/source_accounts.h"
#include "hub/api/page_token.h"
#include "hub/api/request_checks.h"

namespace omnihub::hub {
namespace {

constexpr int kMaxContactWindow = 1000;
// What the store's summary column holds.
constexpr size_t kMaxContactSummaryBytes = 4000;
// A contact may be logged with an occurred_at this far ahead of the hub's clock (agents' clocks).
constexpr int kMaxClockSkewSeconds = 300;

using google::protobuf::util::TimeUtil;

void CheckLoggedContact(const omnihub::v1::Contact& contact,
                        std::vector<FieldViolation>& violations) {
  if (contact.channel() == omnihub::v1::CONTACT_CHANNEL_UNSPECIFIED) {
    violations.push_back({"contact.channel", "is required"});
  } else if (!omnihub::v1::ContactChannel_IsValid(contact.channel())) {
    violations.push_back(
        {"contact.channel", absl::StrCat(contact.channel(), " is not a known contact channel")});
  }
  if (!omnihub::v1::ContactDirection_IsValid(contact.direction())) {
    violations.push_back({"contact.direction",
                          absl::StrCat(contact.direction(), " is not a known contact direction")});
  }
  CheckText(contact.summary(), "contact.summary", kMaxContactSummaryBytes, true, violations);
  CheckText(contact.agent_id(), "contact.agent_id", 64, true, violations);
  CheckText(contact.case_id(), "contact.case_id", 64, false, violations);
  if (contact.has_occurred_at()) {
    const auto& when = contact.occurred_at();
    if (when.seconds() < TimeUtil::kTimestampMinSeconds ||
        when.seconds() > TimeUtil::kTimestampMaxSeconds || when.nanos() < 0 ||
        when.nanos() > 999'999'999) {
      violations.push_back({"contact.occurred_at", "is not a valid time"});
    } else if (TimeUtil::TimestampToNanoseconds(when) >
               TimeUtil::TimestampToNanoseconds(TimeUtil::GetCurrentTime()) +
                   int64_t{kMaxClockSkewSeconds} * 1'000'000'000) {
      violations.push_back({"contact.occurred_at", "is in the future"});
    }
  }
}

}  // namespace

grpc::ServerUnaryReactor* ContactService::ListContacts(
    grpc::CallbackServerContext* call, const omnihub::v1::ListContactsRequest* request,
    omnihub::v1::ListContactsResponse* response) {
  std::vector<FieldViolation> violations;
  std::set<int> channels;
  for (int i = 0; i < request->channels_size(); ++i) {
    int channel = request->channels(i);
    if (channel <= 0 || !omnihub::v1::ContactChannel_IsValid(channel)) {
      violations.push_back({absl::StrCat("channels[", i, "]"), "is not a known contact channel"});
    }
    channels.insert(channel);
  }
  const std::string query = absl::StrCat("contacts|", request->customer().SerializeAsString(), "|",
                                         absl::StrJoin(channels, ","));
  const PageWindow page =
      CheckPage(request->page_size(), request->page_token(), query, context_.recent_limit,
                kMaxContactWindow, "contacts", violations);
  if (!violations.empty()) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }
  // Channel filtering happens after the merge, so ask for the whole window.
  FanOutRequest fan_out{
      {omnihub::v1::SECTION_CONTACTS},
      channels.empty() ? static_cast<int>(page.first + page.size + 1) : kMaxContactWindow,
      ""};
  return ResolveAndFanOut(
      context_, call, request->customer(), "customer", fan_out,
      [this, response, page, query, channels](const ResolvedCustomer& resolved,
                                              const std::vector<SourceOutcome>& outcomes) {
        if (auto status = AnySourceAnswered(outcomes); !status.ok()) return ToGrpcStatus(status);
        auto contacts = context_.merger.Contacts(outcomes, resolved.customer->customer_id);
        if (!channels.empty()) {
          std::erase_if(contacts, [&](const auto& contact) {
            return channels.count(contact.channel()) == 0;
          });
        }
        response->set_next_page_token(EmitPage(contacts, page, query, [&](auto contact) {
          *response->add_contacts() = std::move(contact);
        }));
        for (auto& status : Merger::Statuses(outcomes))
          *response->add_sources() = std::move(status);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* ContactService::LogContact(grpc::CallbackServerContext* call,
                                                     const omnihub::v1::LogContactRequest* request,
                                                     omnihub::v1::Contact* response) {
  std::vector<FieldViolation> violations;
  RequireCustomer(request->customer(), violations);
  if (!request->has_contact()) {
    violations.push_back({"contact", "is required"});
  } else {
    CheckLoggedContact(request->contact(), violations);
  }
  CheckIdempotencyKey(request->idempotency_key(), "idempotency_key", violations);
  auto* reactor = call->DefaultReactor();
  if (!violations.empty()) {
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }
  if (contacts_ == nullptr) {
    reactor->Finish(ToGrpcStatus(
        absl::FailedPreconditionError("this hub has no store: contacts cannot be logged")));
    return reactor;
  }
  auto resolved = ResolveOrFinish(context_, request->customer(), reactor);
  if (!resolved) return reactor;
  ContactToLog log{request->contact(), request->idempotency_key()};
  log.contact.set_customer_id(resolved->customer->customer_id);
  log.contact.clear_contact_id();
  log.contact.clear_source_system();
  const auto deadline = context_.deadlines.For(*call);
  auto write = [contacts = contacts_, reactor, response, deadline](ContactToLog to_log) {
    contacts->Log(
        std::move(to_log), deadline, [reactor, response](absl::StatusOr<LoggedContact> logged) {
          if (!logged.ok()) {
            const bool reused = logged.status().code() == absl::StatusCode::kAlreadyExists;
            reactor->Finish(ToGrpcStatus(logged.status(), reused ? "IDEMPOTENCY_KEY_REUSED" : "",
                                         reused ? "idempotency_key" : ""));
            return;
          }
          *response = std::move(logged->contact);
          reactor->Finish(grpc::Status::OK);
        });
  };
  const std::string case_id = request->contact().case_id();
  if (case_id.empty()) {
    write(std::move(log));
    return reactor;
  }
  // The case must be one of this customer's (kept under their golden id or an id merged into it).
  const std::vector<std::string> owners = SourceAccounts(*resolved->customer, kHubSystem);
  auto no_such_case = [case_id] {
    return ToGrpcStatus(absl::NotFoundError(absl::StrCat(
                            "contact.case_id: the customer has no case '", case_id, "'")),
                        "CASE_NOT_FOUND");
  };
  if (cases_ == nullptr) {
    reactor->Finish(no_such_case());
    return reactor;
  }
  cases_->Get(case_id, deadline,
              [write, reactor, owners, no_such_case,
               log = std::move(log)](absl::StatusOr<omnihub::v1::Case> found) mutable {
                if (!found.ok() && found.status().code() != absl::StatusCode::kNotFound) {
                  reactor->Finish(ToGrpcStatus(found.status()));
                } else if (!found.ok() || std::find(owners.begin(), owners.end(),
                                                    found->customer_id()) == owners.end()) {
                  reactor->Finish(no_such_case());
                } else {
                  write(std::move(log));
                }
              });
  return reactor;
}

}  // namespace omnihub::hub
