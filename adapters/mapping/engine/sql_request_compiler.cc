#include "adapters/mapping/engine/sql_request_compiler.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {
namespace {

class StatementCompiler {
 public:
  StatementCompiler(const std::vector<std::string_view>& parameters, const ProblemSink& problem)
      : parameters_(parameters), problem_(problem) {}

  // `owner` is <request> (the main statement) or a <statement>.
  std::optional<SqlStatement> Compile(const xmlNode* owner, std::string name) {
    SqlStatement statement;
    statement.name = std::move(name);
    const std::string label =
        statement.name.empty() ? "the operation's SQL" : absl::StrCat("statement '", statement.name, "'");
    bool ok = true;
    for (const xmlNode* p : Children(owner, "param")) {
      SqlParam param{AttrOr(p, "name"), AttrOr(p, "column")};
      if (param.name.empty() == param.column.empty()) {
        problem_(p, "a <param> needs exactly one of name=\"request_parameter\" or "
                    "column=\"parent_column\"");
        ok = false;
      } else if (!param.name.empty()) {
        ok = CheckParameterName(p, param.name) && ok;
      } else if (statement.name.empty()) {
        problem_(p, absl::StrCat("<param column=\"", param.column,
                                 "\"> names a column of the parent row, so it belongs in a child "
                                 "<statement>; the operation's own SQL takes request parameters: "
                                 "<param name=\"...\"/>"));
        ok = false;
      } else if (!IsColumnName(param.column)) {
        problem_(p, absl::StrCat("'", param.column,
                                 "' is not a column name (letters, digits and _, not starting "
                                 "with a digit)"));
        ok = false;
      }
      statement.params.push_back(std::move(param));
    }
    bool has_default = false;
    for (const xmlNode* s : Children(owner, "sql")) {
      const std::optional<std::string> dialect = Attr(s, "dialect");
      std::string text = TextOf(s);
      absl::StatusOr<size_t> markers = CountSqlParameters(text);
      if (!markers.ok()) {
        problem_(s, absl::StrCat(label, ": ", markers.status().message()));
        ok = false;
      } else if (*markers != statement.params.size()) {
        problem_(s, absl::StrCat(label, ": the SQL", dialect ? absl::StrCat(" for ", *dialect) : "",
                                 " has ", *markers, " parameter marker", *markers == 1 ? "" : "s",
                                 " (?) but ", statement.params.size(), " <param>",
                                 statement.params.size() == 1 ? "" : "s",
                                 ": give one <param> per ?, in the order of the ?s"));
        ok = false;
      }
      if (!dialect) {
        if (has_default) {
          problem_(s, absl::StrCat(label, " has two default <sql> texts; give variants a "
                                          "dialect=\"sqlite\" or dialect=\"postgresql\""));
          ok = false;
        }
        has_default = true;
        statement.sql = std::move(text);
      } else if (!statement.dialects.emplace(*dialect, std::move(text)).second) {
        problem_(s, absl::StrCat(label, " has two <sql dialect=\"", *dialect, "\"> texts"));
        ok = false;
      }
    }
    if (!has_default) {
      problem_(owner, absl::StrCat(label,
                                   " needs a default <sql> (without dialect), run on every "
                                   "database that has no variant of its own"));
      ok = false;
    }
    if (!ok) return std::nullopt;
    return statement;
  }

 private:
  bool CheckParameterName(const xmlNode* node, const std::string& name) {
    std::vector<std::string> names;
    for (std::string_view p : parameters_) {
      if (p == name) return true;
      names.emplace_back(p);
    }
    std::string hint = DidYouMean(name, names);
    if (hint.empty()) hint = absl::StrCat("; this operation offers ", absl::StrJoin(names, ", "));
    problem_(node, absl::StrCat("unknown request parameter '", name, "'", hint));
    return false;
  }

  const std::vector<std::string_view>& parameters_;
  const ProblemSink& problem_;
};

}  // namespace

std::optional<SqlRequest> CompileSqlRequest(const xmlNode* request,
                                            const std::vector<std::string_view>& parameters,
                                            const ProblemSink& problem) {
  StatementCompiler compiler(parameters, problem);
  SqlRequest out;
  bool ok = true;
  if (std::optional<SqlStatement> main = compiler.Compile(request, "")) {
    out.main = *std::move(main);
  } else {
    ok = false;
  }
  std::set<std::string> names;
  for (const xmlNode* s : Children(request, "statement")) {
    const std::string name = AttrOr(s, "name");
    if (!names.insert(name).second) {
      problem(s, absl::StrCat("statement '", name, "' is declared twice in this operation"));
      ok = false;
      continue;
    }
    if (std::optional<SqlStatement> child = compiler.Compile(s, name)) {
      out.children.push_back(*std::move(child));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

}  // namespace omnihub::mapping::engine
