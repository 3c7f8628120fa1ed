// Shared request checks and the common shape of a fan-out RPC.
#pragma once

#include <string>
#include <vector>

#include "hub/api/api_context.h"
#include "hub/api/fan_out_reactor.h"
#include "hub/api/rpc_errors.h"

namespace omnihub::hub {

// Checks a required free-text field: present, UTF-8, at most `max_bytes`.
void CheckText(const std::string& value, const std::string& field, size_t max_bytes,
               bool required, std::vector<FieldViolation>& violations);

// Checks an idempotency key: required, 8..128 printable ASCII characters.
void CheckIdempotencyKey(const std::string& value, const std::string& field,
                         std::vector<FieldViolation>& violations);

// UNAVAILABLE when no source answered at all (every asked source failed or timed out); OK
// otherwise, so partial answers reach the client with per-source status.
absl::Status AnySourceAnswered(const std::vector<SourceOutcome>& outcomes);

// Resolves `ref` (field `field`) and runs a fan-out for `request`; `finish` turns the outcomes
// into the response and the final status. Errors before the fan-out finish the reactor at once.
// Returns the reactor to hand back to gRPC.
grpc::ServerUnaryReactor* ResolveAndFanOut(
    const ApiContext& context, grpc::CallbackServerContext* call,
    const omnihub::v1::CustomerRef& ref, const std::string& field, const FanOutRequest& request,
    std::function<grpc::Status(const ResolvedCustomer&, const std::vector<SourceOutcome>&)> finish);

}  // namespace omnihub::hub
