// `hubctl mappings new`: a starting mapping file for a new system of a known connector type. It
// passes `hubctl mappings check` as written, so the architect edits from a valid file: settings
// with placeholders, one working operation (get-customer) with a few fields and identifiers, and
// every other operation the language has, commented out, with the request parameters it may use.
// Every decision left to the architect is marked TODO.
#pragma once

#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::hubctl {

// The connector types a skeleton can be written for.
std::vector<std::string> SkeletonConnectors();

// The file's text. INVALID_ARGUMENT for an unknown connector (naming the known ones) or a system
// name that is not lower-case letters, digits and '-' (starting with a letter, at most 32).
absl::StatusOr<std::string> MappingSkeleton(const std::string& connector,
                                            const std::string& system);

}  // namespace omnihub::hubctl
