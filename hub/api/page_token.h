// Page tokens: opaque to clients, bound to the query they were issued for.
#pragma once

#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace omnihub::hub {

// A token that continues the query identified by `query` at `offset`.
std::string EncodePageToken(size_t offset, absl::string_view query);

// The offset in `token` (0 for an empty token). INVALID_ARGUMENT when the token is malformed or
// was issued for another query.
absl::StatusOr<size_t> DecodePageToken(absl::string_view token, absl::string_view query);

// Page size from a request: 0 -> `fallback`; INVALID_ARGUMENT outside [0, 100].
absl::StatusOr<int> PageSize(int32_t requested, int fallback);

}  // namespace omnihub::hub
