#include "hub/api/rpc_errors.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace omnihub::hub {
namespace {

constexpr char kDomain[] = "omnihub.io";

grpc::StatusCode GrpcCode(absl::StatusCode code) {
  // The numeric values of absl::StatusCode and grpc::StatusCode are the same canonical codes.
  return static_cast<grpc::StatusCode>(static_cast<int>(code));
}

std::string DefaultReason(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kInvalidArgument:
      return "INVALID_REQUEST";
    case absl::StatusCode::kNotFound:
      return "NOT_FOUND";
    case absl::StatusCode::kFailedPrecondition:
      return "FAILED_PRECONDITION";
    case absl::StatusCode::kUnavailable:
      return "BACKENDS_UNAVAILABLE";
    case absl::StatusCode::kDeadlineExceeded:
      return "DEADLINE_EXCEEDED";
    case absl::StatusCode::kUnimplemented:
      return "NOT_IMPLEMENTED";
    case absl::StatusCode::kCancelled:
      return "CANCELLED";
    default:
      return "INTERNAL";
  }
}

grpc::Status Build(absl::StatusCode code, const std::string& message, const std::string& reason,
                   const std::vector<FieldViolation>& violations) {
  google::rpc::Status rich;
  rich.set_code(static_cast<int>(code));
  rich.set_message(message);
  if (!violations.empty()) {
    google::rpc::BadRequest bad_request;
    for (const auto& violation : violations) {
      auto* entry = bad_request.add_field_violations();
      entry->set_field(violation.field);
      entry->set_description(violation.description);
    }
    rich.add_details()->PackFrom(bad_request);
  }
  google::rpc::ErrorInfo info;
  info.set_reason(reason.empty() ? DefaultReason(code) : reason);
  info.set_domain(kDomain);
  rich.add_details()->PackFrom(info);
  return grpc::Status(GrpcCode(code), message, rich.SerializeAsString());
}

}  // namespace

grpc::Status InvalidRequest(const std::vector<FieldViolation>& violations) {
  std::vector<std::string> parts;
  for (const auto& violation : violations) {
    parts.push_back(absl::StrCat(violation.field, ": ", violation.description));
  }
  return Build(absl::StatusCode::kInvalidArgument, absl::StrJoin(parts, "; "), "INVALID_REQUEST",
               violations);
}

grpc::Status ToGrpcStatus(const absl::Status& status, const std::string& reason,
                          const std::string& field) {
  if (status.ok()) return grpc::Status::OK;
  std::vector<FieldViolation> violations;
  if (status.code() == absl::StatusCode::kInvalidArgument && !field.empty()) {
    violations.push_back({field, std::string(status.message())});
  }
  std::string message = violations.empty() ? std::string(status.message())
                                           : absl::StrCat(field, ": ", status.message());
  return Build(status.code(), message, reason, violations);
}

}  // namespace omnihub::hub
