#include "adapters/xml/safe_xml.h"

#include <libxml/dict.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

#include <atomic>
#include <cstring>
#include <limits>
#include <mutex>
#include <optional>
#include <utility>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"
#include "adapters/xml/kept_input.h"

namespace omnihub::xml {
namespace {

void InitLibxml2Once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

struct StreamState;

// Where libxml2's callbacks put what they find, and how to word it.
struct Collector {
  std::vector<XmlProblem>* problems;
  const XmlDocumentKind* kind;
  StreamState* stream = nullptr;  // StreamXmlPayload only
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

// Runs `ctxt` (fresh, or reset by libxml2 from an earlier successful parse) over `xml` with its
// SAX handler, collecting problems in `collector`. Returns the document the handler built, if any,
// and whether the text was a well-formed document without problems. With `kept`, the document is
// read through its buffer (a handler that builds no tree; `encoding` must be null).
std::pair<XmlDocPtr, bool> RunParser(xmlParserCtxt* ctxt, std::string_view xml,
                                     Collector& collector, const char* encoding, int extra_options,
                                     KeptInput* kept = nullptr) {
  if (xml.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    collector.problems->push_back({0, 0, "the document is too large"});
    return {nullptr, false};
  }
  ctxt->_private = &collector;
  ctxt->sax->serror = CollectParserError;
  ctxt->sax->internalSubset = RefuseDoctype;
  // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
  // XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES | extra_options;
  const size_t before = collector.problems->size();
  XmlDocPtr doc;
  if (kept != nullptr) {
    if (!kept->Read(ctxt, xml, options)) {
      ctxt->_private = nullptr;
      collector.problems->push_back({0, 0, "out of memory reading the XML document"});
      return {nullptr, false};
    }
  } else {
    doc.reset(xmlCtxtReadMemory(ctxt, xml.data(), static_cast<int>(xml.size()), nullptr, encoding,
                                options));
  }
  const bool well_formed = ctxt->wellFormed != 0;
  ctxt->_private = nullptr;
  if (collector.problems->size() > before || !well_formed) {
    if (collector.problems->size() == before) {
      collector.problems->push_back({0, 0, "malformed XML: the document could not be parsed"});
    }
    return {nullptr, false};
  }
  return {std::move(doc), true};
}

// Parses with `ctxt` into a tree.
XmlDocPtr ParseWith(xmlParserCtxt* ctxt, std::string_view xml, const XmlDocumentKind& kind,
                    const char* encoding, int extra_options, std::vector<XmlProblem>& problems) {
  std::vector<XmlProblem> found;
  Collector collector{&found, &kind};
  auto [doc, ok] = RunParser(ctxt, xml, collector, encoding, extra_options);
  if (!ok || !doc) {
    if (found.empty()) found.push_back({0, 0, "malformed XML: the document could not be parsed"});
    problems.insert(problems.end(), found.begin(), found.end());
    return nullptr;
  }
  return std::move(doc);
}

bool OverLimit(std::string_view xml, const XmlDocumentKind& kind, const XmlPayloadLimits& limits,
               std::vector<XmlProblem>& problems) {
  if (xml.size() <= limits.max_bytes) return false;
  problems.push_back({0, 0,
                      absl::StrCat(kind.name, " is ", xml.size(), " bytes, more than the limit of ",
                                   limits.max_bytes)});
  return true;
}

XmlProblem TooDeep(int line, const XmlDocumentKind& kind, const XmlPayloadLimits& limits) {
  return {line, 0,
          absl::StrCat(kind.name, " nests elements more than ", limits.max_depth, " levels deep")};
}

// StreamXmlPayload's SAX2 callbacks: nesting counted, events passed on until the first element
// too deep (the document is refused then; the parse goes on only to report malformed XML first,
// as the tree path does).
struct StreamState {
  XmlEventHandler* events;
  const XmlDocumentKind* kind;
  const XmlPayloadLimits* limits;
  size_t depth = 0;
  std::optional<XmlProblem> too_deep;
  // The namespace URI of the last element, measured once: elements mostly share one, and libxml2
  // hands the same dictionary string for it every time.
  const xmlChar* uri = nullptr;
  std::string_view uri_view{};
  KeptInput* input = nullptr;  // what the document is read through
};

StreamState& StateOf(void* user_data) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  return *static_cast<Collector*>(ctxt->_private)->stream;
}

std::string_view View(const xmlChar* text) {
  return text != nullptr ? std::string_view(reinterpret_cast<const char*>(text))
                         : std::string_view();
}

void OnStartElement(void* user_data, const xmlChar* local_name, const xmlChar* /*prefix*/,
                    const xmlChar* uri, int /*nb_namespaces*/, const xmlChar** /*namespaces*/,
                    int nb_attributes, int /*nb_defaulted*/, const xmlChar** attributes) {
  StreamState& state = StateOf(user_data);
  if (++state.depth > state.limits->max_depth && !state.too_deep) {
    const auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
    state.too_deep =
        TooDeep(ctxt->input != nullptr ? ctxt->input->line : 0, *state.kind, *state.limits);
  }
  if (state.too_deep) return;
  if (uri != state.uri) {
    state.uri = uri;
    state.uri_view = View(uri);
  }
  state.events->StartElement(View(local_name), state.uri_view,
                             XmlEventHandler::Attributes(attributes, nb_attributes));
}

void OnEndElement(void* user_data, const xmlChar*, const xmlChar*, const xmlChar*) {
  StreamState& state = StateOf(user_data);
  --state.depth;
  if (!state.too_deep) state.events->EndElement();
}

void OnText(void* user_data, const xmlChar* text, int length) {
  StreamState& state = StateOf(user_data);
  if (!state.too_deep && length > 0) {
    state.events->Text(
        std::string_view(reinterpret_cast<const char*>(text), static_cast<size_t>(length)));
  }
}

// The document's encoding is settled once its declaration is read: the kept input stops refilling
// (kept_input.h). The differential test in tests/mapping_engine/xml_stream_test.cc compares what
// is read with the tree path, in UTF-8 and in encodings converted while they are read.
void OnStartDocument(void* user_data) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  StreamState& state = StateOf(user_data);
  if (state.input != nullptr) state.input->DeclarationRead(ctxt);
}

// Only what StreamXmlPayload needs: no tree, no document, comments and processing instructions
// ignored. RunParser adds the error and DOCTYPE handlers.
void InstallStreamHandler(xmlSAXHandler& sax) {
  std::memset(&sax, 0, sizeof sax);
  sax.initialized = XML_SAX2_MAGIC;
  sax.startDocument = OnStartDocument;
  sax.startElementNs = OnStartElement;
  sax.endElementNs = OnEndElement;
  sax.characters = OnText;
  sax.ignorableWhitespace = OnText;
  sax.cdataBlock = OnText;
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
  // The input buffer StreamXmlPayload reads through (kept_input.h).
  KeptInput input;
  // The number of ctxt's dictionary (XmlEventHandler::StartDocument), new with every context.
  uint64_t dictionary = 0;

  xmlParserCtxt* Get() {
    if (ctxt && (parses >= kPayloadParsesPerContext ||
                 (ctxt->dict != nullptr &&
                  static_cast<size_t>(xmlDictSize(ctxt->dict)) > kMaxPayloadDictNames))) {
      ctxt.reset();
    }
    if (!ctxt) {
      static std::atomic<uint64_t> dictionaries{0};
      ctxt.reset(xmlNewParserCtxt());
      parses = 0;
      dictionary = ++dictionaries;
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
  if (OverLimit(xml, kind, limits, problems)) return nullptr;
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
      problems.push_back(TooDeep(static_cast<int>(xmlGetLineNo(node)), kind, limits));
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

bool StreamXmlPayload(std::string_view xml, const XmlDocumentKind& kind,
                      const XmlPayloadLimits& limits, XmlEventHandler& events,
                      std::vector<XmlProblem>& problems) {
  if (OverLimit(xml, kind, limits, problems)) return false;
  InitLibxml2Once();
  thread_local PayloadParser parser;
  xmlParserCtxt* ctxt = parser.Get();
  if (ctxt == nullptr || ctxt->sax == nullptr) {
    problems.push_back({0, 0, "out of memory creating the XML parser"});
    return false;
  }
  InstallStreamHandler(*ctxt->sax);
  events.StartDocument(parser.dictionary);
  StreamState state{&events, &kind, &limits, 0, std::nullopt};
  state.input = &parser.input;
  Collector collector{&problems, &kind, &state};
  if (!RunParser(ctxt, xml, collector, nullptr, 0, &parser.input).second) {
    parser.ctxt.reset();
    return false;
  }
  if (state.too_deep) {
    problems.push_back(*state.too_deep);
    return false;
  }
  return true;
}

// libxml2 hands attribute values over normalised and with character references decoded, except
// '&' (from &amp; or &#38;), which it keeps as "&#38;" when entities are not substituted (the tree
// builder decodes it again). A literal '&' cannot occur in a value, so every one starts "&#38;".
std::string XmlEventHandler::Attributes::value(int i) const {
  const char* begin = reinterpret_cast<const char*>(raw_[i * 5 + 3]);
  const char* end = reinterpret_cast<const char*>(raw_[i * 5 + 4]);
  std::string out;
  out.reserve(static_cast<size_t>(end - begin));
  for (const char* c = begin; c < end; ++c) {
    out.push_back(*c);
    if (*c == '&' && end - c >= 5 && std::string_view(c, 5) == "&#38;") c += 4;
  }
  return out;
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
