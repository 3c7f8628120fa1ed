// The script executor on pooled sessions against the in-process mainframe simulator, with a
// screen catalog and scripts built here (the compiler's own tests cover the mapping file): reads
// and list reads with paging to the end marker, typing by label and position, error screens
// (NOT_FOUND, an abend as UNAVAILABLE) with the message line in the detail, an unexpected screen,
// too-long values, the session recovered by the pool afterwards, and deadlines on slow screens.
#include "adapters/tn3270/connector/script_executor.h"

#include <gtest/gtest.h>

#include <future>

#include "adapters/tn3270/connector/catalog_sign_on.h"
#include "adapters/tn3270/connector/screen_match.h"
#include "running_sim.h"

namespace omnihub::tn3270 {
namespace {

namespace engine = mapping::engine;
using namespace std::chrono_literals;
using testing::IoThreads;
using testing::RunningSim;

engine::ScreenMarker At(int row, int col, std::string text) {
  return engine::ScreenMarker{row, col, std::move(text)};
}
engine::ScreenMarker Anywhere(std::string text) {
  return engine::ScreenMarker{std::nullopt, std::nullopt, std::move(text)};
}
engine::TextTemplate Template(std::string_view text) {
  auto compiled = engine::TextTemplate::Compile(
      text, {"account_id", "user", "password", "text", "surname", "postal_code"});
  EXPECT_TRUE(compiled.ok()) << compiled.status();
  return *compiled;
}
engine::ScriptStep Step(auto step, int line = 1) { return engine::ScriptStep{step, line}; }
engine::ScriptStep Expect(std::string screen) { return Step(engine::ExpectScreenStep{screen}); }
engine::ScriptStep TypeLabel(std::string label, std::string_view value, int line = 1) {
  engine::TypeStep step;
  step.label = std::move(label);
  step.value = Template(value);
  return Step(step, line);
}
engine::ScriptStep Press(std::string key, int line = 1) {
  return Step(engine::PressStep{std::move(key)}, line);
}
engine::ScriptStep Read(std::string name, int row, int col, int length) {
  return Step(engine::ReadStep{std::move(name), row, col, length});
}

// The simulator's application as a mapping would declare it (rows and columns 0-based).
std::shared_ptr<engine::ScreenCatalog> SimCatalog() {
  auto catalog = std::make_shared<engine::ScreenCatalog>();
  catalog->screens = {{"sign-on", {At(0, 1, "OMNS001")}},    {"menu", {At(0, 1, "OMNM001")}},
                      {"inquiry", {At(0, 1, "OMNI001")}},    {"notes", {At(0, 1, "OMNN001")}},
                      {"store-card", {At(0, 1, "OMNC001")}}, {"add-note", {At(0, 1, "OMNA001")}}};
  catalog->error_screens = {
      {absl::StatusCode::kNotFound, "", {Anywhere("OMN0404E")}},
      {absl::StatusCode::kUnavailable, "the mainframe transaction abended", {Anywhere("DFHAC")}},
      {absl::StatusCode::kUnavailable, "", {Anywhere("SESSION IN USE")}},
      {absl::StatusCode::kPermissionDenied, "", {Anywhere("OMN0100E")}},
  };
  catalog->sign_on = {Expect("sign-on"), TypeLabel("USERID", "{user}"),
                      TypeLabel("PASSWORD", "{password}"), Press("ENTER"), Expect("menu")};
  catalog->home_screen = "menu";
  catalog->home_key = "PF12";
  return catalog;
}

struct Script {
  std::vector<engine::ScriptStep> steps;
  std::vector<std::string> columns;
};

Script Inquiry() {
  return {{Expect("menu"), TypeLabel("OPTION", "1"), TypeLabel("ACCOUNT ===>", "{account_id}"),
           Press("ENTER", 10), Expect("inquiry"), Read("name", 4, 18, 30),
           Read("postcode", 8, 18, 8), Read("card", 10, 18, 16)},
          {"name", "postcode", "card"}};
}

Script Notes() {
  engine::ReadListStep list;
  list.first_row = 5;
  list.last_row = 18;
  list.lines_per_item = 2;
  list.columns = {{"date", 0, 2, 8}, {"operator", 0, 18, 8}, {"text", 1, 6, 70}};
  engine::PageStep page;
  page.key = "PF8";
  page.until = At(20, 2, "END OF LIST");
  page.max_pages = 20;
  page.body = {Step(list)};
  return {{Expect("menu"), TypeLabel("OPTION", "3"), TypeLabel("ACCOUNT ===>", "{account_id}"),
           Press("ENTER"), Expect("notes"), Read("account", 2, 21, 8), Step(page)},
          {"account", "date", "operator", "text"}};
}

class ScriptExecutorTest : public ::testing::Test {
 protected:
  void SetUp() override { StartPool(mainframe_sim::ServerOptions{.host = "127.0.0.1", .port = 0}); }

  void StartPool(mainframe_sim::ServerOptions sim_options, int size = 1) {
    if (pool_) pool_->Shutdown();
    pool_.reset();
    sim_ = std::make_unique<RunningSim>(sim_options);
    SessionPoolOptions options;
    options.client.port = sim_->port();
    options.size = size;
    options.sign_on = CatalogSignOn(catalog_, {{"user", "CSR0001"}, {"password", "OMNIHUB"}});
    options.is_home = CatalogHomeTest(catalog_);
    options.reset_keys = CatalogResetKeys(*catalog_);
    auto pool = SessionPool::Create(io_.executor(), options);
    ASSERT_TRUE(pool.ok()) << pool.status();
    pool_ = *pool;
  }
  void TearDown() override {
    if (pool_) pool_->Shutdown();
  }

  absl::StatusOr<ScriptResult> Run(const Script& script, std::map<std::string, std::string> values,
                                   std::chrono::milliseconds timeout = 5s) {
    std::promise<absl::StatusOr<Lease>> leased;
    pool_->Acquire(PoolClock::now() + timeout,
                   [&leased](absl::StatusOr<Lease> lease) { leased.set_value(std::move(lease)); });
    auto lease = leased.get_future().get();
    if (!lease.ok()) return lease.status();
    ScriptRequest request;
    request.catalog = catalog_.get();
    request.steps = &script.steps;
    request.columns = script.columns;
    request.values = std::move(values);
    request.deadline = PoolClock::now() + timeout;
    request.name = "test-script";
    std::promise<absl::StatusOr<ScriptResult>> result;
    RunScript(lease->client_ptr(), request,
              [&result](absl::StatusOr<ScriptResult> r) { result.set_value(std::move(r)); });
    return result.get_future().get();  // the lease goes back to the pool here
  }

  SessionPoolStats Stats() {
    std::promise<SessionPoolStats> promise;
    pool_->AsyncStats([&promise](SessionPoolStats stats) { promise.set_value(stats); });
    return promise.get_future().get();
  }

  std::shared_ptr<engine::ScreenCatalog> catalog_ = SimCatalog();
  IoThreads io_;
  std::unique_ptr<RunningSim> sim_;
  std::shared_ptr<SessionPool> pool_;
};

std::string Trimmed(const std::optional<std::string>& value) {
  if (!value) return "(null)";
  const auto last = value->find_last_not_of(' ');
  return last == std::string::npos ? std::string() : value->substr(0, last + 1);
}

TEST_F(ScriptExecutorTest, ReadsTheInquiryScreenInOneRoundTrip) {
  auto result = Run(Inquiry(), {{"account_id", testing::kDemoAccount}});
  ASSERT_TRUE(result.ok()) << result.status();
  ASSERT_EQ(result->table.rows.size(), 1u);
  ASSERT_EQ(result->table.columns, (std::vector<std::string>{"name", "postcode", "card"}));
  EXPECT_EQ(Trimmed(result->table.rows[0][0]), "DOE JANE");
  EXPECT_EQ(result->table.rows[0][0]->size(), 30u);  // kept as on the screen
  EXPECT_FALSE(Trimmed(result->table.rows[0][2]).empty());
  EXPECT_EQ(result->round_trips, 1);
  EXPECT_FALSE(result->truncated);
}

TEST_F(ScriptExecutorTest, PagesThroughTheNotesUntilTheEndMarker) {
  auto result = Run(Notes(), {{"account_id", testing::kDemoAccount}});
  ASSERT_TRUE(result.ok()) << result.status();
  const auto& table = result->table;
  ASSERT_GE(table.rows.size(), 5u);
  for (const auto& row : table.rows) {
    EXPECT_EQ(row[0], std::optional<std::string>(testing::kDemoAccount));  // read once, on each row
    EXPECT_EQ(row[1]->size(), 8u);
    EXPECT_FALSE(Trimmed(row[3]).empty());
  }
  EXPECT_EQ(table.rows[0][1], "20261030");  // newest first
  EXPECT_FALSE(result->truncated);
}

Script AddNote() {
  engine::TypeStep at;
  at.row = 6;
  at.col = 2;
  at.value = Template("{text}");
  return {
      {Expect("menu"), TypeLabel("OPTION", "5"), TypeLabel("ACCOUNT ===>", "{account_id}"),
       Press("ENTER"), Expect("add-note"), Step(at), Press("ENTER"), Read("message", 22, 1, 79)},
      {"message"}};
}

TEST_F(ScriptExecutorTest, PagesAcrossSeveralScreensAndStopsAtMaxPages) {
  // Notes added live in the simulator's terminal session: the pool has one, so the demo
  // customer's 5 notes become 9, two pages of 7.
  for (int i = 0; i < 4; ++i) {
    auto added = Run(AddNote(), {{"account_id", testing::kDemoAccount}, {"text", "PAGING TEST"}});
    ASSERT_TRUE(added.ok()) << added.status();
  }
  auto all = Run(Notes(), {{"account_id", testing::kDemoAccount}});
  ASSERT_TRUE(all.ok()) << all.status();
  EXPECT_EQ(all->table.rows.size(), 9u);
  EXPECT_EQ(all->round_trips, 2);  // ENTER, then PF8 once
  EXPECT_FALSE(all->truncated);

  Script one_page = Notes();
  std::get<engine::PageStep>(one_page.steps.back().step).max_pages = 1;
  auto cut = Run(one_page, {{"account_id", testing::kDemoAccount}});
  ASSERT_TRUE(cut.ok()) << cut.status();
  EXPECT_EQ(cut->table.rows.size(), 7u);
  EXPECT_TRUE(cut->truncated);
}

TEST_F(ScriptExecutorTest, AnUnknownAccountIsNotFoundWithTheMessageLine) {
  auto result = Run(Inquiry(), {{"account_id", "99999999"}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kNotFound) << result.status();
  EXPECT_NE(result.status().message().find("OMN0404E ACCOUNT 99999999 NOT FOUND"),
            std::string::npos)
      << result.status();
  EXPECT_NE(result.status().message().find("line 10"), std::string::npos) << result.status();
  // The session was left on the inquiry screen; the pool brought it back to the menu.
  EXPECT_TRUE(Run(Inquiry(), {{"account_id", testing::kDemoAccount}}).ok());
  EXPECT_GE(Stats().resets, 1u);
  EXPECT_EQ(Stats().sign_ons, 1u);
}

TEST_F(ScriptExecutorTest, AnAbendIsUnavailableAndTheSessionRecovers) {
  auto result = Run(Inquiry(), {{"account_id", "12AB"}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnavailable) << result.status();
  EXPECT_NE(result.status().message().find("abended"), std::string::npos) << result.status();
  EXPECT_NE(result.status().message().find("DFHAC2206"), std::string::npos) << result.status();
  auto next = Run(Inquiry(), {{"account_id", testing::kDemoAccount}});
  EXPECT_TRUE(next.ok()) << next.status();
  EXPECT_EQ(Stats().replacements, 0u);
}

TEST_F(ScriptExecutorTest, AnUnexpectedScreenIsFailedPreconditionNamingBoth) {
  Script wrong = Inquiry();
  wrong.steps[4] = Expect("store-card");
  auto result = Run(wrong, {{"account_id", testing::kDemoAccount}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition) << result.status();
  EXPECT_NE(result.status().message().find("expected screen 'store-card'"), std::string::npos)
      << result.status();
  EXPECT_NE(result.status().message().find("OMNI001 CUSTOMER INQUIRY"), std::string::npos)
      << result.status();
  EXPECT_EQ(result.status().message().find("DOE JANE"), std::string::npos)
      << "no customer data in errors: " << result.status();
}

TEST_F(ScriptExecutorTest, ValuesLongerThanTheFieldAndMissingLabelsAreRefused) {
  auto result = Run(Inquiry(), {{"account_id", "1234567890"}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument) << result.status();
  EXPECT_NE(result.status().message().find("the field holds 8"), std::string::npos)
      << result.status();

  Script missing = Inquiry();
  missing.steps[1] = TypeLabel("NO SUCH LABEL", "1");
  result = Run(missing, {{"account_id", "1"}});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kFailedPrecondition) << result.status();
  EXPECT_NE(result.status().message().find("'NO SUCH LABEL'"), std::string::npos);

  result = Run(Inquiry(), {});  // no value for {account_id}
  EXPECT_FALSE(result.ok());
  EXPECT_NE(result.status().message().find("account_id"), std::string::npos) << result.status();
}

TEST_F(ScriptExecutorTest, TypesByPositionAndAddsANote) {
  auto result =
      Run(AddNote(), {{"account_id", testing::kDemoAccount}, {"text", "CALLED ABOUT CARD"}});
  ASSERT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(Trimmed(result->table.rows[0][0]),
            std::string("OMN0201I NOTE ADDED TO ACCOUNT ") + testing::kDemoAccount);
}

TEST_F(ScriptExecutorTest, ASlowHostEndsAtTheDeadlineAndTheSessionIsReset) {
  StartPool({.host = "127.0.0.1", .port = 0, .slow_ms = 300});
  auto result = Run(Inquiry(), {{"account_id", testing::kDemoAccount}}, 3s);
  ASSERT_TRUE(result.ok()) << result.status();  // slow but within the deadline
  result = Run(Inquiry(), {{"account_id", testing::kDemoAccount}}, 100ms);
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded) << result.status();
  result = Run(Inquiry(), {{"account_id", testing::kDemoAccount}}, 5s);
  EXPECT_TRUE(result.ok()) << result.status();
  EXPECT_EQ(Stats().replacements, 0u);
}

TEST_F(ScriptExecutorTest, WaitForGivesUpAtItsTimeout) {
  engine::WaitForStep wait;
  wait.marker = Anywhere("NEVER ON SCREEN");
  wait.timeout_ms = 100;
  Script script = {{Expect("menu"), Step(wait, 7)}, {}};
  auto result = Run(script, {});
  EXPECT_EQ(result.status().code(), absl::StatusCode::kDeadlineExceeded) << result.status();
  EXPECT_NE(result.status().message().find("did not show within 100 ms"), std::string::npos);
}

TEST_F(ScriptExecutorTest, AWrongPasswordMakesThePoolUnavailable) {
  SessionPoolOptions options;
  options.client.port = sim_->port();
  options.size = 1;
  options.sign_on = CatalogSignOn(catalog_, {{"user", "CSR0001"}, {"password", "WRONG"}});
  options.is_home = CatalogHomeTest(catalog_);
  auto pool = SessionPool::Create(io_.executor(), options);
  ASSERT_TRUE(pool.ok());
  std::promise<absl::StatusOr<Lease>> leased;
  (*pool)->Acquire(PoolClock::now() + 5s,
                   [&leased](absl::StatusOr<Lease> lease) { leased.set_value(std::move(lease)); });
  auto lease = leased.get_future().get();
  EXPECT_EQ(lease.status().code(), absl::StatusCode::kUnavailable);
  EXPECT_NE(lease.status().message().find("OMN0100E PASSWORD NOT VALID"), std::string::npos)
      << lease.status();
  (*pool)->Shutdown();
}

}  // namespace
}  // namespace omnihub::tn3270
