// Hardened libxml2 parsing and XSD validation for configuration files, collecting every problem
// with its line instead of printing anything.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::hub {

// One problem found in a document; line 0 when libxml2 does not know it.
struct XmlProblem {
  int line = 0;
  std::string message;
};

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses `xml` (already known to be UTF-8) with everything dangerous off: no network, no entity
// substitution, no external DTD, and any DOCTYPE refused outright (so entity bombs and external
// entities stop at the declaration, before expansion or reading anything). Returns null, with
// the reasons appended to `problems`, when the text is not a well-formed document. Line numbers
// are kept on nodes (xmlGetLineNo).
//
// Thread-safe: errors go to a per-call collector, never to libxml2's global handlers.
XmlDocPtr ParseXmlSafely(std::string_view xml, std::vector<XmlProblem>& problems);

// A compiled XSD. Thread-safe: immutable after Compile; Validate may run concurrently.
class XmlSchema {
 public:
  // INTERNAL when the schema text itself is broken (a build defect, not an operator error).
  static absl::StatusOr<std::unique_ptr<XmlSchema>> Compile(std::string_view xsd);
  ~XmlSchema();
  XmlSchema(const XmlSchema&) = delete;
  XmlSchema& operator=(const XmlSchema&) = delete;

  // Appends every violation of the schema in `doc` to `problems` (namespace prefixes removed).
  // Returns true when there were none.
  bool Validate(xmlDoc* doc, std::vector<XmlProblem>& problems) const;

 private:
  explicit XmlSchema(xmlSchema* schema) : schema_(schema) {}
  xmlSchema* schema_;
};

}  // namespace omnihub::hub
