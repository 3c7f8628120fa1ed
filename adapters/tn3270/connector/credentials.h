// The sign-on credentials a tn3270 mapping names (<credential name="user" env=.../file=...>),
// read once at start-up. Values never appear in statuses, logs or messages.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"

namespace omnihub::tn3270 {

// name -> value. INVALID_ARGUMENT naming the credential and where it should come from when a
// variable is unset or empty, a file is unreadable, empty or larger than 4 KiB, or a value holds
// a control character. A file's trailing newline is removed.
absl::StatusOr<std::map<std::string, std::string>> ReadCredentials(
    const std::vector<mapping::engine::CredentialRef>& credentials);

}  // namespace omnihub::tn3270
