#include "adapters/mapping/engine/xpath.h"

#include <libxml/xpathInternals.h>

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>

#include "absl/algorithm/container.h"
#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
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

bool IsNcName(std::string_view s) {
  if (s.empty() || !NameStart(s.front())) return false;
  return absl::c_all_of(s, NameChar);
}

std::string_view UriOf(std::string_view prefix, const XmlNamespaces& namespaces) {
  for (const auto& [declared, uri] : namespaces) {
    if (declared == prefix) return uri;
  }
  return {};
}

// `text` as a plain relative child path (see XPath::steps()); empty when it is anything else.
std::vector<XPath::Step> PlainSteps(std::string_view text, const XmlNamespaces& namespaces,
                                    bool& absolute) {
  std::vector<XPath::Step> steps;
  absolute = !text.empty() && text.front() == '/';
  if (absolute) text.remove_prefix(1);
  for (absl::string_view part : absl::StrSplit(AbslView(text), '/')) {
    if (!steps.empty() && steps.back().attribute) return {};  // an attribute has no children
    XPath::Step step;
    if (absl::ConsumePrefix(&part, "@")) step.attribute = true;
    const size_t colon = part.find(':');
    const absl::string_view rest = colon == absl::string_view::npos ? part : part.substr(colon + 1);
    const std::string_view local(rest.data(), rest.size());
    if (colon != absl::string_view::npos) {
      const std::string_view prefix(part.data(), colon);
      if (!IsNcName(prefix) || !IsNcName(local)) return {};
      step.namespace_uri = std::string(UriOf(prefix, namespaces));
      if (step.namespace_uri.empty()) return {};
    } else if (local == "*" && !step.attribute) {
      step.any_name = true;
    } else if (!IsNcName(local)) {
      return {};  // ".", "..", "text()", "a[1]", "", axes, operators, spaces...
    }
    step.local_name = std::string(local);
    steps.push_back(std::move(step));
  }
  return steps;
}

// `text` as a union of plain paths (see XPath::plain_union()); empty when it is anything else.
std::vector<XPath::PlainPath> PlainUnion(std::string_view text, const XmlNamespaces& namespaces) {
  std::vector<XPath::PlainPath> paths;
  for (absl::string_view part : absl::StrSplit(AbslView(text), '|')) {
    part = absl::StripAsciiWhitespace(part);
    XPath::PlainPath path;
    path.steps = PlainSteps(std::string_view(part.data(), part.size()), namespaces, path.absolute);
    if (path.steps.empty()) return {};
    paths.push_back(std::move(path));
  }
  return paths;
}

bool Matches(const XPath::Step& step, const xmlNode* node) {
  if (step.any_name) return true;
  if (std::strcmp(reinterpret_cast<const char*>(node->name), step.local_name.c_str()) != 0) {
    return false;
  }
  const xmlNs* ns = node->ns;
  if (step.namespace_uri.empty()) return ns == nullptr || ns->href == nullptr;
  return ns != nullptr && ns->href != nullptr &&
         std::strcmp(reinterpret_cast<const char*>(ns->href), step.namespace_uri.c_str()) == 0;
}

// The nodes a plain path selects from `context`, in document order: every node of one step is
// at the same depth, so the children of each, in turn, are in document order too.
// `next` is scratch space.
void Walk(const std::vector<XPath::Step>& steps, xmlNode* context, std::vector<xmlNode*>& out,
          std::vector<xmlNode*>& next) {
  out.clear();
  if (context == nullptr) return;
  out.push_back(context);
  for (const XPath::Step& step : steps) {
    next.clear();
    for (xmlNode* node : out) {
      if (node->type != XML_ELEMENT_NODE && node->type != XML_DOCUMENT_NODE) continue;
      if (step.attribute) {
        if (node->type != XML_ELEMENT_NODE) continue;
        for (xmlAttr* a = node->properties; a != nullptr; a = a->next) {
          if (Matches(step, reinterpret_cast<const xmlNode*>(a))) {
            next.push_back(reinterpret_cast<xmlNode*>(a));
          }
        }
        continue;
      }
      for (xmlNode* c = node->children; c != nullptr; c = c->next) {
        if (c->type == XML_ELEMENT_NODE && Matches(step, c)) next.push_back(c);
      }
    }
    out.swap(next);
    if (out.empty()) return;
  }
}

// An element's or attribute's string value: its text (and CDATA) children joined. One copy, from
// libxml2's buffers straight into the string; anything unusual goes through xmlNodeGetContent.
std::string NodeText(const xmlNode* node) {
  const auto whole = [node] {
    xmlChar* content = xmlNodeGetContent(node);
    std::string text = content != nullptr ? reinterpret_cast<const char*>(content) : "";
    xmlFree(content);
    return text;
  };
  if (node->type != XML_ELEMENT_NODE && node->type != XML_ATTRIBUTE_NODE) return whole();
  const xmlNode* first = node->children;
  if (first == nullptr) return "";
  const auto is_text = [](const xmlNode* c) {
    return c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE;
  };
  if (first->next == nullptr && is_text(first)) {
    return first->content != nullptr ? reinterpret_cast<const char*>(first->content) : "";
  }
  std::string text;
  for (const xmlNode* c = first; c != nullptr; c = c->next) {
    if (is_text(c)) {
      if (c->content != nullptr) text += reinterpret_cast<const char*>(c->content);
    } else if (c->type != XML_COMMENT_NODE && c->type != XML_PI_NODE) {
      return whole();
    }
  }
  return text;
}

// One node as a value: an element with child elements is an error (not a single value).
absl::StatusOr<Value> NodeValue(const xmlNode* node) {
  if (node->type == XML_ELEMENT_NODE) {
    for (const xmlNode* c = node->children; c != nullptr; c = c->next) {
      if (c->type == XML_ELEMENT_NODE) {
        return NotASingleValueError(reinterpret_cast<const char*>(node->name));
      }
    }
  }
  return Value::Text(NodeText(node));
}

}  // namespace

absl::Status SeveralNodesError(size_t count) {
  return absl::InvalidArgumentError(
      absl::StrCat("selects ", count, " nodes, expected one value (use <repeated> for a list)"));
}

absl::Status NotASingleValueError(std::string_view element_name) {
  return absl::InvalidArgumentError(absl::StrCat("found the element <", AbslView(element_name),
                                                 "> with child elements, expected a single value"));
}

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
  bool absolute = false;
  std::vector<Step> steps = PlainSteps(owned, namespaces, absolute);
  std::vector<PlainPath> plain_union = PlainUnion(owned, namespaces);
  return std::shared_ptr<const XPath>(
      new XPath(owned, compiled, std::move(steps), absolute, std::move(plain_union)));
}

XPath::~XPath() { xmlXPathFreeCompExpr(compiled_); }

XPathEvaluator::XPathEvaluator(xmlDoc* doc, const XmlNamespaces& namespaces)
    : doc_(doc), namespaces_(namespaces) {}

XPathEvaluator::~XPathEvaluator() {
  if (context_ != nullptr) xmlXPathFreeContext(context_);
}

absl::StatusOr<xmlXPathObject*> XPathEvaluator::Evaluate(const XPath& xpath, xmlNode* context) {
  if (context_ == nullptr) {
    context_ = xmlXPathNewContext(doc_);
    if (context_ == nullptr) return absl::ResourceExhaustedError("out of memory evaluating XPath");
    context_->error = IgnoreError;
    for (const auto& [prefix, uri] : namespaces_) {
      xmlXPathRegisterNs(context_, reinterpret_cast<const xmlChar*>(prefix.c_str()),
                         reinterpret_cast<const xmlChar*>(uri.c_str()));
    }
  }
  context_->node = context;
  xmlXPathObject* result = xmlXPathCompiledEval(xpath.compiled(), context_);
  if (result == nullptr) {
    return absl::InvalidArgumentError(
        absl::StrCat("the XPath '", xpath.text(), "' cannot be evaluated on this document"));
  }
  return result;
}

// Where a plain path starts: the context node, or for an absolute path its document.
xmlNode* XPathEvaluator::Start(const XPath& xpath, xmlNode* context) const {
  if (!xpath.absolute()) return context;
  xmlDoc* doc = context != nullptr ? context->doc : doc_;
  return reinterpret_cast<xmlNode*>(doc);
}

absl::StatusOr<std::vector<xmlNode*>> XPathEvaluator::Nodes(const XPath& xpath, xmlNode* context) {
  if (!xpath.steps().empty()) {
    std::vector<xmlNode*> nodes;
    Walk(xpath.steps(), Start(xpath, context), nodes, spare_);
    return nodes;
  }
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
  if (!xpath.steps().empty()) {
    Walk(xpath.steps(), Start(xpath, context), scratch_, spare_);
    if (scratch_.empty()) return Value::Null();
    if (scratch_.size() > 1) return SeveralNodesError(scratch_.size());
    return NodeValue(scratch_.front());
  }
  absl::StatusOr<xmlXPathObject*> evaluated = Evaluate(xpath, context);
  if (!evaluated.ok()) return evaluated.status();
  std::unique_ptr<xmlXPathObject, ObjectDeleter> result(*evaluated);
  switch (result->type) {
    case XPATH_NODESET: {
      const xmlNodeSet* set = result->nodesetval;
      if (set == nullptr || set->nodeNr == 0) return Value::Null();
      if (set->nodeNr > 1) return SeveralNodesError(static_cast<size_t>(set->nodeNr));
      return NodeValue(set->nodeTab[0]);
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
