// The connection to one hub: channel, deadline, and failed calls as messages and exit codes.
#include "tools/hubctl/hub_connection.h"

#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>

#include <iostream>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "tools/hubctl/exit_codes.h"

namespace omnihub::hubctl {
namespace {

// The google.rpc.Status the hub attaches to failed calls, if any.
bool RichStatus(const grpc::Status& status, google::rpc::Status& rich) {
  const std::string& bytes = status.error_details();
  return !bytes.empty() && rich.ParseFromString(bytes);
}

bool HasFieldViolations(const google::rpc::Status& rich) {
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&bad_request) && !bad_request.field_violations().empty()) return true;
  }
  return false;
}

void PrintFieldViolations(const google::rpc::Status& rich) {
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (!detail.UnpackTo(&bad_request)) continue;
    for (const auto& violation : bad_request.field_violations()) {
      std::cerr << "  " << violation.field() << ": " << violation.description() << "\n";
    }
  }
}

const char* StatusCodeName(grpc::StatusCode code) {
  switch (code) {
    case grpc::StatusCode::CANCELLED:
      return "CANCELLED";
    case grpc::StatusCode::UNKNOWN:
      return "UNKNOWN";
    case grpc::StatusCode::INVALID_ARGUMENT:
      return "INVALID_ARGUMENT";
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      return "DEADLINE_EXCEEDED";
    case grpc::StatusCode::NOT_FOUND:
      return "NOT_FOUND";
    case grpc::StatusCode::ALREADY_EXISTS:
      return "ALREADY_EXISTS";
    case grpc::StatusCode::PERMISSION_DENIED:
      return "PERMISSION_DENIED";
    case grpc::StatusCode::RESOURCE_EXHAUSTED:
      return "RESOURCE_EXHAUSTED";
    case grpc::StatusCode::FAILED_PRECONDITION:
      return "FAILED_PRECONDITION";
    case grpc::StatusCode::ABORTED:
      return "ABORTED";
    case grpc::StatusCode::OUT_OF_RANGE:
      return "OUT_OF_RANGE";
    case grpc::StatusCode::UNIMPLEMENTED:
      return "UNIMPLEMENTED";
    case grpc::StatusCode::INTERNAL:
      return "INTERNAL";
    case grpc::StatusCode::UNAVAILABLE:
      return "UNAVAILABLE";
    case grpc::StatusCode::DATA_LOSS:
      return "DATA_LOSS";
    case grpc::StatusCode::UNAUTHENTICATED:
      return "UNAUTHENTICATED";
    default:
      return "error";
  }
}

std::string ErrorReason(const google::rpc::Status& rich) {
  for (const auto& detail : rich.details()) {
    google::rpc::ErrorInfo info;
    if (detail.UnpackTo(&info)) return info.reason();
  }
  return "";
}

}  // namespace

HubConnection::HubConnection(GlobalOptions options) : options_(std::move(options)) {
  channel_ = grpc::CreateChannel(options_.hub, grpc::InsecureChannelCredentials());
}

void HubConnection::Prepare(grpc::ClientContext& context) const {
  context.set_deadline(std::chrono::system_clock::now() +
                       std::chrono::milliseconds(options_.timeout_ms));
}

bool HubConnection::NeverConnected() const {
  auto state = channel_->GetState(/*try_to_connect=*/false);
  return state == GRPC_CHANNEL_TRANSIENT_FAILURE || state == GRPC_CHANNEL_CONNECTING ||
         state == GRPC_CHANNEL_SHUTDOWN;
}

int HubConnection::ReportFailure(const grpc::Status& status, const std::string& not_found) const {
  google::rpc::Status rich;
  const bool has_rich = RichStatus(status, rich);
  const std::string reason = has_rich ? ErrorReason(rich) : "";
  switch (status.error_code()) {
    case grpc::StatusCode::UNAVAILABLE:
    case grpc::StatusCode::DEADLINE_EXCEEDED:
      if (reason.empty() && NeverConnected()) {
        std::cerr << "hubctl: cannot reach the hub at " << options_.hub << ": "
                  << status.error_message()
                  << "\nis hubd running? start it with tools/quickstart.sh\n";
        return kExitUnreachable;
      }
      break;
    case grpc::StatusCode::NOT_FOUND:
      std::cerr << "hubctl: " << (not_found.empty() ? status.error_message() : not_found) << "\n";
      return kExitNotFound;
    case grpc::StatusCode::INVALID_ARGUMENT:
      // The field violations, when there are any, say everything the message says and more.
      if (has_rich && HasFieldViolations(rich)) {
        std::cerr << "hubctl: the hub rejected the request:\n";
        PrintFieldViolations(rich);
      } else {
        std::cerr << "hubctl: the hub rejected the request: " << status.error_message() << "\n";
      }
      return kExitInvalidArgument;
    default:
      break;
  }
  std::cerr << "hubctl: the call failed: " << StatusCodeName(status.error_code()) << " "
            << (reason.empty() ? "" : reason + ": ") << status.error_message() << "\n";
  return kExitOtherError;
}

}  // namespace omnihub::hubctl
