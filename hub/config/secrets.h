// Secret settings: which keys count as secrets, and reading their values from the environment or
// from files so they never sit in the configuration file itself.
#pragma once

#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace omnihub::hub {

// True when `key` ends in "password", "secret" or "token" (any case): such a setting must come
// from value-from-env or value-from-file, never an inline value.
bool IsSecretKey(std::string_view key);

// The value of environment variable `variable`. NOT_FOUND naming the variable (never a value) when
// it is unset or empty. Thread-safe as long as nobody calls setenv concurrently.
absl::StatusOr<std::string> ReadValueFromEnv(const std::string& variable);

// The content of `path` (relative paths are taken from `base_directory`), one trailing newline
// removed, at most 64 KiB. NOT_FOUND / FAILED_PRECONDITION naming the path and the reason.
absl::StatusOr<std::string> ReadValueFromFile(const std::string& path,
                                              const std::string& base_directory);

}  // namespace omnihub::hub
