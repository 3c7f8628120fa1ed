#include "adapters/mapping/engine/xml_mapper.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/engine/field_writer.h"
#include "adapters/mapping/engine/mapped_record.h"

namespace omnihub::mapping::engine {
namespace {

using google::protobuf::Message;

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

// Where the mapper reads values: a parsed document (selectors evaluated by XPathEvaluator)...
class TreeSource {
 public:
  using Node = xmlNode*;
  TreeSource(xmlDoc& doc, const XmlNamespaces& namespaces) : xpath_(&doc, namespaces) {
    root_ = xmlDocGetRootElement(&doc);
  }
  Node root() const { return root_; }
  absl::StatusOr<Value> Read(const Selector& selector, Node node) {
    return xpath_.Read(*selector.xpath, node);
  }
  absl::StatusOr<std::vector<Node>> Nodes(const Selector& selector, Node node) {
    return xpath_.Nodes(*selector.xpath, node);
  }
  static bool IsElement(Node node) { return node->type == XML_ELEMENT_NODE; }

 private:
  XPathEvaluator xpath_;
  Node root_;
};

// ... or the values a streamed answer collected for the same selectors.
class StreamSource {
 public:
  using Node = StreamedAnswer::Element;
  explicit StreamSource(const StreamedAnswer& answer) : answer_(answer) {}
  static Node root() { return StreamedAnswer::kDocument; }
  absl::StatusOr<Value> Read(const Selector& selector, Node node) {
    return answer_.Read(selector, node);
  }
  absl::StatusOr<std::vector<Node>> Nodes(const Selector& selector, Node node) {
    return answer_.Elements(selector, node);
  }
  static bool IsElement(Node) { return true; }

 private:
  const StreamedAnswer& answer_;
};

// Collects the field errors of one answer. Not thread-safe; lives for one call.
template <typename Source>
class RecordMapper {
 public:
  using Node = typename Source::Node;
  RecordMapper(const CompiledOperation& op, Source& source) : op_(op), source_(source) {}

  void MapOne(Node record, Message& out, size_t index) {
    index_ = index;
    MapFields(op_.fields, op_.groups, record, out, nullptr);
    StampSourceSystem(op_, out);
    if (op_.identifiers_field != nullptr) MapIdentifiers(record, out);
  }

  absl::Status status() const { return errors_.status(); }

 private:
  void Error(const std::string& target, const ItemPath* base, const Selector* source,
             absl::string_view what) {
    if (!errors_.Room()) return;
    const std::string where =
        source == nullptr ? "(constant)" : absl::StrCat(Text(base), source->text);
    errors_.Add(absl::StrCat("record ", index_ + 1, ": ", target, " <- ", where, ": ", what));
  }

  void MapFields(const std::vector<CompiledField>& fields, const std::vector<CompiledGroup>& groups,
                 Node node, Message& out, const ItemPath* base) {
    RecordWriter writer(out);
    for (const CompiledField& field : fields) MapField(field, node, writer, base);
    for (const CompiledGroup& group : groups) MapGroup(group, node, writer, base);
  }

  void MapField(const CompiledField& field, Node node, RecordWriter& out, const ItemPath* base) {
    const Selector* source = field.constant ? nullptr : &field.sources.front();
    absl::StatusOr<Value> value =
        field.constant ? absl::StatusOr<Value>(*field.constant) : Transformed(field, node, source);
    if (!value.ok()) return Error(field.target.display, base, source, value.status().message());
    if (value->is_null()) {
      if (field.required) Error(field.target.display, base, source, "is required but missing");
      return;
    }
    if (absl::Status s = out.Write(field.target, *std::move(value)); !s.ok()) {
      Error(field.target.display, base, source, s.message());
    }
  }

  // The field's sources read and transformed; a source that cannot be read is left in `source`.
  absl::StatusOr<Value> Transformed(const CompiledField& field, Node node,
                                    const Selector*& source) {
    if (field.sources.size() == 1) {
      absl::StatusOr<Value> in = source_.Read(*source, node);
      if (!in.ok()) return in;
      return field.chain.Apply(*std::move(in));
    }
    std::vector<Value> inputs;
    inputs.reserve(field.sources.size());
    for (const Selector& s : field.sources) {
      absl::StatusOr<Value> in = source_.Read(s, node);
      if (!in.ok()) {
        source = &s;
        return in;
      }
      inputs.push_back(*std::move(in));
    }
    return field.chain.ApplyMany(inputs);
  }

  void MapGroup(const CompiledGroup& group, Node node, RecordWriter& out, const ItemPath* base) {
    absl::StatusOr<std::vector<Node>> items = source_.Nodes(group.source, node);
    if (!items.ok())
      return Error(group.target.display, base, &group.source, items.status().message());
    for (size_t i = 0; i < items->size(); ++i) {
      Message* added = out.AddItem(group.target);
      const ItemPath item{base, &group.source, i + 1};
      MapFields(group.fields, group.groups, (*items)[i], *added, &item);
    }
  }

  void MapIdentifiers(Node record, Message& out) {
    for (const CompiledIdentifier& id : op_.identifiers) {
      absl::StatusOr<Value> value = source_.Read(id.source, record);
      if (value.ok()) value = id.chain.Apply(*value);
      if (!value.ok()) {
        Error(absl::StrCat("identifier ", omnihub::v1::IdentifierType_Name(id.type)), nullptr,
              &id.source, value.status().message());
        continue;
      }
      AddIdentifier(op_, id, *value, out);
    }
  }

  const CompiledOperation& op_;
  Source& source_;
  size_t index_ = 0;
  FieldErrors errors_;
};

// The answer's problems as one INVALID_ARGUMENT: the first, with its line.
absl::Status AnswerProblem(const std::vector<omnihub::xml::XmlProblem>& problems) {
  std::string message = problems.empty() ? "the answer is not XML" : problems.front().message;
  if (!problems.empty() && problems.front().line > 0) {
    absl::StrAppend(&message, " (line ", problems.front().line, ")");
  }
  return absl::InvalidArgumentError(message);
}

template <typename Source>
absl::Status CheckResult(const CompiledSystem& system, std::string_view operation, Source& source) {
  if (!system.result) return absl::OkStatus();
  const ResultRule& rule = *system.result;
  const std::string where = absl::StrCat(system.name, " ", std::string(operation));
  absl::StatusOr<Value> code = source.Read(rule.code, source.root());
  if (!code.ok() || code->is_null()) {
    return absl::DataLossError(
        absl::StrCat(where, ": the answer has no result code at ", rule.code.text));
  }
  const std::string text = code->ToString();
  std::string message;
  if (rule.message) {
    absl::StatusOr<Value> m = source.Read(*rule.message, source.root());
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

template <typename Source>
absl::Status MapRecords(const CompiledOperation& operation, Source& source,
                        const std::function<Message*()>& add_record) {
  if (operation.xml_root.xpath == nullptr) {
    return absl::FailedPreconditionError(
        absl::StrCat("operation '", operation.name, "' is not an http-xml operation"));
  }
  auto records = source.Nodes(operation.xml_root, source.root());
  if (!records.ok()) return records.status();
  RecordMapper<Source> mapper(operation, source);
  for (size_t i = 0; i < records->size(); ++i) {
    const auto node = (*records)[i];
    if (!Source::IsElement(node)) {
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

// A streamed answer holds only what its operation's plan selects.
absl::Status CheckPlan(const StreamedAnswer& answer, const CompiledOperation& operation) {
  if (operation.xml_stream.get() == &answer.plan()) return absl::OkStatus();
  return absl::FailedPreconditionError(
      absl::StrCat("the answer was read for another operation than '", operation.name, "'"));
}

}  // namespace

absl::StatusOr<omnihub::xml::XmlDocPtr> ParseXmlAnswer(std::string_view xml) {
  std::vector<omnihub::xml::XmlProblem> problems;
  omnihub::xml::XmlDocPtr doc = omnihub::xml::ParseXmlPayload(
      xml, kAnswer, {kMaxXmlAnswerBytes, kMaxXmlAnswerDepth}, problems);
  if (doc == nullptr) return AnswerProblem(problems);
  return doc;
}

absl::StatusOr<XmlAnswer> ReadXmlAnswer(const CompiledOperation& operation, std::string_view xml) {
  if (operation.xml_stream == nullptr) {
    absl::StatusOr<omnihub::xml::XmlDocPtr> doc = ParseXmlAnswer(xml);
    if (!doc.ok()) return doc.status();
    return XmlAnswer(*std::move(doc));
  }
  std::vector<omnihub::xml::XmlProblem> problems;
  std::optional<StreamedAnswer> streamed = StreamedAnswer::Read(
      *operation.xml_stream, xml, kAnswer, {kMaxXmlAnswerBytes, kMaxXmlAnswerDepth}, problems);
  if (!streamed) return AnswerProblem(problems);
  return XmlAnswer(*std::move(streamed));
}

XmlDocumentElement XmlAnswer::document_element() const {
  if (streamed_) return streamed_->document_element();
  XmlDocumentElement element;
  const xmlNode* root = tree_ != nullptr ? xmlDocGetRootElement(tree_.get()) : nullptr;
  if (root == nullptr) return element;
  element.local_name = reinterpret_cast<const char*>(root->name);
  if (root->ns != nullptr && root->ns->href != nullptr) {
    element.namespace_uri = reinterpret_cast<const char*>(root->ns->href);
  }
  for (const xmlNode* c = root->children; c != nullptr; c = c->next) {
    if (c->type == XML_ELEMENT_NODE) ++element.child_elements;
  }
  return element;
}

absl::Status CheckXmlResult(const CompiledSystem& system, std::string_view operation, xmlDoc& doc) {
  TreeSource source(doc, system.namespaces);
  return CheckResult(system, operation, source);
}

absl::Status CheckXmlResult(const CompiledSystem& system, std::string_view operation,
                            const XmlAnswer& answer) {
  if (answer.tree() != nullptr) return CheckXmlResult(system, operation, *answer.tree());
  StreamSource source(*answer.streamed());
  return CheckResult(system, operation, source);
}

absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           xmlDoc& doc, const std::function<Message*()>& add_record) {
  TreeSource source(doc, system.namespaces);
  return MapRecords(operation, source, add_record);
}

absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           const XmlAnswer& answer, const std::function<Message*()>& add_record) {
  if (answer.tree() != nullptr) return MapXmlRecords(system, operation, *answer.tree(), add_record);
  if (absl::Status s = CheckPlan(*answer.streamed(), operation); !s.ok()) return s;
  StreamSource source(*answer.streamed());
  return MapRecords(operation, source, add_record);
}

absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           std::string_view xml, const std::function<Message*()>& add_record) {
  absl::StatusOr<XmlAnswer> answer = ReadXmlAnswer(operation, xml);
  if (!answer.ok()) return answer.status();
  return MapXmlRecords(system, operation, *answer, add_record);
}

namespace {

template <typename Answer>
absl::Status MapOneRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          Answer& answer, Message& out) {
  size_t count = 0;
  absl::Status status = MapXmlRecords(system, operation, answer, [&]() -> Message* {
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

}  // namespace

absl::Status MapXmlRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          xmlDoc& doc, Message& out) {
  return MapOneRecord(system, operation, doc, out);
}

absl::Status MapXmlRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          const XmlAnswer& answer, Message& out) {
  return MapOneRecord(system, operation, answer, out);
}

}  // namespace omnihub::mapping::engine
