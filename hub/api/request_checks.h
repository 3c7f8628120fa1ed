// Shared request checks and the common shape of a fan-out RPC.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "hub/api/api_context.h"
#include "hub/api/fan_out_reactor.h"
#include "hub/api/page_token.h"
#include "hub/api/rpc_errors.h"

namespace omnihub::hub {

// Checks a required free-text field: present, UTF-8, at most `max_bytes`.
void CheckText(const std::string& value, const std::string& field, size_t max_bytes, bool required,
               std::vector<FieldViolation>& violations);

// Checks that a request's customer reference (field "customer") is set.
void RequireCustomer(const omnihub::v1::CustomerRef& ref, std::vector<FieldViolation>& violations);

// Checks an idempotency key: required, 8..128 printable ASCII characters.
void CheckIdempotencyKey(const std::string& value, const std::string& field,
                         std::vector<FieldViolation>& violations);

// The slice of a merged list that one page request asks for.
struct PageWindow {
  size_t first = 0;
  size_t size = 0;
};

// Reads a list request's page_size (0 = `default_size`, at most 100) and page_token (bound to
// `query`); a page reaching deeper than `max_depth` `items` is refused. Problems are added to
// `violations`.
PageWindow CheckPage(int32_t page_size, const std::string& page_token, const std::string& query,
                     int default_size, size_t max_depth, const std::string& items,
                     std::vector<FieldViolation>& violations);

// Hands `items` in `window` to `add` (moved) and returns the next page's token, empty on the
// last page.
template <typename T, typename Add>
std::string EmitPage(std::vector<T>& items, const PageWindow& window, const std::string& query,
                     Add add) {
  const size_t end = std::min(items.size(), window.first + window.size);
  for (size_t i = window.first; i < end; ++i) add(std::move(items[i]));
  return end < items.size() ? EncodePageToken(end, query) : std::string();
}

// UNAVAILABLE when no backend answered at all (every asked backend failed or timed out; the
// hub's own logged contacts do not count); OK otherwise, so partial answers reach the client with
// per-source status.
absl::Status AnySourceAnswered(const std::vector<SourceOutcome>& outcomes);

// Resolves `ref` (field "customer"); when it does not resolve, finishes `reactor` with the error
// (NOT_FOUND, INVALID_ARGUMENT naming the field) and answers nullopt.
std::optional<ResolvedCustomer> ResolveOrFinish(const ApiContext& context,
                                                const omnihub::v1::CustomerRef& ref,
                                                grpc::ServerUnaryReactor* reactor);

// Resolves `ref` (field `field`) and runs a fan-out for `request` (through the aggregate cache
// when the context has one and the request is not for one order); `finish` turns the outcomes
// into the response and the final status. Errors before the fan-out finish the reactor at once.
// Returns the reactor to hand back to gRPC.
grpc::ServerUnaryReactor* ResolveAndFanOut(
    const ApiContext& context, grpc::CallbackServerContext* call,
    const omnihub::v1::CustomerRef& ref, const std::string& field, const FanOutRequest& request,
    std::function<grpc::Status(const ResolvedCustomer&, const std::vector<SourceOutcome>&)> finish);

}  // namespace omnihub::hub
