#include "tools/hubctl/mapping_landscape.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "adapters/xml/safe_xml.h"
#include "hub/aggregate/survivorship.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;

constexpr size_t kMaxCodesShown = 6;

bool IsElement(const xmlNode* node, const char* name) {
  return node->type == XML_ELEMENT_NODE && xmlStrcmp(node->name, BAD_CAST name) == 0;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> found;
  for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
    if (IsElement(c, name)) found.push_back(c);
  }
  return found;
}

std::string Attr(const xmlNode* node, const char* name) {
  xmlChar* value = xmlGetNoNsProp(node, BAD_CAST name);
  if (value == nullptr) return "";
  std::string text(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return text;
}

bool HasAttr(const xmlNode* node, const char* name) {
  return xmlHasNsProp(node, BAD_CAST name, nullptr) != nullptr;
}

absl::StatusOr<xml::XmlDocPtr> Parse(const std::string& path, const std::string& what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(path + ": cannot read " + what);
  std::ostringstream text;
  text << in.rdbuf();
  std::vector<xml::XmlProblem> problems;
  xml::XmlDocPtr doc =
      xml::ParseXmlSafely(text.str(), {what, what, "", "config/README.md"}, problems);
  if (!doc) {
    std::string message = path;
    if (!problems.empty())
      absl::StrAppend(&message, ":", problems[0].line, ": ", problems[0].message);
    return absl::InvalidArgumentError(message);
  }
  return doc;
}

// "trim → timestamp(format=\"YYDDD\", tz=\"Europe/London\") → code-table(S→SHIPPED, ...)".
std::string DescribeTransforms(const xmlNode* field) {
  std::vector<std::string> steps;
  for (const xmlNode* t : Children(field, "transform")) {
    std::vector<std::string> args;
    for (const xmlAttr* a = t->properties; a != nullptr; a = a->next) {
      const std::string name(reinterpret_cast<const char*>(a->name));
      if (name == "name") continue;
      args.push_back(name + "=\"" + Attr(t, name.c_str()) + "\"");
    }
    const auto codes = Children(t, "code");
    if (!codes.empty()) {
      std::vector<std::string> pairs;
      for (size_t i = 0; i < codes.size() && i < kMaxCodesShown; ++i) {
        pairs.push_back(Attr(codes[i], "from") + "→" + Attr(codes[i], "to"));
      }
      if (codes.size() > kMaxCodesShown)
        pairs.push_back(absl::StrCat("… ", codes.size(), " codes"));
      args.insert(args.begin(), absl::StrJoin(pairs, ", "));
    }
    steps.push_back(Attr(t, "name") + (args.empty() ? "" : "(" + absl::StrJoin(args, ", ") + ")"));
  }
  return absl::StrJoin(steps, " → ");
}

// Where a tn3270 script reads the column `name`: "screen 'name' row 5 col 19 len 30" (1-based,
// as the mapping file writes positions).
std::string ScreenRead(const engine::CompiledOperation* op, const std::string& name) {
  std::function<std::string(const std::vector<engine::ScriptStep>&)> find =
      [&](const std::vector<engine::ScriptStep>& steps) -> std::string {
    for (const engine::ScriptStep& step : steps) {
      if (const auto* read = std::get_if<engine::ReadStep>(&step.step);
          read && read->name == name) {
        return absl::StrCat("screen '", name, "' row ", read->row + 1, " col ", read->col + 1,
                            " len ", read->length);
      }
      if (const auto* list = std::get_if<engine::ReadListStep>(&step.step)) {
        for (const engine::ListColumn& c : list->columns) {
          if (c.name == name) {
            return absl::StrCat("screen list '", name, "' rows ", list->first_row + 1, "-",
                                list->last_row + 1, " col ", c.col + 1, " len ", c.length);
          }
        }
      }
      if (const auto* page = std::get_if<engine::PageStep>(&step.step)) {
        if (std::string found = find(page->body); !found.empty()) return found;
      }
    }
    return "";
  };
  std::string found = op ? find(op->script.steps) : "";
  return found.empty() ? "screen '" + name + "'" : found;
}

class SourceReader {
 public:
  SourceReader(const engine::CompiledSystem& system, const std::string& file,
               std::vector<FieldSource>& out)
      : system_(system), file_(file), out_(out) {}

  void Operation(const xmlNode* operation) {
    operation_ = Attr(operation, "name");
    compiled_ = system_.FindOperation(operation_);
    for (const xmlNode* response : Children(operation, "response")) Group(response, "");
  }

 private:
  std::string Selector(const std::string& path) const {
    const std::string& c = system_.connector;
    if (c == "http-json") return "JSON " + (path.empty() ? "\"\"" : path);
    if (c == "odbc") return "column " + path;
    if (c == "tn3270") return ScreenRead(compiled_, path);
    if (c == "http-xml") return "XPath " + path;
    return path;
  }

  std::string Selectors(const xmlNode* field) const {
    if (HasAttr(field, "value")) return "constant \"" + Attr(field, "value") + "\"";
    if (HasAttr(field, "source")) return Selector(Attr(field, "source"));
    std::vector<std::string> parts;
    for (const xmlNode* s : Children(field, "source")) parts.push_back(Selector(Attr(s, "path")));
    return absl::StrJoin(parts, " + ");
  }

  void Add(std::string field, const xmlNode* node) {
    out_.push_back({std::move(field), system_.name, operation_, Selectors(node),
                    DescribeTransforms(node), file_, static_cast<int>(xmlGetLineNo(node))});
  }

  void Group(const xmlNode* group, const std::string& prefix) {
    for (const xmlNode* c = group->children; c != nullptr; c = c->next) {
      if (IsElement(c, "field")) {
        Add(prefix + Attr(c, "target"), c);
      } else if (IsElement(c, "repeated")) {
        const std::string target = prefix + Attr(c, "target");
        const std::string items = HasAttr(c, "statement")
                                      ? "items: rows of statement " + Attr(c, "statement")
                                      : "items: " + Selector(Attr(c, "source"));
        out_.push_back({target, system_.name, operation_, items, "", file_,
                        static_cast<int>(xmlGetLineNo(c))});
        Group(c, target + ".");
      } else if (IsElement(c, "identifiers")) {
        for (const xmlNode* id : Children(c, "identifier")) {
          const std::string owner = HasAttr(id, "system") ? " of " + Attr(id, "system") : "";
          Add("customer.identifiers (" + Attr(id, "type") + owner + ")", id);
        }
      }
    }
  }

  const engine::CompiledSystem& system_;
  const std::string& file_;
  std::vector<FieldSource>& out_;
  std::string operation_;
  const engine::CompiledOperation* compiled_ = nullptr;
};

// The profile fields the hub's merger chooses by survivorship (hub/aggregate/merger.cc).
const std::set<std::string>& MergedProfileFields() {
  static const std::set<std::string> fields = {
      "display_name", "given_name", "family_name", "email", "phone", "address", "customer_since"};
  return fields;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::vector<std::string>>> ReadSurvivorship(
    const std::string& config_path) {
  absl::StatusOr<xml::XmlDocPtr> doc = Parse(config_path, "hub configuration");
  if (!doc.ok()) return doc.status();
  std::map<std::string, std::vector<std::string>> rules;
  const xmlNode* root = xmlDocGetRootElement(doc->get());
  for (const xmlNode* landscape : Children(root, "landscape")) {
    const std::string file = Attr(landscape, "file");
    const std::filesystem::path path =
        std::filesystem::path(config_path).parent_path() / std::filesystem::path(file);
    engine::LandscapeResult compiled = engine::CompileLandscapeFile(path.lexically_normal(), {});
    if (!compiled.ok()) {
      return absl::InvalidArgumentError(absl::StrCat(config_path, ":", xmlGetLineNo(landscape),
                                                     ": <landscape file> names a file with "
                                                     "problems:\n",
                                                     FormatDiagnostics(compiled.diagnostics)));
    }
    return compiled.landscape->survivorship;
  }
  for (const xmlNode* survivorship : Children(root, "survivorship")) {
    for (const xmlNode* field : Children(survivorship, "field")) {
      const std::string name = Attr(field, "name");
      std::vector<std::string> systems =
          absl::StrSplit(Attr(field, "systems"), ' ', absl::SkipWhitespace());
      if (name.empty() || systems.empty()) {
        return absl::InvalidArgumentError(
            absl::StrCat(config_path, ":", xmlGetLineNo(field),
                         ": a <survivorship><field> needs name=\"...\" and systems=\"a b ...\""));
      }
      rules[name] = std::move(systems);
    }
  }
  return rules;
}

absl::StatusOr<Landscape> BuildLandscape(const CheckReport& checked) {
  Landscape landscape;
  for (const CheckedSystem& checked_system : checked.systems) {
    const engine::CompiledSystem& system = *checked_system.system;
    const std::string file = checked_system.file.string();
    SystemSummary summary{
        system.name,
        system.connector,
        file,
        "",
        system.settings.endpoint.empty() ? system.settings.connection : system.settings.endpoint,
        {}};
    for (const auto& [name, op] : system.operations) summary.operations.push_back(name);
    absl::StatusOr<xml::XmlDocPtr> doc = Parse(file, "mapping file");
    if (!doc.ok()) return doc.status();
    const xmlNode* root = xmlDocGetRootElement(doc->get());
    for (const xmlNode* d : Children(root, "description")) {
      xmlChar* text = xmlNodeGetContent(d);
      if (text) {
        summary.description = reinterpret_cast<const char*>(text);
        xmlFree(text);
      }
    }
    SourceReader reader(system, file, landscape.sources);
    for (const xmlNode* op : Children(root, "operation")) reader.Operation(op);
    landscape.systems.push_back(std::move(summary));
  }
  std::stable_sort(landscape.sources.begin(), landscape.sources.end(),
                   [](const FieldSource& a, const FieldSource& b) {
                     return std::tie(a.field, a.system, a.operation) <
                            std::tie(b.field, b.system, b.operation);
                   });
  return landscape;
}

std::vector<std::string> Landscape::Fields() const {
  std::vector<std::string> fields;
  for (const FieldSource& s : sources) {
    if (fields.empty() || fields.back() != s.field) fields.push_back(s.field);
  }
  return fields;
}

std::vector<std::string> Landscape::Providers(const std::string& field) const {
  std::vector<std::string> systems;
  for (const FieldSource& s : sources) {
    if (s.field == field && std::find(systems.begin(), systems.end(), s.system) == systems.end()) {
      systems.push_back(s.system);
    }
  }
  return systems;
}

Survivorship Landscape::SurvivorshipFor(const std::string& field) const {
  Survivorship result;
  std::vector<std::string> parts = absl::StrSplit(field, '.');
  const std::string entity = parts[0];
  const std::string top = parts.size() > 1 ? parts[1].substr(0, parts[1].find(' ')) : "";
  result.order = Providers(field);
  std::string rule;
  if (entity == "customer" && MergedProfileFields().count(top)) {
    result.kind = "winner";
    rule = top;
  } else if (entity == "order") {
    result.kind = "by-key";
    rule = "order";
  } else if (entity == "loyalty") {
    result.kind = "winner";
    rule = "loyalty";
  } else {
    result.kind = "merged";
  }
  if (!rule.empty()) {
    result.rule = rules.count(rule) ? rule : (rules.count("*") ? "*" : "");
    // The merger's own order (hub/aggregate/survivorship.h).
    result.order = hub::SurvivorshipRules(rules).Ordered(rule, std::move(result.order));
  }
  const std::string order = absl::StrJoin(result.order, ", then ");
  const std::string by = rules_file.empty() ? " (no hub configuration given: systems tie by name)"
                         : result.rule.empty()
                             ? " (no <survivorship> rule applies: systems tie by name)"
                             : " (survivorship rule '" + result.rule + "')";
  if (result.kind == "winner") {
    result.explanation =
        (result.order.size() == 1 ? "only " + order : "the first with a value wins: " + order) + by;
  } else if (result.kind == "by-key") {
    result.explanation =
        "one order per order number, completed from each system in turn: " + order + by;
  } else if (entity == "customer" && top == "identifiers") {
    result.explanation = "all kept: every system's identifiers feed identity resolution";
  } else if (entity == "customer") {
    result.explanation = "not merged into the Customer 360 profile";
  } else {
    result.explanation = "all kept: every system's records, merged by time";
  }
  return result;
}

}  // namespace omnihub::hubctl
