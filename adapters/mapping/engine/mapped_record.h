// What the three mappers (JSON, XML, table) do alike around a record's fields: keeping the field
// errors of one answer, stamping the record with its source system, adding the identifiers the
// operation declares.
#pragma once

#include <google/protobuf/message.h>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping::engine {

// The field errors of one answer, one line each, the first kMaxReported kept and the rest
// counted. Not thread-safe; lives for one call.
class FieldErrors {
 public:
  static constexpr size_t kMaxReported = 20;

  // False (and the error counted) when kMaxReported lines are kept already: the caller then need
  // not build the line.
  bool Room() {
    if (lines_.size() < kMaxReported) return true;
    ++dropped_;
    return false;
  }
  void Add(std::string line) { lines_.push_back(std::move(line)); }

  // OK without errors; INVALID_ARGUMENT with the lines, and "(and N more)" for those not kept.
  absl::Status status() const;

 private:
  std::vector<std::string> lines_;
  size_t dropped_ = 0;
};

// Writes the operation's system into the record's source_system field (when the record type has
// one) unless the mapping filled it.
void StampSourceSystem(const CompiledOperation& op, google::protobuf::Message& record);

// Appends `value` as the identifier `id` (its type and system) to the record's identifiers field;
// a null or empty value adds nothing.
void AddIdentifier(const CompiledOperation& op, const CompiledIdentifier& id, const Value& value,
                   google::protobuf::Message& record);

}  // namespace omnihub::mapping::engine
