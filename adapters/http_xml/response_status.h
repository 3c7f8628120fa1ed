// What an HTTP answer of an XML backend means for the Adapter contract (adapters/sdk/adapter.h).
// The HTTP status comes first; a 2xx answer is then read as XML and its result code decides
// (xml_mapper.h CheckXmlResult): real gateways answer declined or failed requests with HTTP 200.
//
//   2xx with an XML (or no) Content-Type           -> read the body (ReadAnswer)
//   2xx with another Content-Type (text/html...)   -> DATA_LOSS
//   404                                            -> NOT_FOUND
//   400, 413, 415, 422 (the request was refused)   -> INVALID_ARGUMENT
//   401, 403 (credentials refused)                 -> FAILED_PRECONDITION
//   429 (after the client's retries), 5xx, other   -> UNAVAILABLE
//   body: not XML, oversized, too deep, a DOCTYPE  -> DATA_LOSS
//   body's result code                             -> as the mapping's <result> says
//
// Messages name the system, the operation and the HTTP status and quote the start of the body
// (printable ASCII only); never a request header (credentials).
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/http/message.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xml_mapper.h"

namespace omnihub::http_xml {

// The HTTP status and Content-Type of `response`, as above.
absl::Status StatusOfHttp(const std::string& system, const std::string& operation,
                          const http::Response& response);

// The answer, read once for `operation` (streamed when its selectors allow, a tree otherwise:
// xml_mapper.h ReadXmlAnswer), once its HTTP status, XML and result code say it succeeded.
absl::StatusOr<mapping::engine::XmlAnswer> ReadAnswer(
    const mapping::engine::CompiledSystem& system,
    const mapping::engine::CompiledOperation& operation, const http::Response& response);

}  // namespace omnihub::http_xml
