// Applies a compiled http-json operation to a JSON payload, producing canonical protobuf
// records. Payloads are bounded (kMaxJsonBytes, kMaxJsonDepth): an oversized or too deeply nested
// document is an INVALID_ARGUMENT, never a crash or a stack overflow (simdjson's DOM parser does
// not recurse). JSON numbers never go through floating point on their way to a canonical field
// when they are integers; numbers with a fraction are read as the shortest decimal that gives
// the same double (at most 17 significant digits).
//
// Errors name every failing field with its canonical target and its JSON Pointer:
//   record 2: order.placed_at <- /created_at: step 1 'timestamp': ...
//
// Thread-safety: every function may run concurrently (each thread parses with its own
// thread_local simdjson parser, which keeps the capacity of the largest payload it has seen).
#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "omnihub/v1/contact.pb.h"
#include "omnihub/v1/customer.pb.h"
#include "omnihub/v1/order.pb.h"

namespace omnihub::mapping::engine {

inline constexpr size_t kMaxJsonBytes = 16u << 20;
inline constexpr size_t kMaxJsonDepth = 64;

// Maps every record the operation's response root selects (one object, or each element of an
// array) into a message obtained from `add_record` (which must be of the operation's record
// type). An absent or null root gives no records.
absl::Status MapRecords(const CompiledOperation& operation, std::string_view json,
                        const std::function<google::protobuf::Message*()>& add_record);

// Maps exactly one record (the root must select an object) into `out`.
absl::Status MapRecord(const CompiledOperation& operation, std::string_view json,
                       google::protobuf::Message& out);

absl::StatusOr<omnihub::v1::Customer> MapCustomer(const CompiledOperation& operation,
                                                  std::string_view json);
absl::StatusOr<std::vector<omnihub::v1::Order>> MapOrders(const CompiledOperation& operation,
                                                          std::string_view json);
absl::StatusOr<std::vector<omnihub::v1::Contact>> MapContacts(const CompiledOperation& operation,
                                                              std::string_view json);

}  // namespace omnihub::mapping::engine
