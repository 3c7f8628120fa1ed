// Applies a compiled http-xml operation to an XML answer, producing canonical protobuf records,
// and reads the answer's result code (ResultRule in compiled_mapping.h).
//
// Answers are parsed by adapters/xml (no DTD, no entities, nothing fetched; a <!DOCTYPE> is
// refused, so entity bombs and external entities never expand) within kMaxXmlAnswerBytes and
// kMaxXmlAnswerDepth. XPath selectors are evaluated relative to the record node (the response
// root's nodes) and, inside a <repeated>, to the item node. Values arrive as text.
//
// Two ways to read an answer, with the same values and the same errors:
//  - streamed (ReadXmlAnswer, when the operation has an XmlStreamPlan: every selector it reads is
//    a plain path or a union of them): the values are collected from libxml2's SAX events while
//    the answer is parsed, no tree is built (xml_stream_reader.h);
//  - a tree (ParseXmlAnswer, or ReadXmlAnswer for any other operation): selectors are evaluated
//    on the libxml2 document (xpath.h).
//
// Errors name every failing field with its canonical target and XPath:
//   record 2: payment.captured <- p:Amounts/p:Captured: step 1 'money': ...
//
// Thread-safety: every function may run concurrently (each call has its own XPath context).
#pragma once

#include <google/protobuf/message.h>

#include <functional>
#include <optional>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xml_stream_reader.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::mapping::engine {

inline constexpr size_t kMaxXmlAnswerBytes = 4u << 20;
inline constexpr size_t kMaxXmlAnswerDepth = 64;

// INVALID_ARGUMENT naming what is wrong: oversized, too deep, malformed, a DOCTYPE.
absl::StatusOr<omnihub::xml::XmlDocPtr> ParseXmlAnswer(std::string_view xml);

// One answer read for one operation: streamed or a tree (see above). Move-only.
class XmlAnswer {
 public:
  explicit XmlAnswer(omnihub::xml::XmlDocPtr tree) : tree_(std::move(tree)) {}
  explicit XmlAnswer(StreamedAnswer streamed) : streamed_(std::move(streamed)) {}

  // The document (null when streamed).
  xmlDoc* tree() const { return tree_.get(); }
  // The values collected (null for a tree).
  const StreamedAnswer* streamed() const { return streamed_ ? &*streamed_ : nullptr; }
  XmlDocumentElement document_element() const;

 private:
  omnihub::xml::XmlDocPtr tree_;
  std::optional<StreamedAnswer> streamed_;
};

// Parses `xml` once for `operation`: streamed when the operation has an XmlStreamPlan, a tree
// otherwise. Errors as ParseXmlAnswer.
absl::StatusOr<XmlAnswer> ReadXmlAnswer(const CompiledOperation& operation, std::string_view xml);

// The answer's result per the system's rule: OK for a success code (and when the system declares
// no rule); the code's status otherwise, with the code and the backend's message
// ("payment refund: result 05 (declined): refund exceeds the captured amount"); DATA_LOSS for an
// answer without a result code or with a code the rule does not list.
absl::Status CheckXmlResult(const CompiledSystem& system, std::string_view operation, xmlDoc& doc);
absl::Status CheckXmlResult(const CompiledSystem& system, std::string_view operation,
                            const XmlAnswer& answer);

// Maps every node the operation's response root selects into a message from `add_record` (of
// the operation's record type). No nodes give no records.
absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           xmlDoc& doc,
                           const std::function<google::protobuf::Message*()>& add_record);

// The same on an answer read for `operation` (FAILED_PRECONDITION when it was streamed for
// another operation).
absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           const XmlAnswer& answer,
                           const std::function<google::protobuf::Message*()>& add_record);

// ReadXmlAnswer, then MapXmlRecords (the result code is not checked).
absl::Status MapXmlRecords(const CompiledSystem& system, const CompiledOperation& operation,
                           std::string_view xml,
                           const std::function<google::protobuf::Message*()>& add_record);

// Maps exactly one record into `out` (INVALID_ARGUMENT when the root selects none or several).
absl::Status MapXmlRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          xmlDoc& doc, google::protobuf::Message& out);
absl::Status MapXmlRecord(const CompiledSystem& system, const CompiledOperation& operation,
                          const XmlAnswer& answer, google::protobuf::Message& out);

}  // namespace omnihub::mapping::engine
