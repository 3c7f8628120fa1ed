// mappings/systems/mainframe.xml against the mainframe simulator's real screens: a minimal
// reference runner executes the compiled sign-on and operation scripts on the simulator's pure
// application (tools/simulators/mainframe/application.h: inputs in, screens out, no sockets) and
// the reads go through MapTable. It proves the file's positions, labels, markers and paging match
// the simulator; the tn3270 connector's executor (on a live session) follows the same contract
// (adapters/mapping/engine/screen_script.h).
#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/mapping_compiler.h"
#include "adapters/mapping/engine/table_mapper.h"
#include "tools/simulators/mainframe/application.h"

namespace omnihub::mapping::engine {
namespace {

namespace sim = omnihub::mainframe_sim;

const world::World& TestWorld() {
  static const world::World world = world::Generate({.seed = 42, .customers = 2000});
  return world;
}

const CompiledSystem& Mainframe() {
  static const std::shared_ptr<const CompiledSystem> system = [] {
    CompileResult r =
        CompileMappingFile(std::string(OMNIHUB_MAPPINGS_DIR) + "/systems/mainframe.xml");
    EXPECT_TRUE(r.ok()) << FormatDiagnostics(r.diagnostics);
    return r.system;
  }();
  return *system;
}

// Runs compiled scripts on one simulated terminal session. Not thread-safe.
class ReferenceRunner {
 public:
  explicit ReferenceRunner(const CompiledSystem& system) : system_(system), app_(TestWorld()) {
    screen_ = &app_.Start();
  }

  absl::Status Run(const std::vector<ScriptStep>& steps,
                   const std::map<std::string, std::string>& values) {
    for (const ScriptStep& step : steps) {
      if (absl::Status s = RunStep(step, values); !s.ok()) return s;
    }
    return absl::OkStatus();
  }

  // The result table of the reads since the last call (see screen_script.h).
  Table TakeTable(const ScreenScript& script) {
    Table t;
    t.columns = script.columns;
    auto value = [&](const std::map<std::string, std::string>& from, const std::string& c) {
      const auto it = from.find(c);
      return it == from.end() ? std::optional<std::string>() : it->second;
    };
    if (items_.empty() && !reads_.empty()) items_.emplace_back();
    for (const auto& item : items_) {
      std::vector<std::optional<std::string>> row;
      for (const std::string& c : t.columns) {
        std::optional<std::string> v = value(item, c);
        row.push_back(v ? v : value(reads_, c));
      }
      t.rows.push_back(std::move(row));
    }
    reads_.clear();
    items_.clear();
    return t;
  }

  const sim::Screen& screen() const { return *screen_; }

 private:
  bool Matches(const ScreenMarker& m) const {
    const std::vector<std::string> lines = screen_->Lines();
    if (!m.row) {
      return std::any_of(lines.begin(), lines.end(),
                         [&](const std::string& l) { return absl::StrContains(l, m.text); });
    }
    return lines[*m.row].compare(*m.col, m.text.size(), m.text) == 0;
  }
  bool Matches(const std::vector<ScreenMarker>& markers) const {
    return std::all_of(markers.begin(), markers.end(),
                       [&](const ScreenMarker& m) { return Matches(m); });
  }

  absl::Status CheckErrors() const {
    for (const ErrorScreen& e : system_.screens.error_screens) {
      if (Matches(e.markers)) {
        const std::string line(absl::StripAsciiWhitespace(screen_->Lines()[22]));
        return absl::Status(e.code, e.message.empty() ? line : e.message);
      }
    }
    return absl::OkStatus();
  }

  // The name of the input field for a <type>.
  std::optional<std::string> InputFor(const TypeStep& type) const {
    const sim::ScreenField* label = nullptr;
    for (const sim::ScreenField& f : screen_->fields) {
      if (type.row) {
        if (f.input && f.row == *type.row && f.column == *type.col) return f.name;
        continue;
      }
      if (!f.input && absl::StrContains(f.text, type.label)) {
        label = &f;
      } else if (f.input && label != nullptr && f.row == label->row &&
                 f.column > label->column) {
        return f.name;
      }
    }
    return std::nullopt;
  }

  std::string Text(int row, int col, int length) const {
    return screen_->Lines()[row].substr(col, length);
  }

  absl::Status RunStep(const ScriptStep& step, const std::map<std::string, std::string>& values) {
    if (const auto* expect = std::get_if<ExpectScreenStep>(&step.step)) {
      if (absl::Status s = CheckErrors(); !s.ok()) return s;
      if (!Matches(system_.screens.FindScreen(expect->screen)->markers)) {
        return absl::FailedPreconditionError(
            absl::StrCat("expected screen ", expect->screen, ", got:\n", screen_->Text()));
      }
    } else if (const auto* wait = std::get_if<WaitForStep>(&step.step)) {
      if (!Matches(wait->marker)) {  // the simulator answers at once: nothing to wait for
        return absl::DeadlineExceededError(absl::StrCat("no '", wait->marker.text, "'"));
      }
    } else if (const auto* type = std::get_if<TypeStep>(&step.step)) {
      std::optional<std::string> field = InputFor(*type);
      if (!field) return absl::FailedPreconditionError("no input field for " + type->label);
      absl::StatusOr<std::string> text = type->value.Render(values);
      if (!text.ok()) return text.status();
      typed_[*field] = *text;
    } else if (const auto* press = std::get_if<PressStep>(&step.step)) {
      sim::AppInput input;
      input.fields = std::move(typed_);
      typed_.clear();
      if (press->key == "CLEAR") input.aid = sim::Aid::kClear;
      if (absl::StartsWith(press->key, "PF")) {
        input.aid = sim::Aid::kPf;
        input.key_number = std::stoi(press->key.substr(2));
      }
      // The terminal upper-cases nothing; the host does (as CICS does).
      screen_ = &app_.Handle(input);
      return CheckErrors();
    } else if (const auto* read = std::get_if<ReadStep>(&step.step)) {
      reads_[read->name] = Text(read->row, read->col, read->length);
    } else if (const auto* list = std::get_if<ReadListStep>(&step.step)) {
      for (int row = list->first_row; row + list->lines_per_item - 1 <= list->last_row;
           row += list->lines_per_item) {
        std::map<std::string, std::string> item;
        bool blank = true;
        for (const ListColumn& c : list->columns) {
          item[c.name] = Text(row + c.line, c.col, c.length);
          blank = blank && absl::StripAsciiWhitespace(item[c.name]).empty();
        }
        if (blank) break;
        items_.push_back(std::move(item));
      }
    } else if (const auto* page = std::get_if<PageStep>(&step.step)) {
      for (int n = 1;; ++n) {
        if (absl::Status s = Run(page->body, values); !s.ok()) return s;
        if (Matches(page->until) || n == page->max_pages) break;
        if (absl::Status s = RunStep(ScriptStep{PressStep{page->key}, 0}, values); !s.ok()) {
          return s;
        }
      }
    }
    return absl::OkStatus();
  }

  const CompiledSystem& system_;
  sim::Application app_;
  const sim::Screen* screen_ = nullptr;
  sim::FieldValues typed_;
  std::map<std::string, std::string> reads_;
  std::vector<std::map<std::string, std::string>> items_;
};

class MainframeMappingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(runner_.Run(Mainframe().screens.sign_on,
                            {{"user", "csr0001"}, {"password", "omnihub"}})
                    .ok());
    ASSERT_EQ(runner_.screen().id, "OMNM001");
  }

  // Runs `operation` from the home screen and returns its table; back home afterwards.
  absl::StatusOr<Table> Call(const std::string& operation,
                             const std::map<std::string, std::string>& values) {
    const CompiledOperation& op = *Mainframe().FindOperation(operation);
    absl::Status s = runner_.Run(op.script.steps, values);
    Table table = runner_.TakeTable(op.script);
    const std::vector<ScriptStep> home = {
        ScriptStep{PressStep{Mainframe().screens.home_key}, 0}};
    (void)runner_.Run(home, {});
    if (!s.ok()) return s;
    return table;
  }

  TableSet Tables(Table main) {
    TableSet t;
    t.main = std::move(main);
    return t;
  }

  ReferenceRunner runner_{Mainframe()};
};

TEST_F(MainframeMappingTest, GetCustomerReadsTheInquiryScreen) {
  absl::StatusOr<Table> table = Call("get-customer", {{"account_id", "104217"}});
  ASSERT_TRUE(table.ok()) << table.status();
  absl::StatusOr<omnihub::v1::Customer> c =
      MapTableCustomer(*Mainframe().FindOperation("get-customer"), Tables(*table));
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->family_name(), "Doe");
  EXPECT_EQ(c->given_name(), "Jane");
  ASSERT_EQ(c->address().lines_size(), 1);  // line 2 is blank
  EXPECT_EQ(c->address().lines(0), "12 HIGH ST");
  EXPECT_EQ(c->address().locality(), "LEEDS");
  EXPECT_EQ(c->address().postal_code(), "LS1 4AB");
  EXPECT_TRUE(c->has_customer_since());
  ASSERT_EQ(c->identifiers_size(), 1);
  EXPECT_EQ(c->identifiers(0).value(), "00104217");
}

TEST_F(MainframeMappingTest, ErrorScreensGiveTheirStatus) {
  EXPECT_EQ(Call("get-customer", {{"account_id", "99999999"}}).status().code(),
            absl::StatusCode::kNotFound);
  const absl::Status abend = Call("get-customer", {{"account_id", "12AB"}}).status();
  EXPECT_EQ(abend.code(), absl::StatusCode::kUnavailable);
  EXPECT_EQ(abend.message(), "the mainframe transaction abended");
  EXPECT_EQ(Call("get-customer", {}).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(MainframeMappingTest, NotesArePagedToTheEndMarker) {
  absl::StatusOr<Table> table = Call("list-contacts", {{"account_id", "00104217"}});
  ASSERT_TRUE(table.ok()) << table.status();
  absl::StatusOr<std::vector<omnihub::v1::Contact>> notes =
      MapTableContacts(*Mainframe().FindOperation("list-contacts"), Tables(*table));
  ASSERT_TRUE(notes.ok()) << notes.status();
  ASSERT_GE(notes->size(), 5u);
  const auto found = std::find_if(notes->begin(), notes->end(), [](const auto& n) {
    return n.summary() == "CUST CHASED W1000002 AGAIN. ESCALATED TO DESPATCH TEAM.";
  });
  ASSERT_NE(found, notes->end());
  EXPECT_EQ(found->agent_id(), "CSR0412");
  EXPECT_TRUE(found->has_occurred_at());
  EXPECT_TRUE(absl::StartsWith(found->contact_id(), "00104217-"));
}

TEST_F(MainframeMappingTest, SearchBySurnameAndPostcodeAcrossPages) {
  absl::StatusOr<Table> table =
      Call("search-customers", {{"surname", "DOE"}, {"postal_code", "LS1 4AB"}});
  ASSERT_TRUE(table.ok()) << table.status();
  absl::StatusOr<std::vector<omnihub::v1::Customer>> found =
      MapTableCustomers(*Mainframe().FindOperation("search-customers"), Tables(*table));
  ASSERT_TRUE(found.ok()) << found.status();
  ASSERT_GE(found->size(), 1u);
  bool jane = false;
  for (const auto& c : *found) {
    jane = jane || (c.identifiers(0).value() == "00104217" && c.given_name() == "Jane");
  }
  EXPECT_TRUE(jane);

  // A common surname fills more than one page of 14 (seed 42, 2000 people: 21 mainframe
  // accounts named CLARKE).
  absl::StatusOr<Table> many = Call("search-customers", {{"surname", "CLARKE"}, {"postal_code", ""}});
  ASSERT_TRUE(many.ok()) << many.status();
  std::set<std::string> accounts;
  for (const auto& row : many->rows) accounts.insert(*row[0]);
  size_t expected = 0;
  for (const auto& a : TestWorld().mainframe_accounts) {
    expected += absl::StartsWith(a.name_upper, "CLARKE ") ? 1 : 0;
  }
  EXPECT_GT(expected, 14u);
  EXPECT_EQ(many->rows.size(), expected);
  EXPECT_EQ(accounts.size(), many->rows.size());  // no page read twice
}

TEST_F(MainframeMappingTest, StoreCardBalance) {
  absl::StatusOr<Table> table = Call("get-loyalty", {{"account_id", "00104217"}});
  ASSERT_TRUE(table.ok()) << table.status();
  omnihub::v1::LoyaltySummary loyalty;
  ASSERT_TRUE(
      MapTableRecord(*Mainframe().FindOperation("get-loyalty"), Tables(*table), loyalty).ok());
  EXPECT_EQ(loyalty.store_card().account_number(), "7002000000000003");
  EXPECT_EQ(loyalty.store_card().balance().amount_minor(), 12345);
  EXPECT_EQ(loyalty.store_card().credit_limit().amount_minor(), 150000);
  EXPECT_EQ(loyalty.store_card().status(), "ACTIVE");
}

TEST_F(MainframeMappingTest, AddNoteIsConfirmedAndThenListed) {
  ASSERT_TRUE(Call("add-note", {{"account_id", "00104217"}, {"text", "CALLED ABOUT W1000002"}})
                  .ok());
  absl::StatusOr<Table> table = Call("list-contacts", {{"account_id", "00104217"}});
  ASSERT_TRUE(table.ok()) << table.status();
  bool listed = false;
  for (const auto& row : table->rows) {
    listed = listed || absl::StartsWith(*row[4], "CALLED ABOUT W1000002");
  }
  EXPECT_TRUE(listed);
}

}  // namespace
}  // namespace omnihub::mapping::engine
