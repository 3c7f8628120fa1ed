// Gunzip: decoding a gzip-encoded response body under a size limit (zlib).
#pragma once

#include <cstddef>
#include <string>

#include "absl/status/statusor.h"

namespace omnihub::http {

// Decodes a gzip (RFC 1952) body, concatenated members included.
// Errors: RESOURCE_EXHAUSTED when the decoded size would exceed `max_decoded_bytes` (a gzip bomb is
// refused without inflating it all); DATA_LOSS when the data is not valid gzip or is truncated.
absl::StatusOr<std::string> Gunzip(const std::string& compressed, std::size_t max_decoded_bytes);

// Encodes `plain` as gzip; for tests and simulators.
std::string Gzip(const std::string& plain);

}  // namespace omnihub::http
