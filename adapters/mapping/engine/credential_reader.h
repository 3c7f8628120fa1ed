// CredentialReader: the secrets a mapping names (<credential name=... env=... | file=...>), read
// once at start-up for any connector. Values never appear in statuses, logs or messages: errors
// name the credential and where its value should come from, never the value.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"

namespace omnihub::mapping::engine {

struct CredentialLimits {
  // A value (from a variable or a file) longer than this is refused.
  size_t max_bytes = 4096;
};

// name -> value for every credential. A file's trailing newlines are removed. INVALID_ARGUMENT
// naming the credential and its environment variable or file when the variable is unset or
// empty, the file is unreadable or empty, the value is longer than the limit, or it holds a
// control character (a CR/LF would split a header or a screen field).
absl::StatusOr<std::map<std::string, std::string>> ReadCredentials(
    const std::vector<CredentialRef>& credentials, CredentialLimits limits = {});

}  // namespace omnihub::mapping::engine
