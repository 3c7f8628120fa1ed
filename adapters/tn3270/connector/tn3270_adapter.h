// The tn3270 connector: a mainframe reached through 3270 screens, driven by its mapping file
// (mappings/systems/<name>.xml, connector="tn3270"): the mapping declares the screens, the error
// screens, the sign-on and one navigation script per operation; this connector runs them on
// pooled, signed-on sessions (adapters/tn3270/pool) and maps what they read with the table mapper.
//
// Operations used (each optional; capabilities follow from what the mapping declares):
//   get-customer   -> kProfile        list-contacts -> kContacts (the account notes, paged)
//   get-loyalty    -> kLoyalty (store card)          add-note      -> kAddNote (Act)
//   search-customers -> kSearch (SearchCustomers: surname + postcode, paged; customer_search.h)
// One Fetch runs the wanted operations one after another on one session, going back to the home
// screen between them, as an operator would.
//
// Settings (hubd.xml <setting key=... value=...>; unknown keys are rejected):
//   mapping             required: the mapping file; a relative path is resolved against the
//                       directory of the configuration file. Compiled once at creation; a
//                       mapping with errors refuses to start, listing every diagnostic.
//   host, port          override the mapping's <endpoint url="tn3270://host:port">
//   tls                 TLS to the host (default: the endpoint's scheme, tn3270s:// = TLS)
//   tls_verify          verify the host's certificate, default true
//   tls_ca              CA certificates (PEM file) to verify it with, default the system's
//   code_page           037 (default), 1047 or 285
//   pool_size           sessions kept signed on (1..64), overrides <pool size>
//   max_waiting         requests allowed to wait for a session (0..10000), default 64
//   connect_timeout_ms  connect + sign-on (1..60000), overrides <timeouts connect-ms>
//   account_id_pattern  every account id must match this regular expression in full (else
//                       INVALID_ARGUMENT before anything is typed), default: 1 to 64 printable
//                       ASCII characters
// Credentials ({user}, {password} of the sign-on) come from the environment or files as the
// mapping's <credential> elements say; their values never appear in statuses or logs.
//
// Statuses: NOT_FOUND, UNAVAILABLE, FAILED_PRECONDITION, ... as the mapping's error screens
// declare them (with the screen's message line); FAILED_PRECONDITION for a screen the script did
// not expect; UNAVAILABLE when no session can be signed on or the host drops it; DATA_LOSS when
// what was read cannot be mapped; RESOURCE_EXHAUSTED when the pool's queue is full.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "adapters/sdk/adapter.h"
#include "adapters/sdk/registry.h"
#include "adapters/tn3270/connector/backend.h"

namespace omnihub::tn3270 {

// Thread-safe: any number of concurrent calls; calls in flight keep the Backend alive, so the
// adapter may be destroyed while they finish (the executor must outlive them).
class Tn3270Adapter : public sdk::Adapter {
 public:
  explicit Tn3270Adapter(std::shared_ptr<const Backend> backend);

  // omnihub::sdk::Adapter
  const sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
             sdk::FetchCallback done) override;
  void Act(const sdk::ActionRequest& request, std::shared_ptr<sdk::CallContext> context,
           sdk::ActCallback done) override;
  void SearchCustomers(const sdk::SearchRequest& request, std::shared_ptr<sdk::CallContext> context,
                       sdk::SearchCallback done) override;

 private:
  absl::Status ValidateAccount(const std::string& account) const;

  std::shared_ptr<const Backend> backend_;
  sdk::AdapterInfo info_;
};

// The registry factory for type "tn3270" (see the settings above).
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeTn3270Adapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::tn3270
