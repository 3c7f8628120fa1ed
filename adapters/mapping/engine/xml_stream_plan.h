// The selectors of one http-xml operation compiled for streaming: when every selector the
// operation reads (the system's result code and message, the response root, each field, each
// <repeated> and its fields, each identifier) is a plain path or a union of plain paths (see
// XPath::plain_union()), an answer can be mapped from libxml2's SAX events without building a
// tree (xml_stream_reader.h), with the same values and errors as the tree path.
//
// The plan is a tree of scopes: the document (scope 0), the records (the response root's
// elements), the items of each <repeated>. A scope lists the branches to follow from each of its
// elements: down to a value (a slot of the scope) or to the elements of a child scope. Absolute
// paths, the result code and the response root are followed from the document.
//
// Thread-safety: immutable after PlanXmlStreaming.
#pragma once

#include <vector>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xpath.h"

namespace omnihub::mapping::engine {

// One plain path to follow from an element of a scope (from the document in scope 0).
struct XmlStreamBranch {
  std::vector<XPath::Step> steps;  // never empty; only the last may be an attribute
  bool to_scope = false;  // true: finds the elements of scope `target`; false: slot `target`
  int target = 0;
};

struct XmlStreamScope {
  int parent = -1;          // -1 for the document
  int index_in_parent = 0;  // among the parent's `children`
  int slots = 0;            // values held per element of the scope
  std::vector<int> children;
  std::vector<XmlStreamBranch> branches;
};

class XmlStreamPlan {
 public:
  static constexpr int kDocument = 0;

  const std::vector<XmlStreamScope>& scopes() const { return scopes_; }
  // The result code's and message's slots in the document scope (-1: none).
  int result_code_slot() const { return result_code_slot_; }
  int result_message_slot() const { return result_message_slot_; }

 private:
  friend class XmlStreamPlanner;
  std::vector<XmlStreamScope> scopes_;
  int result_code_slot_ = -1;
  int result_message_slot_ = -1;
};

// Sets CompiledOperation::xml_stream (and the stream scopes and slots of its selectors, and of
// the system's result rule) for every operation of an XML-shaped system whose selectors all
// stream; leaves it null for the others. Called once by the mapping compiler.
void PlanXmlStreaming(CompiledSystem& system);

}  // namespace omnihub::mapping::engine
