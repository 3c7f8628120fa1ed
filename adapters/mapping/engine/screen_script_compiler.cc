#include "adapters/mapping/engine/screen_script_compiler.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "adapters/mapping/args.h"

namespace omnihub::mapping::engine {
namespace {

// The largest 3270 screens: model 4 has 43 rows, model 5 has 132 columns.
constexpr int kMaxRows = 43;
constexpr int kMaxColumns = 132;

std::optional<absl::StatusCode> StatusCodeOf(std::string_view name) {
  using C = absl::StatusCode;
  static const std::pair<std::string_view, C> kCodes[] = {
      {"UNAVAILABLE", C::kUnavailable},
      {"FAILED_PRECONDITION", C::kFailedPrecondition},
      {"NOT_FOUND", C::kNotFound},
      {"PERMISSION_DENIED", C::kPermissionDenied},
      {"UNAUTHENTICATED", C::kUnauthenticated},
      {"INVALID_ARGUMENT", C::kInvalidArgument},
      {"RESOURCE_EXHAUSTED", C::kResourceExhausted},
      {"DEADLINE_EXCEEDED", C::kDeadlineExceeded},
      {"INTERNAL", C::kInternal},
  };
  for (const auto& [n, code] : kCodes) {
    if (n == name) return code;
  }
  return std::nullopt;
}

int NumberAttr(const xmlNode* node, const char* name, int fallback = 1) {
  int value = fallback;
  (void)absl::SimpleAtoi(AttrOr(node, name, std::to_string(fallback)), &value);
  return value;
}

// row/col: both (true, set) or neither (true, unset); one alone is a problem (false).
bool ParsePosition(const xmlNode* node, std::optional<int>& row, std::optional<int>& col,
                   const ProblemSink& problem) {
  const std::optional<std::string> r = Attr(node, "row");
  const std::optional<std::string> c = Attr(node, "col");
  if (r.has_value() != c.has_value()) {
    problem(node, "give both row=\"...\" and col=\"...\" (1-based), or neither");
    return false;
  }
  if (!r) return true;
  row = NumberAttr(node, "row") - 1;
  col = NumberAttr(node, "col") - 1;
  if (*row >= kMaxRows || *col >= kMaxColumns) {
    problem(node, absl::StrCat("row ", *row + 1, ", col ", *col + 1,
                               " is off every 3270 screen (at most ", kMaxRows, " rows and ",
                               kMaxColumns, " columns)"));
    return false;
  }
  return true;
}

bool ParseMarker(const xmlNode* node, ScreenMarker& marker, const ProblemSink& problem) {
  marker.text = AttrOr(node, "text");
  if (marker.text.empty()) {
    problem(node, "a marker's text=\"...\" must not be empty (it would match every screen)");
    return false;
  }
  return ParsePosition(node, marker.row, marker.col, problem);
}

// Compiles steps of one script (sign-on or an operation). Not thread-safe; lives for one script.
class StepCompiler {
 public:
  StepCompiler(const ScreenCatalog& catalog, const std::vector<std::string_view>& names,
               const ProblemSink& problem)
      : catalog_(catalog), names_(names), problem_(problem) {}

  // Appends the steps among `parent`'s children to `out`; false after any problem.
  bool Steps(const xmlNode* parent, std::vector<ScriptStep>& out, bool in_page) {
    bool ok = true;
    for (const xmlNode* c = parent->children; c != nullptr; c = c->next) {
      if (c->type != XML_ELEMENT_NODE || IsElement(c, "until")) continue;
      std::optional<ScriptStep> step = Step(c, in_page);
      if (step) {
        out.push_back(*std::move(step));
      } else {
        ok = false;
      }
    }
    return ok;
  }

  const std::vector<std::string>& columns() const { return columns_; }
  int list_reads() const { return list_reads_; }

 private:
  std::optional<ScriptStep> Step(const xmlNode* node, bool in_page) {
    ScriptStep step;
    step.line = static_cast<int>(xmlGetLineNo(node));
    if (IsElement(node, "expect-screen")) {
      const std::string name = AttrOr(node, "name");
      if (!CheckScreen(node, name)) return std::nullopt;
      step.step = ExpectScreenStep{name};
    } else if (IsElement(node, "wait-for")) {
      WaitForStep wait;
      if (!Marker(node, wait.marker)) return std::nullopt;
      (void)absl::SimpleAtoi(AttrOr(node, "timeout-ms", "2000"), &wait.timeout_ms);
      step.step = std::move(wait);
    } else if (IsElement(node, "type")) {
      TypeStep type;
      type.label = AttrOr(node, "label");
      if (!Position(node, type.row, type.col)) return std::nullopt;
      if (type.label.empty() == !type.row.has_value()) {
        problem_(node, "a <type> needs exactly one of label=\"protected text\" or row=\"...\" "
                       "col=\"...\" to find its field");
        return std::nullopt;
      }
      absl::StatusOr<TextTemplate> value = TextTemplate::Compile(AttrOr(node, "value"), names_);
      if (!value.ok()) {
        problem_(node, absl::StrCat("the value to type: ", value.status().message()));
        return std::nullopt;
      }
      type.value = *std::move(value);
      step.step = std::move(type);
    } else if (IsElement(node, "press")) {
      std::optional<std::string> key = Key(node, AttrOr(node, "key"));
      if (!key) return std::nullopt;
      step.step = PressStep{*std::move(key)};
    } else if (IsElement(node, "read")) {
      ReadStep read;
      read.name = AttrOr(node, "name");
      read.row = Number(node, "row") - 1;
      read.col = Number(node, "col") - 1;
      read.length = Number(node, "length");
      if (!Column(node, read.name) || !Area(node, read.name, read.row, read.col, read.length)) {
        return std::nullopt;
      }
      step.step = std::move(read);
    } else if (IsElement(node, "read-list")) {
      std::optional<ReadListStep> list = List(node);
      if (!list) return std::nullopt;
      step.step = *std::move(list);
    } else if (IsElement(node, "page")) {
      if (in_page) {
        problem_(node, "a <page> inside a <page> is not supported");
        return std::nullopt;
      }
      PageStep page;
      std::optional<std::string> key = Key(node, AttrOr(node, "key"));
      const xmlNode* until = FirstChild(node, "until");
      (void)absl::SimpleAtoi(AttrOr(node, "max-pages", "10"), &page.max_pages);
      const int lists_before = list_reads_;
      bool ok = key.has_value() && until != nullptr && Marker(until, page.until);
      ok = Steps(node, page.body, true) && ok;
      if (ok && list_reads_ == lists_before) {
        problem_(node, "this <page> has no <read-list>: each page would read nothing new; put "
                       "the <read-list> of the list area inside it");
        ok = false;
      }
      if (!ok) return std::nullopt;
      page.key = *std::move(key);
      step.step = std::move(page);
    } else {
      problem_(node, absl::StrCat("unknown step <", reinterpret_cast<const char*>(node->name), ">"));
      return std::nullopt;
    }
    return step;
  }

  static int Number(const xmlNode* node, const char* name) { return NumberAttr(node, name); }

  bool Position(const xmlNode* node, std::optional<int>& row, std::optional<int>& col) {
    return ParsePosition(node, row, col, problem_);
  }
  bool Marker(const xmlNode* node, ScreenMarker& marker) {
    return ParseMarker(node, marker, problem_);
  }

  bool CheckScreen(const xmlNode* node, const std::string& name) {
    if (catalog_.FindScreen(name) != nullptr) return true;
    std::vector<std::string> names;
    for (const ScreenDef& s : catalog_.screens) names.push_back(s.name);
    std::string hint = DidYouMean(name, names);
    if (hint.empty()) {
      hint = names.empty() ? "; declare it in <screens>"
                           : absl::StrCat("; declared: ", absl::StrJoin(names, ", "));
    }
    problem_(node, absl::StrCat("unknown screen '", name, "'", hint));
    return false;
  }

  std::optional<std::string> Key(const xmlNode* node, const std::string& written) {
    const std::string key = absl::AsciiStrToUpper(written);
    if (IsAidName(key)) return key;
    problem_(node, absl::StrCat("unknown key '", written,
                                "': a script presses ENTER, CLEAR, PF1 to PF24 or PA1 to PA3"));
    return std::nullopt;
  }

  bool Column(const xmlNode* node, const std::string& name) {
    if (!IsColumnName(name)) {
      problem_(node, absl::StrCat("'", name,
                                  "' is not a column name (letters, digits and _, not starting "
                                  "with a digit): the response's sources name it"));
      return false;
    }
    if (!seen_.insert(absl::AsciiStrToLower(name)).second) {
      problem_(node, absl::StrCat("'", name, "' is read twice in this script; give each read "
                                             "its own name"));
      return false;
    }
    columns_.push_back(name);
    return true;
  }

  bool Area(const xmlNode* node, const std::string& name, int row, int col, int length) {
    if (row < 0 || col < 0 || length < 1 || row >= kMaxRows || col + length > kMaxColumns) {
      problem_(node, absl::StrCat("'", name, "' at row ", row + 1, ", col ", col + 1,
                                  ", length ", length, " runs off every 3270 screen (at most ",
                                  kMaxRows, " rows and ", kMaxColumns,
                                  " columns; a read does not wrap to the next row)"));
      return false;
    }
    return true;
  }

  std::optional<ReadListStep> List(const xmlNode* node) {
    ReadListStep list;
    list.first_row = Number(node, "first-row") - 1;
    list.last_row = Number(node, "last-row") - 1;
    list.lines_per_item = Number(node, "lines-per-item");
    bool ok = true;
    const int rows = list.last_row - list.first_row + 1;
    if (rows < 1 || list.last_row >= kMaxRows) {
      problem_(node, absl::StrCat("the list area rows ", list.first_row + 1, " to ",
                                  list.last_row + 1, " is empty or off the screen"));
      ok = false;
    } else if (rows % list.lines_per_item != 0) {
      problem_(node, absl::StrCat("the list area rows ", list.first_row + 1, " to ",
                                  list.last_row + 1, " (", rows,
                                  " rows) is not a whole number of ", list.lines_per_item,
                                  "-row items"));
      ok = false;
    }
    for (const xmlNode* c : Children(node, "column")) {
      ListColumn column;
      column.name = AttrOr(c, "name");
      column.line = Number(c, "line") - 1;
      column.col = Number(c, "col") - 1;
      column.length = Number(c, "length");
      if (column.line >= list.lines_per_item) {
        problem_(c, absl::StrCat("column '", column.name, "' is on line ", column.line + 1,
                                 " of an item, but items have ", list.lines_per_item, " line",
                                 list.lines_per_item == 1 ? "" : "s", " (lines-per-item)"));
        ok = false;
        continue;
      }
      if (!Column(c, column.name) ||
          !Area(c, column.name, list.first_row + column.line, column.col, column.length)) {
        ok = false;
        continue;
      }
      list.columns.push_back(std::move(column));
    }
    ++list_reads_;
    if (!ok) return std::nullopt;
    return list;
  }

  const ScreenCatalog& catalog_;
  const std::vector<std::string_view>& names_;
  const ProblemSink& problem_;
  std::set<std::string> seen_;
  std::vector<std::string> columns_;
  int list_reads_ = 0;
};

}  // namespace

std::optional<ScreenCatalog> CompileScreenCatalog(const xmlNode* root,
                                                  const std::vector<std::string_view>& credentials,
                                                  const ProblemSink& problem) {
  ScreenCatalog catalog;
  const xmlNode* screens = FirstChild(root, "screens");
  const xmlNode* sign_on = FirstChild(root, "sign-on");
  if (screens == nullptr || sign_on == nullptr) {
    problem(root, "a tn3270 system declares its <screens> (each known by its markers) and its "
                  "<sign-on> script, after <settings>");
    return std::nullopt;
  }
  bool ok = true;
  for (const xmlNode* c = screens->children; c != nullptr; c = c->next) {
    std::vector<ScreenMarker> markers;
    for (const xmlNode* m : Children(c, "marker")) {
      ScreenMarker marker;
      ok = ParseMarker(m, marker, problem) && ok;
      markers.push_back(std::move(marker));
    }
    if (IsElement(c, "screen")) {
      ScreenDef def{AttrOr(c, "name"), std::move(markers)};
      if (catalog.FindScreen(def.name) != nullptr) {
        problem(c, absl::StrCat("screen '", def.name, "' is declared twice"));
        ok = false;
      }
      catalog.screens.push_back(std::move(def));
    } else if (IsElement(c, "error-screen")) {
      ErrorScreen error;
      error.code = StatusCodeOf(AttrOr(c, "code")).value_or(absl::StatusCode::kUnavailable);
      error.message = AttrOr(c, "message");
      error.markers = std::move(markers);
      catalog.error_screens.push_back(std::move(error));
    }
  }
  if (!ok) return std::nullopt;  // screen names must be known before the scripts use them
  StepCompiler steps(catalog, credentials, problem);
  ok = steps.Steps(sign_on, catalog.sign_on, false);
  catalog.home_screen = AttrOr(sign_on, "home-screen");
  if (catalog.FindScreen(catalog.home_screen) == nullptr) {
    problem(sign_on, absl::StrCat("the home screen '", catalog.home_screen,
                                  "' is not declared in <screens>"));
    ok = false;
  }
  if (const std::optional<std::string> key = Attr(sign_on, "home-key")) {
    catalog.home_key = absl::AsciiStrToUpper(*key);
    if (!IsAidName(catalog.home_key)) {
      problem(sign_on, absl::StrCat("unknown home-key '", *key,
                                    "': ENTER, CLEAR, PF1 to PF24 or PA1 to PA3"));
      ok = false;
    }
  }
  if (!steps.columns().empty()) {
    problem(sign_on, "the sign-on script reads fields; reads belong in operation scripts");
    ok = false;
  }
  if (!ok) return std::nullopt;
  return catalog;
}

std::optional<ScreenScript> CompileScreenScript(const xmlNode* script,
                                                const ScreenCatalog& catalog,
                                                const std::vector<std::string_view>& parameters,
                                                const ProblemSink& problem) {
  StepCompiler steps(catalog, parameters, problem);
  ScreenScript out;
  if (!steps.Steps(script, out.steps, false)) return std::nullopt;
  out.columns = steps.columns();
  return out;
}

}  // namespace omnihub::mapping::engine
