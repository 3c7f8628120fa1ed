// CanonicalTarget: a canonical field path from a mapping file ("customer.address.postal_code"),
// resolved against the omnihub.v1 protobuf descriptors once, at compile time.
#pragma once

#include <google/protobuf/descriptor.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// What a mapped value must become.
enum class TargetType { kString, kInt32, kInt64, kUInt, kBool, kDouble, kEnum, kMoney, kTimestamp };

// "text", "whole number", "money (omnihub.v1.Money)", ...: words for error messages.
std::string_view TargetTypeName(TargetType type);

// A resolved leaf (or, for <repeated>, a repeated message field). Immutable; holds descriptor
// pointers into the generated pool, which lives as long as the process.
struct CanonicalTarget {
  std::string display;  // "customer.email", "order.lines.sku"
  // Singular message fields from the record down to the leaf, then the leaf itself.
  std::vector<const google::protobuf::FieldDescriptor*> path;
  TargetType type = TargetType::kString;  // meaningless for a <repeated> group target
  bool append = false;                    // a repeated scalar leaf: values are appended
  // kEnum: the codes a value may be written as (upper-cased first): each value's name and, when
  // it starts with the prefix of the enum's UNSPECIFIED value, the name without it ("SHIPPED" and
  // "ORDER_STATUS_SHIPPED"); a value's own name wins over another's shortened one.
  std::shared_ptr<
      const absl::flat_hash_map<std::string, const google::protobuf::EnumValueDescriptor*>>
      enum_codes;

  const google::protobuf::FieldDescriptor* leaf() const { return path.back(); }
};

// Resolves `relative` ("email", "address.postal_code") inside `message`. `prefix` is what the
// architect wrote before it ("customer", "order.lines") and only shapes messages:
//   unknown canonical field customer.emial — did you mean customer.email?
//   customer.address is a group of fields: map its fields (customer.address.postal_code, ...)
//   order.lines is a list of items: map it with <repeated target="order.lines" source="...">
absl::StatusOr<CanonicalTarget> ResolveLeafTarget(const google::protobuf::Descriptor* message,
                                                  std::string_view prefix,
                                                  std::string_view relative);

// Resolves the target of a <repeated> group: a repeated message field ("lines" in Order).
absl::StatusOr<CanonicalTarget> ResolveGroupTarget(const google::protobuf::Descriptor* message,
                                                   std::string_view prefix,
                                                   std::string_view relative);

}  // namespace omnihub::mapping::engine
