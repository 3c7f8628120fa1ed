// Writing mapped Values into canonical protobuf messages through reflection, and the type rules
// that decide which Value kinds each canonical field type accepts.
#pragma once

#include <google/protobuf/message.h>

#include <string>

#include "absl/status/status.h"
#include "adapters/mapping/engine/canonical_target.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping::engine {

// OK when a value of `kind` can be written to a field of `type`; otherwise INVALID_ARGUMENT
// naming both and the transform that would convert ("... gives text but customer.customer_since
// is a timestamp: add <transform name=\"timestamp\" format=\"...\"/>"). Null is always accepted.
absl::Status CheckCompatible(const CanonicalTarget& target, ValueKind kind);

// OK when `name` is a value of the enum field (written "SHIPPED" or "ORDER_STATUS_SHIPPED");
// otherwise INVALID_ARGUMENT listing the accepted names.
absl::Status CheckEnumName(const CanonicalTarget& target, std::string_view name);

// Writes `value` into `record` at `target` (creating intermediate messages; appending to a
// repeated scalar, where empty text is skipped: a blank address line is no line). Null writes
// nothing. Thread-safe for distinct records.
absl::Status WriteValue(const CanonicalTarget& target, const Value& value,
                        google::protobuf::Message& record);

}  // namespace omnihub::mapping::engine
