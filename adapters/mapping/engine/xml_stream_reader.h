// Reads an http-xml answer for one operation without a tree: libxml2's SAX events
// (adapters/xml StreamXmlPayload: the same parser, limits and protections as ParseXmlAnswer) run
// through the operation's XmlStreamPlan, which keeps, for every scope element (the document,
// each record, each <repeated> item) the values its selectors select, as XPath gives them: the
// string value (the element's text, references decoded, CDATA included; an attribute's value),
// how many nodes were selected, and whether a selected element has child elements. The mapper
// (xml_mapper.cc) then reads these instead of walking a tree, so both paths give the same values
// and the same errors.
//
// Thread-safety: a StreamedAnswer is immutable once read; reading uses per-thread scratch space,
// and a dropped answer leaves its (emptied) vectors to the next one read on the same thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xml_stream_plan.h"
#include "adapters/mapping/value.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::mapping::engine {

// The document element, for callers that check what kind of document they got (POSLog).
struct XmlDocumentElement {
  std::string local_name;
  std::string namespace_uri;  // empty: none
  size_t child_elements = 0;
};

class StreamedAnswer {
 public:
  // An element of a scope: the document (0), a record, an item.
  using Element = uint32_t;
  static constexpr Element kDocument = 0;

  // Nothing, with the reasons in `problems`, when the document is refused (oversized, too deep,
  // malformed, a DOCTYPE: ParseXmlPayload's checks and words). `plan` must outlive the answer.
  static std::optional<StreamedAnswer> Read(const XmlStreamPlan& plan, std::string_view xml,
                                            const xml::XmlDocumentKind& kind,
                                            const xml::XmlPayloadLimits& limits,
                                            std::vector<xml::XmlProblem>& problems);

  const XmlStreamPlan& plan() const { return *plan_; }
  const XmlDocumentElement& document_element() const { return document_element_; }

  // The value `selector` selects relative to `element` (a selector of its scope, or of the
  // document): null for no node, text for one, XPathEvaluator::Read's error otherwise.
  absl::StatusOr<Value> Read(const Selector& selector, Element element) const;
  // The elements `selector` (a response root or <repeated>) selects relative to `element`, in
  // document order.
  std::vector<Element> Elements(const Selector& selector, Element element) const;

 private:
  friend class StreamCollector;
  static constexpr uint32_t kNone = UINT32_MAX;

  struct Selected {
    uint32_t count = 0;  // nodes selected
    // When the first node is an element with child elements: its local name, in names_.
    uint32_t element_with_children = kNone;
    std::string text;        // of the first node
    uint64_t last_node = 0;  // the last node counted (a union may select one node twice)
  };
  struct Instance {
    int scope = 0;
    uint32_t values = 0;    // its scope's slots, from here in values_
    uint32_t children = 0;  // per child scope: first and last element, from here in first_/last_
    uint32_t next = kNone;  // the next element of the same scope under the same parent
    uint64_t node = 0;      // the element it is
  };

  // What an answer holds, in vectors whose capacity is kept per thread from one answer to the
  // next (allocating them costs about as much as collecting a small answer's values).
  struct Storage {
    std::vector<Instance> instances;
    // The first values_used are this answer's; those after them are kept from earlier answers on
    // the thread (their text's capacity with them) and reset when they are used again.
    std::vector<Selected> values;
    uint32_t values_used = 0;
    std::vector<std::string> names;  // of selected elements with child elements (an error)
    std::vector<uint32_t> first;
    std::vector<uint32_t> last;
  };

 public:
  StreamedAnswer(StreamedAnswer&& other) noexcept = default;
  StreamedAnswer& operator=(StreamedAnswer&& other) noexcept;
  ~StreamedAnswer();

 private:
  explicit StreamedAnswer(const XmlStreamPlan& plan);
  static std::optional<Storage>& Spare();
  const Selected* Slot(const Selector& selector, Element element) const;

  const XmlStreamPlan* plan_;
  XmlDocumentElement document_element_;
  Storage s_;
};

}  // namespace omnihub::mapping::engine
