#include "hub/api/request_checks.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/sdk/utf8.h"
#include "hub/contacts/contact_book.h"

namespace omnihub::hub {

using omnihub::sdk::IsValidUtf8;

void CheckText(const std::string& value, const std::string& field, size_t max_bytes, bool required,
               std::vector<FieldViolation>& violations) {
  if (value.empty()) {
    if (required) violations.push_back({field, "is required"});
    return;
  }
  if (value.size() > max_bytes) {
    violations.push_back(
        {field, absl::StrCat("is too long (", value.size(), " bytes, at most ", max_bytes, ")")});
  } else if (!IsValidUtf8(value)) {
    violations.push_back({field, "is not valid UTF-8"});
  }
}

void RequireCustomer(const omnihub::v1::CustomerRef& ref, std::vector<FieldViolation>& violations) {
  if (ref.ref_case() == omnihub::v1::CustomerRef::REF_NOT_SET) {
    violations.push_back({"customer", "is required: set customer_id or identifier"});
  }
}

std::optional<ResolvedCustomer> ResolveOrFinish(const ApiContext& context,
                                                const omnihub::v1::CustomerRef& ref,
                                                grpc::ServerUnaryReactor* reactor) {
  ResolveError error;
  auto resolved = context.directory.Resolve(ref, "customer", &error);
  if (!resolved.ok()) {
    reactor->Finish(ToGrpcStatus(error.status, "", error.field));
    return std::nullopt;
  }
  return *std::move(resolved);
}

void CheckIdempotencyKey(const std::string& value, const std::string& field,
                         std::vector<FieldViolation>& violations) {
  if (value.empty()) {
    violations.push_back({field, "is required: a retried action with the same key runs once"});
    return;
  }
  bool printable = true;
  for (char c : value) printable = printable && c > 0x20 && c < 0x7f;
  if (value.size() < 8 || value.size() > 128 || !printable) {
    violations.push_back({field, "must be 8 to 128 printable ASCII characters without spaces"});
  }
}

PageWindow CheckPage(int32_t page_size, const std::string& page_token, const std::string& query,
                     int default_size, size_t max_depth, const std::string& items,
                     std::vector<FieldViolation>& violations) {
  PageWindow window;
  auto size = PageSize(page_size, default_size);
  if (size.ok()) {
    window.size = static_cast<size_t>(*size);
  } else {
    violations.push_back({"page_size", std::string(size.status().message())});
  }
  auto offset = DecodePageToken(page_token, query);
  if (offset.ok()) {
    window.first = *offset;
  } else {
    violations.push_back({"page_token", std::string(offset.status().message())});
  }
  if (offset.ok() && size.ok() && window.first + window.size > max_depth) {
    violations.push_back(
        {"page_token", absl::StrCat("reaches past the ", max_depth, " most recent ", items)});
  }
  return window;
}

absl::Status AnySourceAnswered(const std::vector<SourceOutcome>& outcomes) {
  std::vector<std::string> failures;
  for (const auto& outcome : outcomes) {
    // The contacts logged through the hub alone are no answer: the backends hold the rest.
    if (outcome.system == kHubSystem) continue;
    if (outcome.status.ok()) return absl::OkStatus();
    if (outcome.status.code() == absl::StatusCode::kNotFound) continue;
    failures.push_back(absl::StrCat(outcome.system, ": ", outcome.status.message()));
  }
  if (failures.empty()) return absl::OkStatus();
  return absl::UnavailableError(
      absl::StrCat("no backend answered: ", absl::StrJoin(failures, "; ")));
}

grpc::ServerUnaryReactor* ResolveAndFanOut(
    const ApiContext& context, grpc::CallbackServerContext* call,
    const omnihub::v1::CustomerRef& ref, const std::string& field, const FanOutRequest& request,
    std::function<grpc::Status(const ResolvedCustomer&, const std::vector<SourceOutcome>&)>
        finish) {
  auto* reactor = new FanOutReactor();
  ResolveError error;
  auto resolved = context.directory.Resolve(ref, field, &error);
  if (!resolved.ok()) {
    reactor->Finish(ToGrpcStatus(error.status, "", error.field));
    return reactor;
  }
  FanOutSource& source = context.cache != nullptr && request.order_number.empty()
                             ? *context.cache
                             : static_cast<FanOutSource&>(context.fan_out);
  auto handle = source.Prepare(
      *resolved->customer, request, context.deadlines.For(*call),
      [reactor, customer = *resolved,
       finish = std::move(finish)](std::vector<SourceOutcome> outcomes) {
        for (const auto& outcome : outcomes) {
          if (outcome.status.code() == absl::StatusCode::kCancelled) {
            reactor->Finish(grpc::Status(grpc::StatusCode::CANCELLED, "cancelled by the client"));
            return;
          }
        }
        reactor->Finish(finish(customer, outcomes));
      });
  reactor->Attach(handle);
  handle->Start();
  return reactor;
}

}  // namespace omnihub::hub
