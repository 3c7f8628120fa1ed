#include "adapters/mapping/engine/landscape_compiler.h"

#include <libxml/tree.h>

#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/mapping/args.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::mapping::engine {
namespace {

using omnihub::xml::XmlProblem;

const omnihub::xml::XmlDocumentKind kLandscapeDocument{
    "a landscape file", "landscape", "urn:omnihub:mapping:v1", "mappings/README.md"};

const omnihub::xml::XmlSchema* Schema() {
  static const omnihub::xml::XmlSchema* schema = [] {
    auto compiled = omnihub::xml::XmlSchema::Compile(LandscapeSchemaText(), kLandscapeDocument);
    return compiled.ok() ? compiled->release() : nullptr;
  }();
  return schema;
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

bool IsElement(const xmlNode* node, std::string_view name) {
  return node->type == XML_ELEMENT_NODE && name == reinterpret_cast<const char*>(node->name);
}

// Compiles one landscape document. Lives for one call.
class LandscapeCompiler {
 public:
  LandscapeCompiler(std::string file, const std::set<std::string>& known)
      : file_(std::move(file)), known_(known) {}

  LandscapeResult Run(std::string_view text) {
    std::vector<XmlProblem> problems;
    omnihub::xml::XmlDocPtr doc = omnihub::xml::ParseXmlSafely(text, kLandscapeDocument, problems);
    if (doc != nullptr) {
      if (const auto* schema = Schema(); schema == nullptr) {
        problems.push_back(
            {0, 0, "internal error: the embedded landscape schema does not compile"});
      } else {
        schema->Validate(doc.get(), problems);
      }
    }
    for (const XmlProblem& p : problems) {
      const int line = p.node != nullptr ? static_cast<int>(xmlGetLineNo(p.node)) : p.line;
      result_.diagnostics.push_back({file_, line, p.node != nullptr ? 0 : p.column, p.message});
    }
    if (!result_.diagnostics.empty()) return std::move(result_);
    for (const xmlNode* part = xmlDocGetRootElement(doc.get())->children; part != nullptr;
         part = part->next) {
      if (!IsElement(part, "survivorship")) continue;
      for (const xmlNode* rule = part->children; rule != nullptr; rule = rule->next) {
        if (IsElement(rule, "default")) {
          Add(rule, "*", "the default order");
        } else if (IsElement(rule, "field")) {
          AddNamed(rule, SurvivorshipFields(), "canonical field", "customer.");
        } else if (IsElement(rule, "entity")) {
          AddNamed(rule, SurvivorshipEntities(), "entity", "");
        }
      }
    }
    if (result_.diagnostics.empty()) result_.landscape = std::move(landscape_);
    return std::move(result_);
  }

 private:
  void Problem(const xmlNode* node, std::string message) {
    result_.diagnostics.push_back(
        {file_, static_cast<int>(xmlGetLineNo(node)), 0, std::move(message)});
  }

  void AddNamed(const xmlNode* rule, const std::vector<std::string>& allowed, const char* kind,
                std::string_view prefix) {
    const std::string name = Attr(rule, "name");
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      Problem(rule,
              absl::StrCat(
                  "unknown ", kind, " '", name, "'",
                  DidYouMean(name, allowed).empty()
                      ? absl::StrCat(" (survivorship can rank: ", absl::StrJoin(allowed, ", "), ")")
                      : DidYouMean(name, allowed)));
      return;
    }
    Add(rule, name.substr(prefix.size()), name);
  }

  void Add(const xmlNode* rule, const std::string& key, const std::string& what) {
    std::vector<std::string> systems =
        absl::StrSplit(Attr(rule, "systems"), absl::ByAnyChar(" \t\r\n"), absl::SkipEmpty());
    const std::string subject = absl::StrCat("survivorship for ", what);
    if (systems.empty()) Problem(rule, absl::StrCat(subject, " lists no systems"));
    std::set<std::string> seen;
    for (const std::string& system : systems) {
      if (!known_.empty() && !known_.contains(system)) {
        Problem(rule,
                absl::StrCat(subject, " names '", system, "', which is not a known system (known: ",
                             absl::StrJoin(known_, ", "), ")"));
      } else if (!seen.insert(system).second) {
        Problem(rule, absl::StrCat(subject, " lists '", system, "' twice"));
      }
    }
    if (!landscape_.survivorship.emplace(key, std::move(systems)).second) {
      Problem(rule, absl::StrCat(subject, " is given twice"));
    }
  }

  const std::string file_;
  const std::set<std::string>& known_;
  CompiledLandscape landscape_;
  LandscapeResult result_;
};

}  // namespace

const std::vector<std::string>& SurvivorshipFields() {
  static const std::vector<std::string> fields = {
      "customer.display_name", "customer.given_name", "customer.family_name",   "customer.email",
      "customer.phone",        "customer.address",    "customer.customer_since"};
  return fields;
}

const std::vector<std::string>& SurvivorshipEntities() {
  static const std::vector<std::string> entities = {"order", "loyalty"};
  return entities;
}

LandscapeResult CompileLandscape(std::string_view xml, const std::string& file_name,
                                 const std::set<std::string>& known_systems) {
  return LandscapeCompiler(file_name, known_systems).Run(xml);
}

LandscapeResult CompileLandscapeFile(const std::string& path,
                                     const std::set<std::string>& known_systems) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    LandscapeResult result;
    result.diagnostics.push_back({path, 0, 0, "cannot read the landscape file"});
    return result;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return CompileLandscape(text.str(), path, known_systems);
}

}  // namespace omnihub::mapping::engine
