// The http-xml connector: a backend with an XML-over-HTTP API (a payment gateway and its fraud
// engine), driven entirely by its mapping file (mappings/systems/<name>.xml): the mapping says
// which requests answer which section, where each answer's result code is and what it means, and
// how the XML becomes canonical records; this connector only carries them over HTTP
// (adapters/http) and reads answers through adapters/xml (no DTD, no entities, size and depth
// limits).
//
// Operations used (each optional; capabilities follow from what the mapping declares):
//   list-payments, get-payment -> kPayments (get-fraud joined per order)
//   list-customers             -> kIdentityScan (paged)
//   refund                     -> kRefund (Act)
//
// Settings (hubd.xml <setting key=... value=...>; unknown keys are rejected):
//   mapping             required: the mapping file; a relative path is resolved against the
//                       directory of the configuration file. Compiled once at creation; a
//                       mapping with errors refuses to start, listing every diagnostic.
//   endpoint            overrides the mapping's <endpoint url>
//   connect_timeout_ms  overrides <timeouts connect-ms> (1..60000)
//   request_timeout_ms  overrides <timeouts request-ms> (1..600000)
//   pool_size           overrides <pool size> (1..64)
//   page_size           {page_size} of list operations, 1..1000, default 50
//   max_pages           pages followed per list operation in one call, 1..100, default 10
//   cursor_param        the next-page URL's query parameter holding the cursor, default cursor
//   tls_verify          verify the backend's certificate (https), default true
// Credentials come from the environment or files as the mapping's <credential> elements say;
// their values never appear in logs or statuses.
#pragma once

#include <memory>

#include "absl/status/statusor.h"
#include "adapters/http_xml/backend.h"
#include "adapters/sdk/adapter.h"
#include "adapters/sdk/registry.h"

namespace omnihub::http_xml {

// Thread-safe: any number of concurrent calls; calls in flight keep the Backend alive, so the
// adapter may be destroyed while they finish (the executor must outlive them).
class HttpXmlAdapter : public sdk::Adapter {
 public:
  explicit HttpXmlAdapter(std::shared_ptr<const Backend> backend);

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

// The registry factory for type "http-xml" (see the settings above).
absl::StatusOr<std::unique_ptr<sdk::Adapter>> MakeHttpXmlAdapter(
    const sdk::AdapterConfig& config, const sdk::AdapterEnvironment& environment);

}  // namespace omnihub::http_xml
