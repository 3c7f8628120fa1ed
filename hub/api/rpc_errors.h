// Errors at the gRPC edge: absl::Status -> grpc::Status, with google.rpc rich details (BadRequest
// field violations, ErrorInfo) where they help a client act.
#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

#include "absl/status/status.h"

namespace omnihub::hub {

// One thing wrong with a request: the field path ("customer.identifier.value") and what is wrong.
struct FieldViolation {
  std::string field;
  std::string description;
};

// INVALID_ARGUMENT listing every violation, with a google.rpc.BadRequest detail.
grpc::Status InvalidRequest(const std::vector<FieldViolation>& violations);

// The gRPC status for an internal status. INVALID_ARGUMENT carries a BadRequest naming `field`
// when given; every error carries an ErrorInfo with `reason` (e.g. "CUSTOMER_NOT_FOUND") and the
// domain "omnihub.io".
grpc::Status ToGrpcStatus(const absl::Status& status, const std::string& reason = "",
                          const std::string& field = "");

}  // namespace omnihub::hub
