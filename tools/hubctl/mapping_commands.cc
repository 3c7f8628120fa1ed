// hubctl mappings check|test|doc|new: the architects' tools for mapping files. They read the
// mapping files and samples on disk with the mapping engine (the same compiler hubd uses) and
// never talk to the hub.
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "tools/hubctl/command.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/mapping_check.h"
#include "tools/hubctl/mapping_doc.h"
#include "tools/hubctl/mapping_landscape.h"
#include "tools/hubctl/mapping_samples.h"
#include "tools/hubctl/mapping_skeleton.h"
#include "tools/hubctl/mapping_workspace.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

void AddDirArgument(po::options_description& options, po::positional_options_description& pos) {
  options.add_options()("dir", po::value<std::string>()->default_value(kDefaultMappingsDir),
                        "the mappings directory (its systems/*.xml), or one mapping file");
  pos.add("dir", 1);
}

// The workspace named on the command line; a missing one is a usage error.
MappingWorkspace Workspace(const po::variables_map& flags) {
  absl::StatusOr<MappingWorkspace> workspace = FindMappingFiles(flags["dir"].as<std::string>());
  if (!workspace.ok()) throw UsageError(std::string(workspace.status().message()));
  return *std::move(workspace);
}

void PrintProblems(const CheckReport& report) {
  for (const auto& d : report.diagnostics) std::cerr << d.ToString() << "\n";
}

int Check(const po::variables_map& flags, HubConnection& hub) {
  const CheckReport report = CheckMappings(Workspace(flags));
  if (hub.options().json) {
    nlohmann::json out = {{"files", report.files_checked}, {"ok", report.ok()}};
    out["problems"] = nlohmann::json::array();
    for (const auto& d : report.diagnostics) {
      out["problems"].push_back(
          {{"file", d.file}, {"line", d.line}, {"column", d.column}, {"message", d.message}});
    }
    out["notes"] = report.notes;
    std::cout << out.dump(2) << "\n";
    return report.ok() ? kExitOk : kExitOtherError;
  }
  PrintProblems(report);
  for (const auto& system : report.systems) {
    std::cout << system.file.string() << ": ok (" << system.system->name << ", "
              << system.system->connector << ", " << system.system->operations.size()
              << " operations)\n";
  }
  for (const auto& note : report.notes) std::cout << "note: " << note << "\n";
  std::cout << "checked " << report.files_checked << " file"
            << (report.files_checked == 1 ? "" : "s") << ": ";
  if (report.ok()) {
    std::cout << "no problems\n";
    return kExitOk;
  }
  std::cout << report.diagnostics.size() << " problem"
            << (report.diagnostics.size() == 1 ? "" : "s") << " in " << report.files_with_problems()
            << " file" << (report.files_with_problems() == 1 ? "" : "s") << "\n";
  return kExitOtherError;
}

int Test(const po::variables_map& flags, HubConnection&) {
  const CheckReport report = CheckMappings(Workspace(flags));
  PrintProblems(report);
  const bool show_actual = flags["actual"].as<bool>();
  int passed = 0, failed = report.files_with_problems(), skipped = 0;
  for (const SampleResult& r : RunGoldenSamples(report)) {
    const std::string what = r.system + (r.operation.empty() ? "" : " " + r.operation);
    switch (r.outcome) {
      case SampleResult::Outcome::kPassed:
        ++passed;
        std::cout << "PASS " << what << "  " << r.file.string() << "\n";
        break;
      case SampleResult::Outcome::kSkipped:
        ++skipped;
        std::cout << "SKIP " << what << "  " << r.file.string() << ": " << r.detail << "\n";
        break;
      case SampleResult::Outcome::kFailed: {
        ++failed;
        std::cout << "FAIL " << what << "  " << r.file.string() << "\n";
        std::string detail = r.detail;
        if (detail.find("modified: ") != std::string::npos ||
            detail.find("added: ") != std::string::npos ||
            detail.find("deleted: ") != std::string::npos) {
          std::cout << "    differences (expected -> mapped):\n";
        }
        size_t start = 0;
        while (start < detail.size()) {
          const size_t end = detail.find('\n', start);
          std::cout << "    " << detail.substr(start, end - start) << "\n";
          start = end == std::string::npos ? detail.size() : end + 1;
        }
        if (show_actual && !r.actual.empty()) {
          std::cout << "    the mapping gave:\n";
          start = 0;
          while (start < r.actual.size()) {
            const size_t end = r.actual.find('\n', start);
            std::cout << "      " << r.actual.substr(start, end - start) << "\n";
            start = end == std::string::npos ? r.actual.size() : end + 1;
          }
        }
        break;
      }
    }
  }
  if (failed > 0 && report.files_with_problems() > 0) {
    std::cout << report.files_with_problems()
              << " mapping file(s) with problems (above) were not tested\n";
  }
  std::cout << passed << " passed, " << failed << " failed";
  if (skipped > 0) std::cout << ", " << skipped << " skipped";
  std::cout << "\n";
  if (passed + failed == 0) {
    std::cerr
        << "hubctl: no golden sample found (systems/<name>/samples/, see mappings/README.md)\n";
    return kExitOtherError;
  }
  return failed == 0 ? kExitOk : kExitOtherError;
}

bool WriteFile(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) std::cerr << "hubctl: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

int Doc(const po::variables_map& flags, HubConnection&) {
  const std::string out = flags["out"].as<std::string>();
  if (out.empty()) throw UsageError("name the page to write: -o FILE.html");
  const MappingWorkspace workspace = Workspace(flags);
  const CheckReport report = CheckMappings(workspace);
  if (!report.ok()) {
    PrintProblems(report);
    std::cerr << "hubctl: fix the problems above first (hubctl mappings check)\n";
    return kExitOtherError;
  }
  absl::StatusOr<Landscape> landscape = BuildLandscape(report);
  if (!landscape.ok()) {
    std::cerr << "hubctl: " << landscape.status().message() << "\n";
    return kExitOtherError;
  }
  if (flags.count("config")) {
    const std::string config = flags["config"].as<std::string>();
    auto rules = ReadSurvivorship(config);
    if (!rules.ok()) {
      std::cerr << "hubctl: " << rules.status().message() << "\n";
      return rules.status().code() == absl::StatusCode::kNotFound ? kExitUsage : kExitOtherError;
    }
    landscape->rules = *std::move(rules);
    landscape->rules_file = config;
  } else if (report.landscape) {
    landscape->rules = report.landscape->survivorship;
    landscape->rules_file = workspace.landscape->string();
  }
  const std::string dot = RenderLandscapeDot(*landscape);
  std::string svg;
  if (absl::StatusOr<std::string> drawn = DrawWithGraphviz(dot); drawn.ok()) {
    svg = *std::move(drawn);
  } else {
    std::cerr << "hubctl: note: " << drawn.status().message()
              << "; the page shows the diagram's Graphviz source\n";
  }
  if (flags.count("dot") && !WriteFile(flags["dot"].as<std::string>(), dot)) return kExitOtherError;
  if (!WriteFile(out, RenderLandscapeHtml(*landscape, dot, svg))) return kExitOtherError;
  std::cout << "wrote " << out << ": " << landscape->systems.size() << " systems, "
            << landscape->Fields().size() << " canonical fields, " << landscape->sources.size()
            << " mappings" << (svg.empty() ? " (diagram as Graphviz source)" : "") << "\n";
  return kExitOk;
}

int New(const po::variables_map& flags, HubConnection&) {
  const std::string connector = flags["connector"].as<std::string>();
  const std::string system = flags["system"].as<std::string>();
  absl::StatusOr<std::string> text = MappingSkeleton(connector, system);
  if (!text.ok()) throw UsageError(std::string(text.status().message()));
  fs::path out = flags.count("out")
                     ? fs::path(flags["out"].as<std::string>())
                     : fs::path(flags["dir"].as<std::string>()) / "systems" / (system + ".xml");
  std::error_code error;
  if (fs::exists(out, error)) {
    std::cerr << "hubctl: " << out.string() << " exists; not overwritten (choose --out)\n";
    return kExitOtherError;
  }
  if (!out.parent_path().empty() && !fs::is_directory(out.parent_path(), error)) {
    throw UsageError(out.parent_path().string() + ": no such directory");
  }
  if (!WriteFile(out.string(), *text)) return kExitOtherError;
  std::cout << "wrote " << out.string() << " (" << connector
            << "): replace its TODOs, then hubctl mappings check\n";
  return kExitOk;
}

}  // namespace

void AddMappingCommands(std::vector<Command>& commands) {
  commands.push_back({"mappings", "check", "[DIR|FILE]",
                      "validate every mapping file (schema and meaning); prints every problem as "
                      "file:line:column: message",
                      AddDirArgument, Check});
  commands.push_back(
      {"mappings", "test", "[DIR|FILE] [--actual]",
       "map each system's recorded samples and compare with the expected canonical result",
       [](po::options_description& options, po::positional_options_description& pos) {
         AddDirArgument(options, pos);
         options.add_options()("actual", po::bool_switch(),
                               "print what the mapping gave for each failed sample (protobuf "
                               "text: a start for its .expected.txtpb)");
       },
       Test});
  commands.push_back(
      {"mappings", "doc", "[DIR|FILE] -o FILE.html [--config HUBD.xml] [--dot FILE.dot]",
       "write the landscape as one HTML page: per canonical field, the systems providing it, "
       "selectors, transforms and who wins",
       [](po::options_description& options, po::positional_options_description& pos) {
         AddDirArgument(options, pos);
         options.add_options()("out,o", po::value<std::string>()->default_value(""),
                               "the page to write")(
             "config", po::value<std::string>(),
             "the hub configuration whose <survivorship> says who wins (config/hubd.xml)")(
             "dot", po::value<std::string>(), "also write the diagram's Graphviz source here");
       },
       Doc});
  commands.push_back(
      {"mappings", "new", "--connector TYPE [--system] NAME [--out FILE]",
       "write a skeleton mapping file for a new system (it passes check; TODOs mark what to "
       "decide)",
       [](po::options_description& options, po::positional_options_description& pos) {
         pos.add("system", 1);  // `mappings new --connector odbc shop` works too
         options.add_options()("connector", po::value<std::string>()->required(),
                               "http-json, http-xml, odbc or tn3270")(
             "system", po::value<std::string>()->required(), "the system's name (lower case)")(
             "out", po::value<std::string>(), "the file (default DIR/systems/NAME.xml)")(
             "dir", po::value<std::string>()->default_value(kDefaultMappingsDir),
             "the mappings directory");
       },
       New});
}

}  // namespace omnihub::hubctl
