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

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "adapters/mapping/engine/compiled_mapping.h"
#include "adapters/mapping/engine/xml_stream_states.h"
#include "adapters/mapping/engine/xpath.h"

namespace omnihub::mapping::engine {

class XmlStreamPlan {
 public:
  static constexpr int kDocument = 0;

  const std::vector<XmlStreamScope>& scopes() const { return scopes_; }
  // The scopes' branches as a state machine over element names (what the reader follows).
  const XmlStreamStates& states() const { return states_; }
  // The result code's and message's slots in the document scope (-1: none).
  int result_code_slot() const { return result_code_slot_; }
  int result_message_slot() const { return result_message_slot_; }

  // The id of a name (an element's or attribute's local name and namespace URI, empty for none)
  // that some step tests; -1 for any other name.
  int NameId(std::string_view local_name, std::string_view namespace_uri) const;

  // A number no other plan of the process has: what a cache of NameId's answers is kept for.
  uint64_t serial() const { return serial_; }

 private:
  friend class XmlStreamPlanner;
  uint64_t serial_ = 0;
  std::vector<XmlStreamScope> scopes_;
  XmlStreamStates states_;
  int result_code_slot_ = -1;
  int result_message_slot_ = -1;
  // The names by a cheap hash of the local name (NameId runs for every element read): a general
  // string hash costs more than the few comparisons a bucket holds.
  struct Name {
    std::string local_name;
    std::string namespace_uri;
    int id = 0;
  };
  static constexpr size_t kNameBuckets = 64;
  static size_t NameBucket(std::string_view local_name);
  std::vector<std::vector<Name>> names_ = std::vector<std::vector<Name>>(kNameBuckets);
  int name_count_ = 0;
};

// Sets CompiledOperation::xml_stream (and the stream scopes and slots of its selectors, and of
// the system's result rule) for every operation of an XML-shaped system whose selectors all
// stream; leaves it null for the others. Called once by the mapping compiler.
void PlanXmlStreaming(CompiledSystem& system);

}  // namespace omnihub::mapping::engine
