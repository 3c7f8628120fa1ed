// ApiContext: what the gRPC services share (identity, fan-out, merge, limits), and the policy
// that turns a caller's deadline into the hub's.
#pragma once

#include <grpcpp/server_context.h>

#include <chrono>

#include "hub/aggregate/fan_out.h"
#include "hub/aggregate/merger.h"
#include "hub/aggregate/search_fan_out.h"
#include "hub/api/reply_cache.h"
#include "hub/identity/customer_directory.h"
#include "hub/identity/identity_linker.h"

namespace omnihub::hub {

struct DeadlinePolicy {
  // Applied when the caller sets no deadline.
  std::chrono::milliseconds default_deadline{2000};
  // A longer deadline is shortened to this.
  std::chrono::milliseconds max_deadline{30000};

  // The steady-clock deadline for the backends of a call, from the caller's deadline and this
  // policy, less a margin (a tenth, 2 to 50 ms) left for merging and replying.
  omnihub::sdk::Clock::time_point For(const grpc::CallbackServerContext& context) const;
};

// Borrowed references; the owner (Hub) outlives every service.
struct ApiContext {
  const CustomerDirectory& directory;
  FanOut& fan_out;
  const Merger& merger;
  DeadlinePolicy deadlines;
  // Default number of recent orders/contacts in a Customer 360 and default page size.
  int recent_limit = 20;
  // The aggregate cache in front of `fan_out` (hub/cache), or null when caching is off. Serves
  // every fan-out except those for one order, and whole GetCustomer360 answers.
  ReplyCache* cache = nullptr;
  // Agents' identity links and unlinks (recorded in the hub's store), or null when the hub has
  // none: LinkIdentifier/UnlinkIdentifier then answer FAILED_PRECONDITION.
  IdentityLinker* linker = nullptr;
  // The backends that can search their customers, or null: SearchCustomers by name then answers
  // from the identity index alone.
  const SearchFanOut* search = nullptr;
};

}  // namespace omnihub::hub
