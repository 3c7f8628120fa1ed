// The http-json connector: a backend with a REST/JSON API, driven entirely by its mapping file
// (mappings/systems/<name>.xml): the mapping says which requests answer which section and how the
// JSON becomes canonical records; this connector only carries them over HTTP (adapters/http).
//
// Operations used (each optional; capabilities follow from what the mapping declares):
//   get-customer   -> kProfile        list-orders    -> kOrders (paged, newest first)
//   list-contacts  -> kContacts       list-customers -> kIdentityScan (paged)
//   add-note       -> kAddNote (Act)  goodwill       -> kGoodwill (Act)   (write_calls.h)
//
// Settings (hubd.xml <setting key=... value=...>; unknown keys are rejected):
//   mapping             required: the mapping file; a relative path is resolved against the
//                       directory of the configuration file. Compiled once at creation; a
//                       mapping with errors refuses to start, listing every diagnostic.
//   endpoint            overrides the mapping's <endpoint url>
//   connect_timeout_ms  overrides <timeouts connect-ms> (1..60000)
//   request_timeout_ms  overrides <timeouts request-ms> (1..600000)
//   pool_size           overrides <pool size> (1..64)
//   page_size           {page_size} of list operations, 1..1000, default 250
//   max_pages           pages followed per list operation in one fetch, 1..100, default 10
//   cursor_param        the next-page URL's query parameter holding the cursor, default page_info
//   tls_verify          verify the backend's certificate (https), default true
// Credentials come from the environment or files as the mapping's <credential> elements say;
// their values never appear in logs or statuses.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "adapters/http_json/backend.h"
#include "adapters/sdk/adapter.h"
#include "adapters/sdk/registry.h"

namespace omnihub::http_json {

// Thread-safe: any number of concurrent calls; calls in flight keep the Backend alive, so the
// adapter may be destroyed while they finish (the executor must outlive them).
class HttpJsonAdapter : public sdk::Adapter {
 public:
  explicit HttpJsonAdapter(std::shared_ptr<const Backend> backend);

  // omnihub::sdk::Adapter
  const sdk::AdapterInfo& info() const override { return info_; }
  void Fetch(const sdk::FetchRequest& request, std::shared_ptr<sdk::CallContext> context,
             sdk::FetchCallback done) override;
  void ScanIdentities(const std::string& cursor, std::shared_ptr<sdk::CallContext> context,
                      sdk::ScanCallback done) override;
  void Act(const sdk::ActionRequest& request, std::shared_ptr<sdk::CallContext> context,
           sdk::ActCallback done) override;

 private:
  std::shared_ptr<const Backend> backend_;
  sdk::AdapterInfo info_;
};

// The registry factory for type "http-json" (see the settings above).
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeHttpJsonAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::http_json
