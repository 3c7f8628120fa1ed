// XPath 1.0 selectors for http-xml mappings: compiled once with libxml2 (prefixes checked against
// the namespaces the mapping declares) and evaluated on backend documents, relative to a record
// or item node.
//
// Most selectors are plain child paths (`p:Amounts/p:Captured`, `p:Lines/p:Line`,
// `p:Amounts/@currency`, `*/p:ItemID`): those are also compiled into a list of steps and
// evaluated by walking the tree directly, with the same result as libxml2's XPath engine but
// without its per-evaluation object allocations (issue 3: ~1 us per field otherwise). Anything
// else (predicates, functions, axes, unions, absolute paths, operators) goes through libxml2.
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

  // One step of a plain child path: an element name test (`p:Name`, `Name` = no namespace,
  // `*` = any element) or, last only, an attribute (`@name`, `@p:name`).
  struct Step {
    bool attribute = false;
    bool any_name = false;
    std::string local_name;
    std::string namespace_uri;  // empty: no namespace
  };
  // Non-empty when the expression is a plain relative child path, evaluated without libxml2's
  // XPath engine.
  const std::vector<Step>& steps() const { return steps_; }
  // A plain path from the document (`/p:Answer/p:Items`) rather than the context node.
  bool absolute() const { return absolute_; }

  // One plain path of a union.
  struct PlainPath {
    bool absolute = false;
    std::vector<Step> steps;
  };
  // Non-empty when the expression is one plain path or a union of them (`/*/p:Result/p:Code |
  // /*/f:Result/f:Code`): what the streaming reader (xml_stream_plan.h) can follow.
  const std::vector<PlainPath>& plain_union() const { return plain_union_; }

 private:
  XPath(std::string text, xmlXPathCompExpr* compiled, std::vector<Step> steps, bool absolute,
        std::vector<PlainPath> plain_union)
      : text_(std::move(text)),
        compiled_(compiled),
        steps_(std::move(steps)),
        absolute_(absolute),
        plain_union_(std::move(plain_union)) {}
  std::string text_;
  xmlXPathCompExpr* compiled_;
  std::vector<Step> steps_;
  bool absolute_ = false;
  std::vector<PlainPath> plain_union_;
};

// The errors of reading one value (XPathEvaluator::Read), shared with the streaming reader so
// that both say the same: several nodes selected; an element with child elements selected.
absl::Status SeveralNodesError(size_t count);
absl::Status NotASingleValueError(std::string_view element_name);

// The prefixes an expression uses (outside string literals; axes such as child:: excluded).
std::vector<std::string> XPathPrefixes(std::string_view text);

// Evaluates compiled XPaths on one document. Not thread-safe: one per thread and document. The
// libxml2 XPath context is made on the first expression that needs it (plain paths do not).
class XPathEvaluator {
 public:
  // `namespaces` must outlive the evaluator.
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
  xmlNode* Start(const XPath& xpath, xmlNode* context) const;
  xmlDoc* doc_;
  const XmlNamespaces& namespaces_;
  xmlXPathContext* context_ = nullptr;
  std::vector<xmlNode*> scratch_;  // plain-path walks, reused
  std::vector<xmlNode*> spare_;
};

}  // namespace omnihub::mapping::engine
