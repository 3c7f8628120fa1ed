#include "adapters/mapping/engine/safe_xml.h"

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include <limits>
#include <mutex>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "absl/strings/strip.h"

namespace omnihub::mapping::engine {
namespace {

void InitLibxml2Once() {
  static std::once_flag once;
  std::call_once(once, [] { xmlInitParser(); });
}

std::string Tidy(const char* message) {
  std::string text = message != nullptr ? message : "unknown XML error";
  text = absl::StrReplaceAll(text, {{"{urn:omnihub:mapping:v1}", ""}});
  absl::StripTrailingAsciiWhitespace(&text);
  if (absl::EndsWith(text, "This element is not expected.")) {
    absl::StrAppend(&text, " Check its spelling and where it is placed (mappings/README.md).");
  }
  return text;
}

// libxml2 calls the structured handler with the parser context; the collector is in _private.
void CollectParserError(void* user_data, xmlErrorPtr error) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  if (ctxt == nullptr || ctxt->_private == nullptr || error == nullptr) return;
  if (error->level == XML_ERR_WARNING || error->code == XML_ERR_USER_STOP) return;
  auto* problems = static_cast<std::vector<XmlProblem>*>(ctxt->_private);
  problems->push_back(
      {error->line, error->int2, absl::StrCat("malformed XML: ", Tidy(error->message))});
}

void RefuseDoctype(void* user_data, const xmlChar* /*name*/, const xmlChar* /*external_id*/,
                   const xmlChar* /*system_id*/) {
  auto* ctxt = static_cast<xmlParserCtxt*>(user_data);
  auto* problems = static_cast<std::vector<XmlProblem>*>(ctxt->_private);
  const int line = ctxt->input != nullptr ? ctxt->input->line : 0;
  problems->push_back({line, 0,
                       "a <!DOCTYPE> declaration is not allowed in a mapping file (DTDs and "
                       "entities are disabled for safety, nothing they name is ever read); "
                       "remove it"});
  xmlStopParser(ctxt);
}

void CollectSchemaError(void* user_data, xmlErrorPtr error) {
  if (user_data == nullptr || error == nullptr || error->level == XML_ERR_WARNING) return;
  auto* problems = static_cast<std::vector<XmlProblem>*>(user_data);
  const xmlNode* node = error->node != nullptr ? static_cast<const xmlNode*>(error->node) : nullptr;
  problems->push_back({error->line, 0, Tidy(error->message), node});
}

struct ParserCtxtDeleter {
  void operator()(xmlParserCtxt* ctxt) const { xmlFreeParserCtxt(ctxt); }
};

}  // namespace

XmlDocPtr ParseXmlSafely(std::string_view xml, std::vector<XmlProblem>& problems) {
  InitLibxml2Once();
  if (xml.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
    problems.push_back({0, 0, "the document is too large"});
    return nullptr;
  }
  std::unique_ptr<xmlParserCtxt, ParserCtxtDeleter> ctxt(xmlNewParserCtxt());
  if (!ctxt) {
    problems.push_back({0, 0, "out of memory creating the XML parser"});
    return nullptr;
  }
  std::vector<XmlProblem> found;
  ctxt->_private = &found;
  ctxt->sax->serror = CollectParserError;
  ctxt->sax->internalSubset = RefuseDoctype;
  // Deliberately absent: XML_PARSE_NOENT, XML_PARSE_DTDLOAD, XML_PARSE_DTDATTR,
  // XML_PARSE_DTDVALID, XML_PARSE_XINCLUDE and XML_PARSE_HUGE.
  const int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                      XML_PARSE_NOCDATA | XML_PARSE_BIG_LINES;
  XmlDocPtr doc(xmlCtxtReadMemory(ctxt.get(), xml.data(), static_cast<int>(xml.size()), nullptr,
                                  "UTF-8", options));
  const bool well_formed = ctxt->wellFormed != 0;
  ctxt->_private = nullptr;
  if (!found.empty() || !well_formed || !doc) {
    if (found.empty()) found.push_back({0, 0, "malformed XML: the document could not be parsed"});
    problems.insert(problems.end(), found.begin(), found.end());
    return nullptr;
  }
  return doc;
}

absl::StatusOr<std::unique_ptr<XmlSchema>> XmlSchema::Compile(std::string_view xsd) {
  InitLibxml2Once();
  std::vector<XmlProblem> problems;
  xmlSchemaParserCtxt* parser = xmlSchemaNewMemParserCtxt(xsd.data(), static_cast<int>(xsd.size()));
  if (parser == nullptr) return absl::InternalError("cannot create the XSD parser");
  xmlSchemaSetParserStructuredErrors(parser, CollectSchemaError, &problems);
  xmlSchema* schema = xmlSchemaParse(parser);
  xmlSchemaFreeParserCtxt(parser);
  if (schema == nullptr) {
    std::string message = "the embedded mapping schema does not compile:";
    for (const auto& problem : problems) {
      absl::StrAppend(&message, "\n  line ", problem.line, ": ", problem.message);
    }
    return absl::InternalError(message);
  }
  return std::unique_ptr<XmlSchema>(new XmlSchema(schema));
}

XmlSchema::~XmlSchema() { xmlSchemaFree(schema_); }

bool XmlSchema::Validate(xmlDoc* doc, std::vector<XmlProblem>& problems) const {
  xmlSchemaValidCtxt* ctxt = xmlSchemaNewValidCtxt(schema_);
  if (ctxt == nullptr) {
    problems.push_back({0, 0, "out of memory creating the schema validator"});
    return false;
  }
  const size_t before = problems.size();
  xmlSchemaSetValidStructuredErrors(ctxt, CollectSchemaError, &problems);
  const int result = xmlSchemaValidateDoc(ctxt, doc);
  xmlSchemaFreeValidCtxt(ctxt);
  if (result != 0 && problems.size() == before) {
    problems.push_back({0, 0, "the document does not match the mapping schema"});
  }
  return result == 0;
}

}  // namespace omnihub::mapping::engine
