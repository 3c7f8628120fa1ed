// The fields a gRPC error's google.rpc.BadRequest detail names (rpc_errors.h puts one on every
// INVALID_ARGUMENT), for tests that check a refusal names the right field.
#pragma once

#include <grpcpp/support/status.h>

#include <string>
#include <vector>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"

namespace omnihub::hub::testing {

inline std::vector<std::string> ViolatedFields(const grpc::Status& status) {
  google::rpc::Status rich;
  std::vector<std::string> fields;
  if (!rich.ParseFromString(status.error_details())) return fields;
  for (const auto& detail : rich.details()) {
    google::rpc::BadRequest bad_request;
    if (detail.UnpackTo(&bad_request)) {
      for (const auto& violation : bad_request.field_violations()) {
        fields.push_back(violation.field());
      }
    }
  }
  return fields;
}

}  // namespace omnihub::hub::testing
