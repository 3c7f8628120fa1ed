#include "tools/hubctl/mapping_doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_replace.h"

namespace omnihub::hubctl {
namespace {

constexpr size_t kMaxSvgBytes = 8u << 20;

std::string Entity(const std::string& field) { return field.substr(0, field.find('.')); }

std::string DotQuote(const std::string& text) {
  return "\"" + absl::StrReplaceAll(text, {{"\\", "\\\\"}, {"\"", "\\\""}, {"\n", "\\n"}}) + "\"";
}

const char* ConnectorColour(const std::string& connector) {
  static const std::map<std::string, const char*> colours = {{"tn3270", "#d9e8fb"},
                                                             {"odbc", "#e3f4dc"},
                                                             {"http-json", "#fff2cc"},
                                                             {"http-xml", "#fde2d6"},
                                                             {"poslog", "#eadcf4"}};
  auto it = colours.find(connector);
  return it == colours.end() ? "#eeeeee" : it->second;
}

std::string Ordinal(size_t n) {
  static const char* const kWords[] = {"1st", "2nd", "3rd"};
  return n < 3 ? kWords[n] : absl::StrCat(n + 1, "th");
}

constexpr char kStyle[] = R"(
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 2rem;
       color: #1d2733; background: #fff; }
h1 { margin-bottom: .2rem; } h2 { margin-top: 2.2rem; border-bottom: 2px solid #d0d7de; }
.meta { color: #57606a; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { border: 1px solid #d0d7de; padding: .35rem .5rem; text-align: left; vertical-align: top; }
th { background: #f3f5f7; position: sticky; top: 0; }
tbody.field > tr:first-child > td { border-top: 2px solid #8c959f; }
td.canonical { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
td.selector, td.transforms, td.where { font-family: ui-monospace, Menlo, Consolas, monospace;
                                       font-size: .85rem; }
td.where { color: #57606a; }
.rank { display: inline-block; min-width: 2.2rem; text-align: center; border-radius: .6rem;
        background: #eaeef2; padding: 0 .3rem; }
.rank.win { background: #2da44e; color: #fff; font-weight: 600; }
.why { color: #57606a; font-size: .85rem; }
figure { margin: 1rem 0; overflow-x: auto; } figure svg { max-width: 100%; height: auto; }
pre { background: #f6f8fa; padding: 1rem; overflow-x: auto; }
input#filter { font-size: 1rem; padding: .35rem .5rem; width: 24rem; margin: .5rem 0 1rem; }
)";

constexpr char kScript[] = R"(
// Hides the fields whose text lacks any of the words typed (or given as #filter=words).
var filter = document.getElementById('filter');
function apply() {
  var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  document.querySelectorAll('tbody.field').forEach(function (group) {
    var text = group.getAttribute('data-text');
    group.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
  });
}
filter.addEventListener('input', apply);
if (location.hash.indexOf('#filter=') === 0) {
  filter.value = decodeURIComponent(location.hash.substring(8));
  apply();
}
)";

}  // namespace

std::string HtmlEscape(const std::string& text) {
  return absl::StrReplaceAll(
      text, {{"&", "&amp;"}, {"<", "&lt;"}, {">", "&gt;"}, {"\"", "&quot;"}, {"'", "&#39;"}});
}

std::string RenderLandscapeDot(const Landscape& landscape) {
  std::string dot =
      "digraph landscape {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.4, ranksep=1.2];\n"
      "  node [fontname=\"Helvetica\", fontsize=11];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#57606a\"];\n";
  std::map<std::string, std::map<std::string, std::set<std::string>>> edges;  // system->entity->ops
  std::set<std::string> entities;
  for (const FieldSource& s : landscape.sources) {
    edges[s.system][Entity(s.field)].insert(s.operation);
    entities.insert(Entity(s.field));
  }
  for (const SystemSummary& system : landscape.systems) {
    absl::StrAppend(&dot, "  ", DotQuote("system:" + system.name),
                    " [shape=box, style=\"rounded,filled\", fillcolor=\"",
                    ConnectorColour(system.connector),
                    "\", label=", DotQuote(system.name + "\n" + system.connector), "];\n");
  }
  for (const std::string& entity : entities) {
    absl::StrAppend(
        &dot, "  ", DotQuote("entity:" + entity),
        " [shape=ellipse, style=filled, fillcolor=\"#ffffff\", label=", DotQuote(entity), "];\n");
  }
  for (const auto& [system, by_entity] : edges) {
    for (const auto& [entity, operations] : by_entity) {
      absl::StrAppend(&dot, "  ", DotQuote("system:" + system), " -> ",
                      DotQuote("entity:" + entity),
                      " [label=", DotQuote(absl::StrJoin(operations, "\n")), "];\n");
    }
  }
  dot += "}\n";
  return dot;
}

absl::StatusOr<std::string> DrawWithGraphviz(const std::string& dot_source) {
  std::string path = (std::filesystem::temp_directory_path() / "hubctl-landscape-XXXXXX").string();
  const int fd = mkstemp(path.data());
  if (fd < 0) return absl::UnavailableError("cannot create a temporary file for Graphviz");
  close(fd);
  std::ofstream(path, std::ios::binary) << dot_source;
  // `path` is ours (mkstemp under the temporary directory): no shell metacharacters.
  FILE* pipe = popen(("dot -Tsvg '" + path + "' 2>/dev/null").c_str(), "r");
  std::string svg;
  int status = -1;
  if (pipe != nullptr) {
    char buffer[8192];
    size_t n;
    while ((n = fread(buffer, 1, sizeof buffer, pipe)) > 0 && svg.size() < kMaxSvgBytes) {
      svg.append(buffer, n);
    }
    status = pclose(pipe);
  }
  std::filesystem::remove(path);
  if (status != 0 || svg.find("<svg") == std::string::npos) {
    return absl::UnavailableError(
        "Graphviz's dot did not draw the diagram (is the graphviz package installed?)");
  }
  return svg.substr(svg.find("<svg"));
}

std::string RenderLandscapeHtml(const Landscape& landscape, const std::string& dot_source,
                                const std::string& diagram_svg) {
  const std::vector<std::string> fields = landscape.Fields();
  std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<title>Omnihub mapping landscape</title>\n<style>";
  html += kStyle;
  html += "</style>\n</head>\n<body>\n<h1>Omnihub mapping landscape</h1>\n";
  absl::StrAppend(
      &html, "<p class=\"meta\">", landscape.systems.size(), " systems, ", fields.size(),
      " canonical fields, ", landscape.sources.size(), " mappings. Survivorship: ",
      landscape.rules_file.empty() ? "no landscape.xml in the mappings directory and no hub "
                                     "configuration given (--config config/hubd.xml): systems "
                                     "tie by name"
                                   : "from " + HtmlEscape(landscape.rules_file),
      ".</p>\n");

  html +=
      "<h2 id=\"systems\">Systems</h2>\n<table>\n<thead><tr><th>system</th><th>connector</th>"
      "<th>endpoint</th><th>operations</th><th>mapping file</th><th>description</th></tr>"
      "</thead>\n<tbody>\n";
  for (const SystemSummary& s : landscape.systems) {
    absl::StrAppend(&html, "<tr><td>", HtmlEscape(s.name), "</td><td>", HtmlEscape(s.connector),
                    "</td><td class=\"selector\">", HtmlEscape(s.endpoint), "</td><td>",
                    HtmlEscape(absl::StrJoin(s.operations, ", ")), "</td><td class=\"where\">",
                    HtmlEscape(s.file), "</td><td>", HtmlEscape(s.description), "</td></tr>\n");
  }
  html += "</tbody>\n</table>\n";

  html += "<h2 id=\"diagram\">Systems and the canonical entities they provide</h2>\n";
  if (!diagram_svg.empty()) {
    html += "<figure>\n" + diagram_svg + "\n</figure>\n";
  } else {
    html +=
        "<p class=\"why\">Graphviz (dot) was not found, so the diagram is given as its "
        "source; draw it with <code>dot -Tsvg</code>.</p>\n<pre>" +
        HtmlEscape(dot_source) + "</pre>\n";
  }

  html +=
      "<h2 id=\"fields\">Canonical fields</h2>\n"
      "<p class=\"why\">Per canonical field: every system that provides it, from which "
      "selector and through which transforms, and which one the hub keeps when several "
      "do.</p>\n"
      "<input id=\"filter\" type=\"search\" placeholder=\"filter: field, system, column...\">\n"
      "<table id=\"field-table\">\n<thead><tr><th>canonical field</th><th>who wins</th>"
      "<th>rank</th><th>system</th><th>operation</th><th>selector</th><th>transforms</th>"
      "<th>where</th></tr></thead>\n";
  for (const std::string& field : fields) {
    const Survivorship survivorship = landscape.SurvivorshipFor(field);
    std::vector<const FieldSource*> rows;
    for (const std::string& system : survivorship.order) {
      for (const FieldSource& s : landscape.sources) {
        if (s.field == field && s.system == system) rows.push_back(&s);
      }
    }
    std::string search = field;
    for (const FieldSource* s : rows) {
      absl::StrAppend(&search, " ", s->system, " ", s->operation, " ", s->selector, " ",
                      s->transforms);
    }
    absl::StrAppend(&html, "<tbody class=\"field\" data-field=\"", HtmlEscape(field),
                    "\" data-text=\"", HtmlEscape(absl::AsciiStrToLower(search)), "\">\n");
    for (size_t i = 0; i < rows.size(); ++i) {
      const FieldSource& s = *rows[i];
      html += "<tr>";
      if (i == 0) {
        absl::StrAppend(&html, "<td class=\"canonical\" rowspan=\"", rows.size(), "\">",
                        HtmlEscape(field), "</td><td class=\"why\" rowspan=\"", rows.size(), "\">",
                        HtmlEscape(survivorship.explanation), "</td>");
      }
      const size_t place = static_cast<size_t>(
          std::find(survivorship.order.begin(), survivorship.order.end(), s.system) -
          survivorship.order.begin());
      const bool ranked = survivorship.kind != "merged";
      absl::StrAppend(&html, "<td>",
                      ranked ? absl::StrCat("<span class=\"rank", place == 0 ? " win" : "", "\">",
                                            Ordinal(place), "</span>")
                             : "<span class=\"rank\">all</span>",
                      "</td><td>", HtmlEscape(s.system), "</td><td>", HtmlEscape(s.operation),
                      "</td><td class=\"selector\">", HtmlEscape(s.selector),
                      "</td><td class=\"transforms\">", HtmlEscape(s.transforms),
                      "</td><td class=\"where\" title=\"", HtmlEscape(s.file), "\">",
                      HtmlEscape(std::filesystem::path(s.file).filename().string()), ":", s.line,
                      "</td></tr>\n");
    }
    html += "</tbody>\n";
  }
  html += "</table>\n<script>";
  html += kScript;
  html += "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace omnihub::hubctl
