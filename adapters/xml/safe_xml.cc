#include "adapters/xml/safe_xml.h"

#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <limits>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace omnihub::xml {
namespace {

void InitLibxml2Once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

// Where libxml2's callbacks put what they find, and how to word it.
struct Collector {
  std::vector<XmlProblem>* problems;
  const XmlDocumentKind* kind;
};

std::string Tidy(const char* message, const XmlDocumentKind& kind) {
  std::string text = message != nullptr ? message : "unknown XML error";
  if (!kind.namespace_uri.empty()) {
    text = absl::StrReplaceAll(text, {{absl::StrCat("{", kind.namespace_uri, "}"), ""}});
  }
  absl::StripTrailingAsciiWhitespace(&text);
  // With <xs:all> libxml2 does not say what would have been allowed; point the reader on.
  if (absl::EndsWith(text, "This element is not expected.") && !kind.reference.empty()) {
    absl::StrAppend(&text, " Check its spelling and where it is placed (", kind.reference, ").");
  }
  return text;
}

// libxml2 calls the structured handler with the parser context; the collector is in _private.
void CollectParserError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr || error == nullptr) return;
  // A DOCTYPE has already been reported by RefuseDoctype; the halt it causes is not news.
  if (error->level == XML_ERR_WARNING || error->code == XML_ERR_USER_STOP) return;
  auto* collector = static_cast<Collector*>(ctxt->_private);
  collector->problems->push_back(
      {error->line, error->int2,
       absl::StrCat("malformed XML: ", Tidy(error->message, *collector->kind))});
}

void RefuseDoctype(void* user_data, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                   const xmlChar* /*system_id*/) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  auto* collector = static_cast<Collector*>(ctxt->_private);
  const int line = ctxt->input != nullptr ? ctxt->input->line : 0;
  collector->problems->push_back(
      {line, 0,
       absl::StrCat("a <!DOCTYPE> declaration is not allowed in ", collector->kind->name,
                    " (DTDs and entities are disabled for safety, nothing they name is ever "
                    "read); remove it")});
  xmlStopParser(ctxt);
}

void CollectSchemaError(void* user_data, xmlErrorPtr error) {
  if (user_data == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  auto* collector = static_cast<Collector*>(user_data);
  const xmlNode* node = error->node != nullptr ? static_cast<const xmlNode*>(error->node) : nullptr;
  collector->problems->push_back({error->line, 0, Tidy(error->message, *collector->kind), node});
}

struct ParserCtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

// Parses with `ctxt` (fresh, or reset by libxml2 from an earlier successful parse).
XmlDocPtr ParseWith(xmlParserCtxt* ctxt, std::string_view xml, const XmlDocumentKind& kind,
                    const char* encoding, int extra_options, std::vector<XmlProblem>& problems) {
  if (xml.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    problems.push_back({0, 0, "the document is too large"});
    return nullptr;
  }
  std::vector<XmlProblem> found;
  Collector collector{&found, &kind};
  ctxt->_private = &collector;
  ctxt->sax->serror = CollectParserError;
  ctxt->sax->internalSubset = RefuseDoctype;
  // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
  // XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | extra_options;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt, xml.data(), static_cast<int>(xml.size()), nullptr, encoding,
                                  options));
  const bool well_formed = ctxt->wellFormed != 0;
  ctxt->_private = nullptr;
  if (!found.empty() || !well_formed || !doc) {
    if (found.empty()) found.push_back({0, 0, "malformed XML: the document could not be parsed"});
    problems.insert(problems.end(), found.begin(), found.end());
    return nullptr;
  }
  return doc;
}

// A payload parser context kept per thread: creating one (SAX handler, dictionary, stacks) costs
// about as much as parsing a small answer. Replaced after a failed parse (a stopped parser is not
// reused) and after kPayloadParsesPerContext documents or kMaxPayloadDictNames names, so that the
// dictionary it shares with its documents cannot grow without bound.
constexpr int kPayloadParsesPerContext = 1000;
constexpr size_t kMaxPayloadDictNames = 20000;

struct PayloadParser {
  std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter> ctxt;
  int parses = 0;

  xmlParserCtxt* Get() {
    if (ctxt && (parses >= kPayloadParsesPerContext ||
                 (ctxt->dict != nullptr &&
                  static_cast<size_t>(xmlDictSize(ctxt->dict)) > kMaxPayloadDictNames))) {
      ctxt.reset();
    }
    if (!ctxt) {
      ctxt.reset(xmlNewParserCtxt());
      parses = 0;
    }
    ++parses;
    return ctxt.get();
  }
};

}  // namespace

XmlDocPtr ParseXmlSafely(std::string_view xml, const XmlDocumentKind& kind,
                         std::vector<XmlProblem>& problems) {
  InitLibxml2Once();
  std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    problems.push_back({0, 0, "out of memory creating the XML parser"});
    return nullptr;
  }
  return ParseWith(ctxt.get(), xml, kind, "UTF-8", 0, problems);
}

XmlDocPtr ParseXmlPayload(std::string_view xml, const XmlDocumentKind& kind,
                          const XmlPayloadLimits& limits, std::vector<XmlProblem>& problems) {
  if (xml.size() > limits.max_bytes) {
    problems.push_back({0, 0,
                        absl::StrCat(kind.name, " is ", xml.size(),
                                     " bytes, more than the limit of ", limits.max_bytes)});
    return nullptr;
  }
  InitLibxml2Once();
  thread_local PayloadParser parser;
  xmlParserCtxt* ctxt = parser.Get();
  if (ctxt == nullptr) {
    problems.push_back({0, 0, "out of memory creating the XML parser"});
    return nullptr;
  }
  // The encoding the document declares (UTF-8 when it declares none): libxml2 decodes it and
  // checks it, and the tree is UTF-8 either way. COMPACT keeps short texts inside their nodes
  // (payload trees are only read).
  XmlDocPtr doc = ParseWith(ctxt, xml, kind, nullptr, XML_PARSE_COMPACT, problems);
  if (doc == nullptr) {
    parser.ctxt.reset();
    return nullptr;
  }
  // Depth-first walk without recursion: down to the first child, else to the next sibling of
  // the nearest ancestor that has one.
  size_t depth = 0;
  for (const xmlNode* node = xmlDocGetRootElement(doc.get()); node != nullptr;) {
    if (node->type == XML_ELEMENT_NODE && depth + 1 > limits.max_depth) {
      problems.push_back({static_cast<int>(xmlGetLineNo(node)), 0,
                          absl::StrCat(kind.name, " nests elements more than ", limits.max_depth,
                                       " levels deep")});
      return nullptr;
    }
    if (node->type == XML_ELEMENT_NODE && node->children != nullptr) {
      node = node->children;
      ++depth;
      continue;
    }
    while (node != nullptr && node->next == nullptr) {
      node = node->parent;
      if (node == nullptr || node->type == XML_DOCUMENT_NODE) return doc;
      --depth;
    }
    if (node != nullptr) node = node->next;
  }
  return doc;
}

absl::StatusOr<std::unique_ptr<XmlSchema>> XmlSchema::Compile(std::string_view xsd,
                                                              XmlDocumentKind kind) {
  InitLibxml2Once();
  std::vector<XmlProblem> problems;
  Collector collector{&problems, &kind};
  xmlSchemaParserCtxt* parser = xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size()));
  if (parser == nullptr) return absl::InternalError("cannot create the XSD parser");
  xmlSchemaSetParserStructuredErrors(parser, CollectSchemaError, &collector);
  xmlSchema* schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) {
    std::string message =
        absl::StrCat("the embedded ", kind.schema_name, " schema does not compile:");
    for (const auto& problem : problems) {
      absl::StrAppend(&message, "\n  line ", problem.line, ": ", problem.message);
    }
    return absl::InternalError(message);
  }
  return std::unique_ptr<XmlSchema>(new XmlSchema(schema, std::move(kind)));
}

XmlSchema::~XmlSchema() { xmlSchemaFree(schema_); }

bool XmlSchema::Validate(xmlDoc* doc, std::vector<XmlProblem>& problems) const {
  xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(schema_);
  if (ctxt == nullptr) {
    problems.push_back({0, 0, "out of memory creating the schema validator"});
    return false;
  }
  const size_t before = problems.size();
  Collector collector{&problems, &kind_};
  xmlSchemaSetValidStructuredErrors(ctxt, CollectSchemaError, &collector);
  const int result = xmlSchemaValidateDoc(ctxt, doc);
  xmlSchemaFreeValidCtxt(ctxt);
  if (result != 0 && problems.size() == before) {
    problems.push_back(
        {0, 0, absl::StrCat("the document does not match the ", kind_.schema_name, " schema")});
  }
  return result == 0;
}

}  // namespace omnihub::xml
