// Hardened libxml2 parsing and XSD validation for every XML document that comes from outside
// (hub configuration, mapping files, and later backend payloads): no network, no DTD, no
// entities, every problem collected with its line (and column where libxml2 knows it), nothing
// printed.
#pragma once

#include <libxml/tree.h>
#include <libxml/xmlschemas.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::xml {

// How problems in one kind of document are worded for its readers.
struct XmlDocumentKind {
  // The document in a sentence: "a mapping file", "the hub configuration".
  std::string name;
  // The schema in a sentence: "mapping", "configuration".
  std::string schema_name;
  // The target namespace, removed from libxml2's messages ("{urn:...}element" -> "element").
  std::string namespace_uri;
  // Where the allowed elements are documented, e.g. "mappings/README.md".
  std::string reference;
};

// One problem in a document. `node` is set for schema violations (to locate the element).
struct XmlProblem {
  int line = 0;
  int column = 0;
  std::string message;
  const xmlNode* node = nullptr;
};

struct XmlDocDeleter {
  void operator()(xmlDoc* doc) const { xmlFreeDoc(doc); }
};
using XmlDocPtr = std::unique_ptr<xmlDoc, XmlDocDeleter>;

// Parses `xml` with everything dangerous off: no network, no entity substitution, no DTD loading,
// and any <!DOCTYPE> refused before anything it declares is read (so external entities are never
// resolved or fetched, and entity bombs never expand). Returns null, with the reasons appended
// to `problems`, when the text is not a well-formed document.
//
// Thread-safe: errors go to a per-call collector, never to libxml2's global handlers.
XmlDocPtr ParseXmlSafely(std::string_view xml, const XmlDocumentKind& kind,
                         std::vector<XmlProblem>& problems);

// Limits on a backend payload (XML over HTTP: the http-xml connector, POSLog files).
struct XmlPayloadLimits {
  size_t max_bytes = 4u << 20;
  // Element nesting; libxml2 stops at 256 on its own, this is the mapping's limit.
  size_t max_depth = 64;
};

// ParseXmlSafely plus the limits: a document over `max_bytes` is refused before parsing, one
// nesting elements deeper than `max_depth` after (checked iteratively: no recursion). Payloads are
// read in the encoding they declare (UTF-8 when none; the tree is UTF-8 either way) with a parser
// context reused per thread (see safe_xml.cc); the tree is for reading only.
XmlDocPtr ParseXmlPayload(std::string_view xml, const XmlDocumentKind& kind,
                          const XmlPayloadLimits& limits, std::vector<XmlProblem>& problems);

// What StreamXmlPayload reports while it reads a payload, in document order. Names, namespace
// URIs and text are UTF-8 and valid only during the call; an empty URI is no namespace. Text
// arrives in pieces (entities and character references decoded, CDATA included): an element's
// text is every piece between its start and the next element event.
class XmlEventHandler {
 public:
  // The attributes of one start tag (namespace declarations are not attributes).
  class Attributes {
   public:
    Attributes(const xmlChar** raw, int count) : raw_(raw), count_(count) {}
    int size() const { return count_; }
    std::string_view local_name(int i) const { return View(raw_[i * 5]); }
    std::string_view namespace_uri(int i) const { return View(raw_[i * 5 + 2]); }
    // The value as the tree path gives it: normalised, references decoded.
    std::string value(int i) const;

   private:
    static std::string_view View(const xmlChar* text) {
      return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text))
                             : std::string_view();
    }
    const xmlChar** raw_;  // libxml2's SAX2 quintuples: local name, prefix, URI, value, end
    int count_;
  };

  virtual ~XmlEventHandler() = default;
  // Called once before the first element. Local names and namespace URIs come from libxml2's
  // dictionary, where a name is stored once and never changes: two names with the same data()
  // are equal, in this document and in every later one whose StartDocument gives the same
  // `dictionary` (a number never used twice in the process). A handler may remember what it
  // learnt about a name by its data() for that long.
  virtual void StartDocument(uint64_t dictionary) {}
  virtual void StartElement(std::string_view local_name, std::string_view namespace_uri,
                            const Attributes& attributes) = 0;
  virtual void EndElement() = 0;
  virtual void Text(std::string_view text) = 0;
};

// ParseXmlPayload without a tree: the same parser, options, limits and messages (a DOCTYPE
// refused before anything it declares is read, malformed XML and bad encodings reported first,
// then nesting deeper than `max_depth`), but elements and text go to `events` as libxml2's SAX2
// parser reads them, with a parser context reused per thread. Returns false, with the reasons
// appended to `problems`, when the document is refused; `events` may then have seen part of it
// (discard what it collected).
bool StreamXmlPayload(std::string_view xml, const XmlDocumentKind& kind,
                      const XmlPayloadLimits& limits, XmlEventHandler& events,
                      std::vector<XmlProblem>& problems);

// A compiled XSD. Immutable after Compile; Validate may run concurrently.
class XmlSchema {
 public:
  // INTERNAL when the schema text itself is broken (a build defect, not an architect's error).
  static absl::StatusOr<std::unique_ptr<XmlSchema>> Compile(std::string_view xsd,
                                                            XmlDocumentKind kind);
  ~XmlSchema();
  XmlSchema(const XmlSchema&) = delete;
  XmlSchema& operator=(const XmlSchema&) = delete;

  // Appends every violation in `doc` to `problems` (namespace prefixes removed from messages).
  // Returns true when there were none.
  bool Validate(xmlDoc* doc, std::vector<XmlProblem>& problems) const;

 private:
  XmlSchema(xmlSchema* schema, XmlDocumentKind kind) : schema_(schema), kind_(std::move(kind)) {}
  xmlSchema* schema_;
  const XmlDocumentKind kind_;
};

}  // namespace omnihub::xml
