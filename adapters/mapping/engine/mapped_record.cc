#include "adapters/mapping/engine/mapped_record.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace omnihub::mapping::engine {

absl::Status FieldErrors::status() const {
  if (lines_.empty()) return absl::OkStatus();
  std::string message = absl::StrJoin(lines_, "\n");
  if (dropped_ > 0) absl::StrAppend(&message, "\n(and ", dropped_, " more)");
  return absl::InvalidArgumentError(message);
}

void StampSourceSystem(const CompiledOperation& op, google::protobuf::Message& record) {
  if (op.source_system_field == nullptr) return;
  const auto* reflection = record.GetReflection();
  if (reflection->GetString(record, op.source_system_field).empty()) {
    reflection->SetString(&record, op.source_system_field, op.system);
  }
}

void AddIdentifier(const CompiledOperation& op, const CompiledIdentifier& id, const Value& value,
                   google::protobuf::Message& record) {
  if (op.identifiers_field == nullptr || value.is_null()) return;
  std::string text = value.ToString();
  if (text.empty()) return;
  google::protobuf::Message* added =
      record.GetReflection()->AddMessage(&record, op.identifiers_field);
  auto* identifier = google::protobuf::DynamicCastToGenerated<omnihub::v1::Identifier>(added);
  if (identifier == nullptr) return;
  identifier->set_type(id.type);
  identifier->set_value(std::move(text));
  identifier->set_system(id.system);
}

}  // namespace omnihub::mapping::engine
