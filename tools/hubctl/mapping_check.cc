#include "tools/hubctl/mapping_check.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/xml/safe_xml.h"

namespace omnihub::hubctl {
namespace {

namespace engine = mapping::engine;

void CheckLandscape(const std::filesystem::path& path, CheckReport& report) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    report.diagnostics.push_back({path.string(), 0, 0, "cannot read the landscape file"});
    return;
  }
  const xml::XmlDocumentKind kind{"a landscape file", "landscape", "urn:omnihub:mapping:v1",
                                  "mappings/README.md"};
  std::vector<xml::XmlProblem> problems;
  xml::XmlDocPtr doc = xml::ParseXmlSafely(text.str(), kind, problems);
  for (const xml::XmlProblem& p : problems) {
    report.diagnostics.push_back({path.string(), p.line, p.column, p.message});
  }
  if (doc) {
    report.notes.push_back(path.string() +
                           ": well-formed; its content is not checked yet (survivorship is read "
                           "from the hub configuration's <survivorship>, config/README.md)");
  }
}

}  // namespace

int CheckReport::files_with_problems() const {
  std::set<std::string> files;
  for (const auto& d : diagnostics) files.insert(d.file);
  return static_cast<int>(files.size());
}

CheckReport CheckMappings(const MappingWorkspace& workspace) {
  CheckReport report;
  std::map<std::string, std::string> file_by_system;
  for (const auto& file : workspace.system_files) {
    ++report.files_checked;
    engine::CompileResult result = engine::CompileMappingFile(file.string());
    report.diagnostics.insert(report.diagnostics.end(), result.diagnostics.begin(),
                              result.diagnostics.end());
    if (!result.ok()) continue;
    const auto [it, inserted] = file_by_system.emplace(result.system->name, file.string());
    if (!inserted) {
      report.diagnostics.push_back({file.string(), 0, 0,
                                    "system '" + result.system->name + "' is already declared by " +
                                        it->second +
                                        ": each system has one mapping file (rename one of them)"});
      continue;
    }
    report.systems.push_back({file, std::move(result.system)});
  }
  if (workspace.landscape) {
    ++report.files_checked;
    CheckLandscape(*workspace.landscape, report);
  }
  return report;
}

}  // namespace omnihub::hubctl
