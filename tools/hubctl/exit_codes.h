// hubctl's exit codes, and the exception a command throws when it was called wrongly.
#pragma once

#include <stdexcept>

namespace omnihub::hubctl {

// What a script can rely on; documented in `hubctl --help` and README.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitOtherError = 1,
  kExitUsage = 2,
  kExitUnreachable = 3,
  kExitNotFound = 4,
  kExitInvalidArgument = 5,
};

// A mistake in the command line; main() prints the message and a short usage, exits kExitUsage.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace omnihub::hubctl
