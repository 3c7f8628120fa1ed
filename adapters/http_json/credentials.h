// Credentials named by a mapping's <credential> elements, read from the environment or a file at
// start-up and sent as HTTP headers. Values never appear in statuses, logs or messages.
#pragma once

#include <vector>

#include "absl/status/statusor.h"
#include "adapters/http/message.h"
#include "adapters/mapping/engine/compiled_mapping.h"

namespace omnihub::http_json {

// One header per credential that names a header. INVALID_ARGUMENT naming the credential and where
// it should come from when a variable is unset or empty, a file is unreadable, empty or larger
// than 64 KiB, or a value holds a control character (CR/LF would split the header). A file's
// trailing newline is removed.
absl::StatusOr<http::HeaderList> ResolveCredentials(
    const std::vector<mapping::engine::CredentialRef>& credentials);

}  // namespace omnihub::http_json
