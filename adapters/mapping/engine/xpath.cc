#include "adapters/mapping/engine/xpath.h"

#include <libxml/xpathInternals.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/strip.h"
#include "adapters/mapping/number_parsing.h"

namespace omnihub::mapping::engine {
namespace {

absl::string_view AbslView(std::string_view s) { return absl::string_view(s.data(), s.size()); }

bool NameStart(char c) { return absl::ascii_isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool NameChar(char c) {
  return NameStart(c) || absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
}

// libxml2 reports compile errors through the context's structured handler; keep the first.
void KeepFirstError(void* user_data, xmlErrorPtr error) {
  auto* message = static_cast<std::string*>(user_data);
  if (message->empty() && error != nullptr && error->message != nullptr) {
    *message = error->message;
    absl::StripTrailingAsciiWhitespace(message);
  }
}

void IgnoreError(void*, xmlErrorPtr) {}

struct ObjectDeleter {
  void operator()(xmlXPathObject* object) const { xmlXPathFreeObject(object); }
};

}  // namespace

std::vector<std::string> XPathPrefixes(std::string_view text) {
  std::vector<std::string> prefixes;
  size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      const size_t close = text.find(c, i + 1);
      i = close == std::string_view::npos ? text.size() : close + 1;
      continue;
    }
    if (c == '$') {  // a variable reference: $name or $prefix:name, not a node test
      ++i;
      while (i < text.size() && (NameChar(text[i]) || text[i] == ':')) ++i;
      continue;
    }
    if (!NameStart(c)) {
      ++i;
      continue;
    }
    const size_t start = i;
    while (i < text.size() && NameChar(text[i])) ++i;
    if (i + 1 < text.size() && text[i] == ':' && text[i + 1] != ':') {
      std::string prefix(text.substr(start, i - start));
      if (!absl::c_linear_search(prefixes, prefix)) prefixes.push_back(std::move(prefix));
      ++i;
    } else if (i + 1 == text.size() && text[i] == ':') {
      ++i;
    }
  }
  return prefixes;
}

absl::StatusOr<std::shared_ptr<const XPath>> XPath::Compile(std::string_view text,
                                                            const XmlNamespaces& namespaces) {
  if (absl::StripAsciiWhitespace(AbslView(text)).empty()) {
    return absl::InvalidArgumentError("an XPath must not be empty");
  }
  for (const std::string& prefix : XPathPrefixes(text)) {
    const bool declared =
        absl::c_any_of(namespaces, [&](const auto& ns) { return ns.first == prefix; });
    if (!declared) {
      std::vector<std::string> names;
      for (const auto& ns : namespaces) names.push_back(ns.first);
      return absl::InvalidArgumentError(absl::StrCat(
          "unknown namespace prefix '", prefix, "' in the XPath '", AbslView(text), "'; ",
          names.empty() ? "the mapping declares no namespaces (add <namespaces><namespace "
                          "prefix=\"...\" uri=\"...\"/></namespaces> after <settings>)"
                        : absl::StrCat("declared: ", absl::StrJoin(names, ", "))));
    }
  }
  xmlXPathContext* context = xmlXPathNewContext(nullptr);
  if (context == nullptr) return absl::ResourceExhaustedError("out of memory compiling an XPath");
  std::string error;
  context->error = KeepFirstError;
  context->userData = &error;
  const std::string owned(text);
  xmlXPathCompExpr* compiled =
      xmlXPathCtxtCompile(context, reinterpret_cast<const xmlChar*>(owned.c_str()));
  xmlXPathFreeContext(context);
  if (compiled == nullptr) {
    return absl::InvalidArgumentError(absl::StrCat(
        "bad XPath '", owned, "': ", error.empty() ? "not a valid XPath 1.0 expression" : error));
  }
  return std::shared_ptr<const XPath>(new XPath(owned, compiled));
}

XPath::~XPath() { xmlXPathFreeCompExpr(compiled_); }

XPathEvaluator::XPathEvaluator(xmlDoc* doc, const XmlNamespaces& namespaces)
    : context_(xmlXPathNewContext(doc)) {
  if (context_ == nullptr) return;
  context_->error = IgnoreError;
  for (const auto& [prefix, uri] : namespaces) {
    xmlXPathRegisterNs(context_, reinterpret_cast<const xmlChar*>(prefix.c_str()),
                       reinterpret_cast<const xmlChar*>(uri.c_str()));
  }
}

XPathEvaluator::~XPathEvaluator() {
  if (context_ != nullptr) xmlXPathFreeContext(context_);
}

absl::StatusOr<xmlXPathObject*> XPathEvaluator::Evaluate(const XPath& xpath, xmlNode* context) {
  if (context_ == nullptr) return absl::ResourceExhaustedError("out of memory evaluating XPath");
  context_->node = context;
  xmlXPathObject* result = xmlXPathCompiledEval(xpath.compiled(), context_);
  if (result == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("the XPath '", xpath.text(), "' cannot be evaluated on this document"));
  }
  return result;
}

absl::StatusOr<std::vector<xmlNode*>> XPathEvaluator::Nodes(const XPath& xpath, xmlNode* context) {
  absl::StatusOr<xmlXPathObject*> evaluated = Evaluate(xpath, context);
  if (!evaluated.ok()) return evaluated.status();
  std::unique_ptr<xmlXPathObject, ObjectDeleter> result(*evaluated);
  std::vector<xmlNode*> nodes;
  if (result->type == XPATH_NODESET && result->nodesetval != nullptr) {
    nodes.reserve(static_cast<size_t>(result->nodesetval->nodeNr));
    for (int i = 0; i < result->nodesetval->nodeNr; ++i) {
      nodes.push_back(result->nodesetval->nodeTab[i]);
    }
  }
  return nodes;
}

absl::StatusOr<Value> XPathEvaluator::Read(const XPath& xpath, xmlNode* context) {
  absl::StatusOr<xmlXPathObject*> evaluated = Evaluate(xpath, context);
  if (!evaluated.ok()) return evaluated.status();
  std::unique_ptr<xmlXPathObject, ObjectDeleter> result(*evaluated);
  switch (result->type) {
    case XPATH_NODESET: {
      const xmlNodeSet* set = result->nodesetval;
      if (set == nullptr || set->nodeNr == 0) return Value::Null();
      if (set->nodeNr > 1) {
        return absl::InvalidArgumentError(absl::StrCat(
            "selects ", set->nodeNr, " nodes, expected one value (use <repeated> for a list)"));
      }
      const xmlNode* node = set->nodeTab[0];
      if (node->type == XML_ELEMENT_NODE) {
        for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
          if (c->type == XML_ELEMENT_NODE) {
            return absl::InvalidArgumentError(
                absl::StrCat("found the element <", reinterpret_cast<const char*>(node->name),
                             "> with child elements, expected a single value"));
          }
        }
      }
      xmlChar* content = xmlNodeGetContent(node);
      std::string text = content != nullptr ? reinterpret_cast<const char*>(content) : "";
      xmlFree(content);
      return Value::Text(std::move(text));
    }
    case XPATH_STRING:
      return Value::Text(
          result->stringval != nullptr ? reinterpret_cast<const char*>(result->stringval) : "");
    case XPATH_BOOLEAN:
      return Value::Bool(result->boolval != 0);
    case XPATH_NUMBER: {
      const double d = result->floatval;
      if (std::isnan(d)) return Value::Null();
      if (std::trunc(d) == d && std::fabs(d) < 9.0e15) {
        return Value::Integer(static_cast<int64_t>(d));
      }
      char buffer[64];
      const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, d);
      const absl::string_view text(buffer,
                                   ec == std::errc() ? static_cast<size_t>(end - buffer) : 0);
      if (text.find_first_of("eE") != absl::string_view::npos || text.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat("the number ", text, " is out of range for an exact decimal"));
      }
      absl::StatusOr<Decimal> decimal = ParseDecimal(text);
      if (!decimal.ok()) return decimal.status();
      return Value::OfDecimal(*decimal);
    }
    default:
      return absl::InvalidArgumentError(
          absl::StrCat("the XPath '", xpath.text(), "' gives a result of an unsupported type"));
  }
}

}  // namespace omnihub::mapping::engine
