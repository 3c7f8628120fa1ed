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

// Writes mapped Values into one record (or one <repeated> item) through reflection, looking up
// what reflection needs once per message rather than once per field, and reusing the
// intermediate message of a nested target ("customer.address.postal_code") from one field to
// the next. Lives for the mapping of one message; not thread-safe (distinct writers of distinct
// records may run concurrently).
class RecordWriter {
 public:
  explicit RecordWriter(google::protobuf::Message& record);

  // Writes `value` at `target`, moving its text out, creating intermediate messages; appends to
  // a repeated scalar, where empty text is skipped (a blank address line is no line). Null
  // writes nothing. INVALID_ARGUMENT when the value does not fit the field (CheckCompatible, an
  // unknown enum code, a number out of range).
  absl::Status Write(const CanonicalTarget& target, Value&& value);

  // A new item of the <repeated> target `group` (a repeated message field), with the
  // intermediate messages on the way created.
  google::protobuf::Message* AddItem(const CanonicalTarget& group);

 private:
  // The message holding `target`'s leaf, and its reflection.
  google::protobuf::Message* Parent(const CanonicalTarget& target,
                                    const google::protobuf::Reflection*& reflection);

  google::protobuf::Message& record_;
  const google::protobuf::Reflection* reflection_;
  // The intermediate message last reached, for a target whose path (without its leaf) is that
  // of `nested_target_`.
  const CanonicalTarget* nested_target_ = nullptr;
  google::protobuf::Message* nested_ = nullptr;
  const google::protobuf::Reflection* nested_reflection_ = nullptr;
};

}  // namespace omnihub::mapping::engine
