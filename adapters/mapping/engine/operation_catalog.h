// The canonical operations a mapping file may declare (get-customer, list-orders, ...): for each,
// the canonical record message it produces and the request parameters its path may use.
#pragma once

#include <google/protobuf/descriptor.h>

#include <string>
#include <string_view>
#include <vector>

namespace omnihub::mapping::engine {

struct OperationKind {
  std::string_view name;                       // "list-orders"
  std::string_view record_word;                // the first segment of its targets: "order"
  const google::protobuf::Descriptor* record;  // omnihub.v1.Order
  std::vector<std::string_view> parameters;    // what {placeholders} may name
  // An action (a write, e.g. add-note): its <response> is optional (nothing to map when the
  // backend only confirms). Its record, when mapped, is what the backend answered.
  bool action = false;
  // Only connector="poslog" declares it (and a poslog system declares nothing else): records
  // the stores send rather than answers to a request.
  bool poslog = false;
};

// Null for an unknown name. Thread-safe (a constant table).
const OperationKind* FindOperationKind(std::string_view name);

// Every operation name, for "did you mean" and documentation.
std::vector<std::string> OperationNames();

}  // namespace omnihub::mapping::engine
