// Adapter: the one interface between the hub and a backend system. A connector implements it;
// the hub calls it. Nothing of the hub is visible from here (see architecture.md, "Layering").
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/sdk/call_context.h"
#include "adapters/sdk/capability.h"
#include "adapters/sdk/search.h"
#include "adapters/sdk/source_data.h"
#include "omnihub/v1/common.pb.h"

namespace omnihub::sdk {

// Static facts about a configured adapter.
struct AdapterInfo {
  // The system's configured name, e.g. "erp"; appears in SourceStatus.system.
  std::string system;
  // The connector type, e.g. "odbc", "reference".
  std::string type;
  Capabilities capabilities;
};

// A running total an adapter keeps of its own work (files read, messages refused, ...), shown per
// system on the admin port's /status and by `hubctl status`. Names are snake_case and stable:
// operators alert on them.
struct AdapterCounter {
  std::string name;
  uint64_t value = 0;
};

// A request for what one system holds about one customer.
struct FetchRequest {
  // This system's account ids for the customer, as the identity index knows them (at least one).
  std::vector<std::string> account_ids;
  // The sections wanted; the adapter fills those it has the capability for and ignores the rest.
  std::vector<omnihub::v1::Section> sections;
  // Most recent orders and contacts wanted per section; the adapter may return fewer.
  int recent_limit = 20;
  // When set, only this order (and the payments of this order) is wanted.
  std::string order_number;
};

// A write to a backend. Actions are declared now and implemented by later connectors.
struct ActionRequest {
  enum class Kind { kAddNote, kRefund, kCancelOrder, kGoodwill };
  Kind kind = Kind::kAddNote;
  std::string account_id;
  std::string order_number;
  omnihub::v1::Money amount;
  std::string text;
  std::string agent_id;
  // Forwarded to the backend where it supports one, so a retried action never runs twice.
  std::string idempotency_key;
};

struct ActionResponse {
  std::string reference;
  std::string detail;
};

using FetchCallback = std::function<void(absl::StatusOr<SourceData>)>;
using ScanCallback = std::function<void(absl::StatusOr<IdentityPage>)>;
using ActCallback = std::function<void(absl::StatusOr<ActionResponse>)>;
using SearchCallback = std::function<void(absl::StatusOr<SearchResult>)>;

// A backend system as the hub sees it.
//
// Contract for every asynchronous method:
// - it returns promptly and never blocks the calling thread on I/O;
// - it calls the callback exactly once, on any thread, and no later than shortly after
//   `context->deadline()` or `context->Cancel()` (with DEADLINE_EXCEEDED or CANCELLED);
// - failures are statuses, never exceptions; codes say how the caller should react:
//   NOT_FOUND (the system holds nothing for these accounts), UNAVAILABLE (backend down or
//   failing; retrying may help), DATA_LOSS (the backend answered with something that could not
//   be understood), INVALID_ARGUMENT (the request cannot be expressed for this backend),
//   UNIMPLEMENTED (capability not declared), RESOURCE_EXHAUSTED (adapter's own limits reached).
//
// Implementations are thread-safe: the hub calls them concurrently from many threads.
class Adapter {
 public:
  virtual ~Adapter() = default;

  virtual const AdapterInfo& info() const = 0;

  // What the system holds about one customer (see FetchRequest).
  virtual void Fetch(const FetchRequest& request, std::shared_ptr<CallContext> context,
                     FetchCallback done) = 0;

  // One page of the system's accounts with their identifiers; `cursor` is empty for the first
  // page. Only adapters with Capability::kIdentityScan implement it.
  virtual void ScanIdentities(const std::string& cursor, std::shared_ptr<CallContext> context,
                              ScanCallback done) {
    done(absl::UnimplementedError(info().system + " cannot enumerate identities"));
  }

  // Performs a write. Only adapters with the matching capability implement it.
  virtual void Act(const ActionRequest& request, std::shared_ptr<CallContext> context,
                   ActCallback done) {
    done(absl::UnimplementedError(info().system + " supports no actions"));
  }

  // The system's customers whose surname (and postcode, when given) match, as the system's own
  // search finds them (search.h). No match is OK with no hits, not NOT_FOUND. A request that fails
  // ValidateSearchRequest, or that the backend cannot take (e.g. characters its screens cannot
  // show), is INVALID_ARGUMENT before anything reaches the backend. Only adapters with
  // Capability::kSearch implement it.
  virtual void SearchCustomers(const SearchRequest& request, std::shared_ptr<CallContext> context,
                               SearchCallback done) {
    done(absl::UnimplementedError(info().system + " cannot search its customers"));
  }

  // The adapter's counters now (none by default). Cheap and non-blocking: the
  // admin port asks for them on every /status.
  virtual std::vector<AdapterCounter> Counters() const { return {}; }
};

}  // namespace omnihub::sdk
