#include "adapters/mapping/engine/xml_mapper.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/engine/field_writer.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::Message;

constexpr size_t kMaxReportedErrors = 20;

const omnihub::xml::XmlDocumentKind kAnswer{"the answer", "", "", ""};

std::string Snippet(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 200)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  if (text.size() > 200) out += "...";
  return out;
}

std::string_view CodeWord(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kFailedPrecondition:
      return "declined";
    case absl::StatusCode::kUnavailable:
      return "retryable";
    case absl::StatusCode::kNotFound:
      return "not found";
    case absl::StatusCode::kInvalidArgument:
      return "request refused";
    default:
      return "error";
  }
}

// Where an item of a <repeated> is, for error messages only ("p:Refunds/p:Refund[2]/"): a
// chain on the stack, turned into text only when a field of the item fails.
struct ItemPath {
  const ItemPath* parent = nullptr;
  const Selector* group = nullptr;
  size_t index = 0;  // 1-based
};

std::string Text(const ItemPath* at) {
  if (at == nullptr) return "";
  return absl::StrCat(Text(at->parent), at->group->text, "[", at->index, "]/");
}

// Collects the field errors of one answer. Not thread-safe; lives for one call.
class RecordMapper {
 public:
  RecordMapper(const CompiledOperation& op, XPathEvaluator& xpath) : op_(op), xpath_(xpath) {}

  void MapOne(xmlNode* record, Message& out, size_t index) {
    index_ = index;
    MapFields(op_.fields, op_.groups, record, out, nullptr);
    if (op_.source_system_field != nullptr &&
        out.GetReflection()->GetString(out, op_.source_system_field).empty()) {
      out.GetReflection()->SetString(&out, op_.source_system_field, op_.system);
    }
    if (op_.identifiers_field != nullptr) MapIdentifiers(record, out);
  }

  absl::Status status() const {
    if (errors_.empty()) return absl::OkStatus();
    std::string message = absl::StrJoin(errors_, "\n");
    if (dropped_ > 0) absl::StrAppend(&message, "\n(and ", dropped_, " more)");
    return absl::InvalidArgumentError(message);
  }

 private:
  void Error(const std::string& target, const ItemPath* base, const Selector* source,
             absl::string_view what) {
    if (errors_.size() >= kMaxReportedErrors) {
      ++dropped_;
      return;
    }
    const std::string where =
        source == nullptr ? "(constant)" : absl::StrCat(Text(base), source->text);
    errors_.push_back(absl::StrCat("record ", index_ + 1, ": ", target, " <- ", where, ": ", what));
  }

  void MapFields(const std::vector<CompiledField>& fields, const std::vector<CompiledGroup>& groups,
                 xmlNode* node, Message& out, const ItemPath* base) {
    for (const CompiledField& field : fields) MapField(field, node, out, base);
    for (const CompiledGroup& group : groups) MapGroup(group, node, out, base);
  }

  void MapField(const CompiledField& field, xmlNode* node, Message& out, const ItemPath* base) {
    absl::StatusOr<Value> value;
    const Selector* source = nullptr;
    if (field.constant) {
      value = *field.constant;
    } else {
      source = &field.sources.front();
      if (field.sources.size() == 1) {
        absl::StatusOr<Value> in = xpath_.Read(*source->xpath, node);
        if (!in.ok()) return Error(field.target.display, base, source, in.status().message());
        value = field.chain.Apply(*in);
      } else {
        std::vector<Value> inputs;
        for (const Selector& s : field.sources) {
          absl::StatusOr<Value> in = xpath_.Read(*s.xpath, node);
          if (!in.ok()) return Error(field.target.display, base, &s, in.status().message());
          inputs.push_back(*std::move(in));
        }
        value = field.chain.ApplyMany(inputs);
      }
    }
    if (!value.ok()) return Error(field.target.display, base, source, value.status().message());
    if (value->is_null()) {
      if (field.required) Error(field.target.display, base, source, "is required but missing");
      return;
    }
    if (absl::Status s = WriteValue(field.target, *value, out); !s.ok()) {
      Error(field.target.display, base, source, s.message());
    }
  }

  void MapGroup(const CompiledGroup& group, xmlNode* node, Message& out, const ItemPath* base) {
    absl::StatusOr<std::vector<xmlNode*>> items = xpath_.Nodes(*group.source.xpath, node);
    if (!items.ok())
      return Error(group.target.display, base, &group.source, items.status().message());
    if (items->empty()) return;
    Message* parent = &out;
    for (size_t i = 0; i + 1 < group.target.path.size(); ++i) {
      parent = parent->GetReflection()->MutableMessage(parent, group.target.path[i]);
    }
    for (size_t i = 0; i < items->size(); ++i) {
      Message* added = parent->GetReflection()->AddMessage(parent, group.target.leaf());
      const ItemPath item{base, &group.source, i + 1};
      MapFields(group.fields, group.groups, (*items)[i], *added, &item);
    }
  }

  void MapIdentifiers(xmlNode* record, Message& out) {
    for (const CompiledIdentifier& id : op_.identifiers) {
      absl::StatusOr<Value> value = xpath_.Read(*id.source.xpath, record);
      if (value.ok()) value = id.chain.Apply(*value);
      if (!value.ok()) {
        Error(absl::StrCat("identifier ", omnihub::v1::IdentifierType_Name(id.type)), nullptr,
              &id.source, value.status().message());
        continue;
      }
      if (value->is_null() || value->ToString().empty()) continue;
      Message* added = out.GetReflection()->AddMessage(&out, op_.identifiers_field);
      auto* identifier = google::protobuf::DynamicCastToGenerated<omnihub::v1::Identifier>(added);
      if (identifier == nullptr) continue;
      identifier->set_type(id.type);
      identifier->set_value(value->ToString());
      identifier->set_system(id.system);
    }
  }

  const CompiledOperation& op_;
  XPathEvaluator& xpath_;
  size_t index_ = 0;
  std::vector<std::string> errors_;
  size_t dropped_ = 0;
};

}  // namespace

absl::StatusOr<omnihub::xml::XmlDocPtr> ParseXmlAnswer(std::string_view xml) {
  std::vector<omnihub::xml::XmlProblem> problems;
  omnihub::xml::XmlDocPtr doc = omnihub::xml::ParseXmlPayload(
      xml, kAnswer, {kMaxXmlAnswerBytes, kMaxXmlAnswerDepth}, problems);
  if (doc == nullptr) {
    std::string message = problems.empty() ? "the answer is not XML" : problems.front().message;
    if (!problems.empty() && problems.front().line > 0) {
      absl::StrAppend(&message, " (line ", problems.front().line, ")");
    }
    return absl::InvalidArgumentError(message);
  }
  return doc;
}

absl::Status CheckXmlResult(const CompiledSystem& system, std::string_view operation, xmlDoc& doc) {
  if (!system.result) return absl::OkStatus();
  const ResultRule& rule = *system.result;
  XPathEvaluator xpath(&doc, system.namespaces);
  xmlNode* root = xmlDocGetRootElement(&doc);
  const std::string where = absl::StrCat(system.name, " ", std::string(operation));
  absl::StatusOr<Value> code = xpath.Read(*rule.code.xpath, root);
  if (!code.ok() || code->is_null()) {
    return absl::DataLossError(
        absl::StrCat(where, ": the answer has no result code at ", rule.code.text));
  }
  const std::string text = code->ToString();
  std::string message;
  if (rule.message) {
    absl::StatusOr<Value> m = xpath.Read(*rule.message->xpath, root);
    if (m.ok() && !m->is_null()) message = Snippet(m->ToString());
  }
  const auto it = rule.codes.find(text);
  if (it == rule.codes.end()) {
    return absl::DataLossError(absl::StrCat(where, ": unknown result code '", Snippet(text), "'",
                                            message.empty() ? "" : ": ", message));
  }
  if (it->second == absl::StatusCode::kOk) return absl::OkStatus();
  return absl::Status(
      it->second, absl::StrCat(where, ": result ", text, " (", std::string(CodeWord(it->second)),
                               ")", message.empty() ? "" : ": ", message));
}

absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           xmlDoc& doc, const std::function<Message*()>& add_record) {
  XPathEvaluator xpath(&doc, system.namespaces);
  if (operation.xml_root.xpath == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("operation '", operation.name, "' is not an http-xml operation"));
  }
  absl::StatusOr<std::vector<xmlNode*>> records =
      xpath.Nodes(*operation.xml_root.xpath, xmlDocGetRootElement(&doc));
  if (!records.ok()) return records.status();
  RecordMapper mapper(operation, xpath);
  for (size_t i = 0; i < records->size(); ++i) {
    xmlNode* node = (*records)[i];
    if (node->type != XML_ELEMENT_NODE) {
      return absl::InvalidArgumentError(
          absl::StrCat("record ", i + 1, " at '", operation.xml_root.text, "' is not an element"));
    }
    Message* out = add_record();
    if (out->GetDescriptor() != operation.record) {
      return absl::InvalidArgumentError(
          absl::StrCat("operation '", operation.name, "' maps ", operation.record->full_name(),
                       " records, not ", out->GetDescriptor()->full_name()));
    }
    mapper.MapOne(node, *out, i);
  }
  return mapper.status();
}

absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           std::string_view xml, const std::function<Message*()>& add_record) {
  absl::StatusOr<omnihub::xml::XmlDocPtr> doc = ParseXmlAnswer(xml);
  if (!doc.ok()) return doc.status();
  return MapXmlRecords(system, operation, **doc, add_record);
}

absl::Status MapXmlRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          xmlDoc& doc, Message& out) {
  size_t count = 0;
  absl::Status status = MapXmlRecords(system, operation, doc, [&]() -> Message* {
    ++count;
    return &out;
  });
  if (!status.ok()) return status;
  if (count != 1) {
    return absl::InvalidArgumentError(
        absl::StrCat("expected one record at '", operation.xml_root.text, "', found ", count));
  }
  return absl::OkStatus();
}

}  // namespace omnihub::mapping::engine
