// The simulator's application logic, pure: inputs in, screens out (no sockets, no 3270 bytes).
#include "tools/simulators/mainframe/application.h"

#include <gtest/gtest.h>

#include <map>

#include "tools/simulators/mainframe/screens.h"

namespace omnihub::mainframe_sim {
namespace {

const world::World& TestWorld() {
  static const world::World world = world::Generate({.seed = 42, .customers = 2000});
  return world;
}

AppInput Enter(FieldValues fields = {}) {
  AppInput input;
  input.fields = std::move(fields);
  input.date = "20261128";
  input.time = "134501";
  return input;
}

AppInput Pf(int number) {
  AppInput input = Enter();
  input.aid = Aid::kPf;
  input.key_number = number;
  return input;
}

bool Shows(const Screen& screen, std::string_view text) {
  return screen.Text().find(text) != std::string::npos;
}

class ApplicationTest : public ::testing::Test {
 protected:
  // Signs on and returns the menu.
  const Screen& SignOn() {
    app_.Start();
    return app_.Handle(Enter({{"USERID", "csr0001"}, {"PASSWORD", "omnihub"}}));
  }
  const Screen& Option(std::string option, std::string account = "") {
    return app_.Handle(Enter({{"OPTION", std::move(option)}, {"ACCOUNT", std::move(account)}}));
  }

  Application app_{TestWorld()};
};

TEST_F(ApplicationTest, StartsOnTheSignOnScreenWithAHiddenPassword) {
  const Screen& screen = app_.Start();
  EXPECT_EQ(screen.id, "OMNS001");
  EXPECT_EQ(screen.Lines()[0].substr(1, 7), "OMNS001");
  ASSERT_NE(screen.input("USERID"), nullptr);
  ASSERT_NE(screen.input("PASSWORD"), nullptr);
  EXPECT_TRUE(screen.input("PASSWORD")->hidden);
  EXPECT_EQ(screen.cursor_row, screen.input("USERID")->row);
  EXPECT_EQ(screen.cursor_column, screen.input("USERID")->column);
}

TEST_F(ApplicationTest, WrongPasswordStaysOnSignOnWithAMessage) {
  app_.Start();
  const Screen& screen = app_.Handle(Enter({{"USERID", "CSR1"}, {"PASSWORD", "SECRET"}}));
  EXPECT_EQ(screen.id, "OMNS001");
  EXPECT_TRUE(Shows(screen, "PASSWORD NOT VALID"));
  EXPECT_FALSE(Shows(screen, "SECRET"));
}

TEST_F(ApplicationTest, SessionInUseRefusesACorrectSignOnUntilItClears) {
  app_.Start();
  AppInput in_use = Enter({{"USERID", "csr0001"}, {"PASSWORD", "omnihub"}});
  in_use.session_in_use = true;
  const Screen& refused = app_.Handle(in_use);
  EXPECT_EQ(refused.id, "OMNS001");
  EXPECT_TRUE(Shows(refused, "OMN0409E SESSION IN USE - USERID CSR0001 IS ALREADY SIGNED ON"))
      << refused.Text();
  // A wrong password is still a wrong password.
  AppInput wrong = Enter({{"USERID", "csr0001"}, {"PASSWORD", "secret"}});
  wrong.session_in_use = true;
  EXPECT_TRUE(Shows(app_.Handle(wrong), "PASSWORD NOT VALID"));
  const Screen& cleared = app_.Handle(Enter({{"USERID", "csr0001"}, {"PASSWORD", "omnihub"}}));
  EXPECT_EQ(cleared.id, "OMNM001");
}

TEST_F(ApplicationTest, EmptyUserIsRejected) {
  app_.Start();
  EXPECT_TRUE(Shows(app_.Handle(Enter({{"PASSWORD", "OMNIHUB"}})), "ENTER YOUR USERID"));
}

TEST_F(ApplicationTest, SignOnLeadsToTheMenu) {
  const Screen& menu = SignOn();
  EXPECT_EQ(menu.id, "OMNM001");
  EXPECT_TRUE(Shows(menu, "1  CUSTOMER INQUIRY"));
  EXPECT_TRUE(Shows(menu, "CSR0001"));
}

TEST_F(ApplicationTest, InquiryShowsTheDemoCustomerInFixedWidthUpperCase) {
  SignOn();
  EXPECT_EQ(Option("1").id, "OMNI001");
  const Screen& screen = app_.Handle(Enter({{"ACCOUNT", "00104217"}}));
  const auto lines = screen.Lines();
  EXPECT_EQ(lines[4].substr(18, 30), std::string("DOE JANE") + std::string(22, ' '));
  EXPECT_EQ(lines[5].substr(18, 10), "12 HIGH ST");
  EXPECT_EQ(lines[7].substr(18, 5), "LEEDS");
  EXPECT_EQ(lines[8].substr(18, 7), "LS1 4AB");
  const auto* jane = TestWorld().mainframe_account("00104217");
  ASSERT_NE(jane, nullptr);
  EXPECT_EQ(lines[9].substr(18, 5), jane->opened);
  EXPECT_EQ(jane->opened.size(), 5u);
}

TEST_F(ApplicationTest, MenuWithAccountOpensTheInquiryDirectlyAndPadsShortNumbers) {
  SignOn();
  const Screen& screen = Option("1", "104217");
  EXPECT_EQ(screen.id, "OMNI001");
  EXPECT_TRUE(Shows(screen, "ACCOUNT NUMBER ==> 00104217"));
  EXPECT_TRUE(Shows(screen, "DOE JANE"));
}

TEST_F(ApplicationTest, UnknownAndMalformedAccountsGiveMessages) {
  SignOn();
  Option("1");
  EXPECT_TRUE(
      Shows(app_.Handle(Enter({{"ACCOUNT", "99999999"}})), "OMN0404E ACCOUNT 99999999 NOT FOUND"));
  const Screen& abend = app_.Handle(Enter({{"ACCOUNT", "ABC"}}));
  EXPECT_TRUE(Shows(abend, "DFHAC2206 13:45:01"));
  EXPECT_TRUE(Shows(abend, "ABEND ASRA"));
}

TEST_F(ApplicationTest, UnmodifiedAccountFieldKeepsItsValue) {
  SignOn();
  Option("1", "00104217");
  // The terminal sends only modified fields: Enter alone re-runs the shown account.
  EXPECT_TRUE(Shows(app_.Handle(Enter()), "DOE JANE"));
}

TEST_F(ApplicationTest, StoreCardShowsImpliedDecimalsAndStatus) {
  SignOn();
  const Screen& screen = Option("4", "00104217");
  EXPECT_EQ(screen.id, "OMNC001");
  const auto lines = screen.Lines();
  EXPECT_EQ(lines[6].substr(18, 16), "7002000000000003");
  EXPECT_EQ(lines[7].substr(18, 9), "000012345");
  EXPECT_EQ(lines[8].substr(18, 9), "000150000");
  EXPECT_EQ(lines[9].substr(18, 1), "A");
}

TEST_F(ApplicationTest, ImpliedDecimalsFormat) {
  EXPECT_EQ(ImpliedDecimals(0), "000000000");
  EXPECT_EQ(ImpliedDecimals(12345), "000012345");
  EXPECT_EQ(ImpliedDecimals(-250), "000000250");
  EXPECT_EQ(ImpliedDecimals(999999999), "999999999");
}

TEST_F(ApplicationTest, NotesAreNewestFirstWithCcyymmddDates) {
  SignOn();
  const Screen& screen = Option("3", "00104217");
  EXPECT_EQ(screen.id, "OMNN001");
  const auto* jane = TestWorld().mainframe_account("00104217");
  ASSERT_EQ(jane->notes.size(), 5u);
  const auto lines = screen.Lines();
  EXPECT_EQ(lines[5].substr(2, 8), jane->notes.back().date);
  EXPECT_EQ(lines[6].substr(6, jane->notes.back().text.size()), jane->notes.back().text);
  EXPECT_TRUE(Shows(screen, "END OF LIST"));
}

TEST_F(ApplicationTest, AddedNoteAppearsInThisSessionOnlyAndNotesPage) {
  SignOn();
  Option("5", "00104217");
  for (int i = 0; i < 3; ++i) {
    const Screen& added = app_.Handle(Enter({{"NOTE", "customer called " + std::to_string(i)}}));
    EXPECT_EQ(added.id, "OMNA001");
    EXPECT_TRUE(Shows(added, "OMN0201I NOTE ADDED TO ACCOUNT 00104217"));
  }
  app_.Handle(Pf(3));
  const Screen& first = Option("3", "00104217");
  EXPECT_TRUE(Shows(first, "CUSTOMER CALLED 2"));  // newest first, upper-cased
  EXPECT_TRUE(Shows(first, "20261128 134501 CSR0001"));
  EXPECT_TRUE(Shows(first, "MORE..."));  // 8 notes > 7 per page
  const Screen& second = app_.Handle(Pf(8));
  EXPECT_TRUE(Shows(second, "END OF LIST"));
  EXPECT_TRUE(Shows(second, "PAGE 2"));
  EXPECT_TRUE(Shows(app_.Handle(Pf(8)), "END OF LIST REACHED"));
  EXPECT_TRUE(Shows(app_.Handle(Pf(7)), "PAGE 1"));

  Application other(TestWorld());
  other.Start();
  other.Handle(Enter({{"USERID", "X"}, {"PASSWORD", "OMNIHUB"}}));
  EXPECT_FALSE(
      Shows(other.Handle(Enter({{"OPTION", "3"}, {"ACCOUNT", "00104217"}})), "CUSTOMER CALLED"));
}

TEST_F(ApplicationTest, SearchFindsJaneBySurnameAndPostcode) {
  SignOn();
  EXPECT_EQ(Option("2").id, "OMNL001");
  const Screen& screen = app_.Handle(Enter({{"SURNAME", "doe"}, {"POSTCODE", "ls14ab"}}));
  EXPECT_TRUE(Shows(screen, "00104217  DOE JANE"));
  EXPECT_TRUE(Shows(screen, "END OF LIST"));
  EXPECT_TRUE(Shows(app_.Handle(Enter({{"SURNAME", "ZZZZZ"}})), "NO MATCHING CUSTOMERS"));
}

TEST_F(ApplicationTest, SearchPagesWithMoreMarker) {
  // The most common surname of the test world.
  std::map<std::string, int> counts;
  for (const auto& account : TestWorld().mainframe_accounts) {
    ++counts[account.name_upper.substr(0, account.name_upper.find(' '))];
  }
  auto best = counts.begin();
  for (auto it = counts.begin(); it != counts.end(); ++it) {
    if (it->second > best->second) best = it;
  }
  ASSERT_GT(best->second, kSearchPageSize) << "world too small for paging";
  SignOn();
  Option("2");
  const Screen first = app_.Handle(Enter({{"SURNAME", best->first}}));
  EXPECT_TRUE(Shows(first, "MORE..."));
  const Screen& second = app_.Handle(Pf(8));
  EXPECT_TRUE(Shows(second, "PAGE 2"));
  EXPECT_EQ(app_.Handle(Pf(7)).Text(), first.Text());
}

TEST_F(ApplicationTest, FunctionKeys) {
  SignOn();
  Option("1", "00104217");
  const std::string shown = app_.current().Text();
  AppInput clear = Enter();
  clear.aid = Aid::kClear;
  EXPECT_EQ(app_.Handle(clear).Text(), shown);
  EXPECT_TRUE(Shows(app_.Handle(Pf(5)), "KEY NOT ACTIVE"));
  EXPECT_EQ(app_.Handle(Pf(12)).id, "OMNM001");
  Option("4");
  EXPECT_EQ(app_.Handle(Pf(3)).id, "OMNM001");
  EXPECT_TRUE(Shows(Option("9"), "SELECT AN OPTION FROM 1 TO 5"));
  const Screen& signed_off = app_.Handle(Pf(3));
  EXPECT_EQ(signed_off.id, "OMNS001");
  EXPECT_TRUE(Shows(signed_off, "SIGNED OFF"));
}

}  // namespace
}  // namespace omnihub::mainframe_sim
