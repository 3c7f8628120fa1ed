// XPath 1.0 selectors for http-xml mappings: compiled once with libxml2 (prefixes checked against
// the namespaces the mapping declares) and evaluated on backend documents, relative to a record
// or item node.
#pragma once

#include <libxml/tree.h>
#include <libxml/xpath.h>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "absl/status/statusor.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping::engine {

// The prefixes a mapping declares (<namespaces><namespace prefix uri/>), in declaration order.
using XmlNamespaces = std::vector<std::pair<std::string, std::string>>;

// One compiled expression. Immutable after Compile: libxml2's compiled expressions are only read
// while evaluated, so one XPath may be evaluated by many threads at once (each with its own
// XPathEvaluator).
class XPath {
 public:
  // INVALID_ARGUMENT for a bad expression ("bad XPath 'a[': Invalid predicate") or a prefix the
  // namespaces do not declare ("unknown namespace prefix 'px' in the XPath 'px:Amount'; declared:
  // p").
  static absl::StatusOr<std::shared_ptr<const XPath>> Compile(std::string_view text,
                                                              const XmlNamespaces& namespaces);
  ~XPath();
  XPath(const XPath&) = delete;
  XPath& operator=(const XPath&) = delete;

  const std::string& text() const { return text_; }
  xmlXPathCompExpr* compiled() const { return compiled_; }

 private:
  XPath(std::string text, xmlXPathCompExpr* compiled)
      : text_(std::move(text)), compiled_(compiled) {}
  std::string text_;
  xmlXPathCompExpr* compiled_;
};

// The prefixes an expression uses (outside string literals; axes such as child:: excluded).
std::vector<std::string> XPathPrefixes(std::string_view text);

// Evaluates compiled XPaths on one document. Not thread-safe: one per thread and document.
class XPathEvaluator {
 public:
  XPathEvaluator(xmlDoc* doc, const XmlNamespaces& namespaces);
  ~XPathEvaluator();
  XPathEvaluator(const XPathEvaluator&) = delete;
  XPathEvaluator& operator=(const XPathEvaluator&) = delete;

  // The nodes `xpath` selects from `context` (empty for a result that is not a node set).
  absl::StatusOr<std::vector<xmlNode*>> Nodes(const XPath& xpath, xmlNode* context);

  // One value: no node is null; one node is its text (an attribute's value, an element's text
  // content); a string, number or boolean result is text, an integer or decimal, or a boolean.
  // Several nodes are an error (a list where one value is expected).
  absl::StatusOr<Value> Read(const XPath& xpath, xmlNode* context);

 private:
  absl::StatusOr<xmlXPathObject*> Evaluate(const XPath& xpath, xmlNode* context);
  xmlXPathContext* context_;
};

}  // namespace omnihub::mapping::engine
