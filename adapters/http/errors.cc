#include "adapters/http/errors.h"

#include <boost/beast/http/error.hpp>

namespace omnihub::http {

absl::Status ReadStatus(const boost::system::error_code& ec, bool nothing_received,
                        std::size_t max_header_bytes, std::size_t max_body_bytes,
                        const std::string& authority) {
  namespace bhttp = boost::beast::http;
  if (ec == bhttp::error::body_limit) {
    return absl::ResourceExhaustedError("response body from " + authority +
                                        " exceeds the limit of " + std::to_string(max_body_bytes) +
                                        " bytes");
  }
  if (ec == bhttp::error::header_limit) {
    return absl::ResourceExhaustedError("response headers from " + authority +
                                        " exceed the limit of " + std::to_string(max_header_bytes) +
                                        " bytes");
  }
  if (nothing_received) {
    return absl::UnavailableError("connection to " + authority +
                                  " closed before a response arrived: " + ec.message());
  }
  if (ec == bhttp::error::partial_message) {
    return absl::DataLossError("response from " + authority +
                               " truncated: connection closed mid-message");
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_version).category()) {
    return absl::DataLossError("malformed HTTP response from " + authority + ": " + ec.message());
  }
  return absl::DataLossError("response from " + authority + " truncated: " + ec.message());
}

}  // namespace omnihub::http
