// hubctl 3270 screen's parts without a host: the keystroke language (including hostile input),
// finding input fields by their label, applying keystrokes, and the rendered screen.
#include <gtest/gtest.h>

#include "adapters/tn3270/data_stream.h"
#include "test_streams.h"
#include "tools/hubctl/tn3270_keys.h"
#include "tools/hubctl/tn3270_screen_view.h"

namespace omnihub::hubctl {
namespace {

using Kind = KeyAction::Kind;

tn3270::Screen SignOn() {
  tn3270::Screen screen;
  EXPECT_TRUE(tn3270::ApplyHostRecord(screen, tn3270::testing::SignOnScreen()).ok());
  return screen;
}

TEST(Hubctl3270Keys, ParsesTextKeysAndLabels) {
  auto actions = ParseKeys(
      "[USERID]=CSR0001[PASSWORD]=OMNIHUB<enter>1<TAB>00104217<PF8><@12,24>"
      "a<<b<EOF><WAIT><clear>");
  ASSERT_TRUE(actions.ok()) << actions.status();
  ASSERT_EQ(actions->size(), 12u);
  EXPECT_EQ((*actions)[0].kind, Kind::kLabeledField);
  EXPECT_EQ((*actions)[0].label, "USERID");
  EXPECT_EQ((*actions)[0].text, "CSR0001");
  EXPECT_EQ((*actions)[1].label, "PASSWORD");
  EXPECT_EQ((*actions)[1].text, "OMNIHUB");
  EXPECT_EQ((*actions)[2].kind, Kind::kAid);
  EXPECT_EQ((*actions)[2].aid, tn3270::Aid::kEnter);
  EXPECT_EQ((*actions)[3].text, "1");
  EXPECT_EQ((*actions)[4].kind, Kind::kTab);
  EXPECT_EQ((*actions)[5].text, "00104217");
  EXPECT_EQ((*actions)[6].aid, tn3270::Aid::kPf8);
  EXPECT_EQ((*actions)[7].kind, Kind::kCursor);
  EXPECT_EQ((*actions)[7].row, 12);
  EXPECT_EQ((*actions)[7].col, 24);
  EXPECT_EQ((*actions)[8].text, "a<b");
  EXPECT_EQ((*actions)[9].kind, Kind::kEraseEof);
  EXPECT_EQ((*actions)[10].kind, Kind::kWait);
  EXPECT_EQ((*actions)[11].aid, tn3270::Aid::kClear);
  EXPECT_EQ(DescribeKeyAction((*actions)[6]), "<PF8>");
  EXPECT_EQ(DescribeKeyAction((*actions)[0]), "[USERID]=CSR0001");
}

TEST(Hubctl3270Keys, ABracketThatIsNotALabelIsText) {
  auto actions = ParseKeys("A[1] B");
  ASSERT_TRUE(actions.ok());
  ASSERT_EQ(actions->size(), 1u);
  EXPECT_EQ((*actions)[0].text, "A[1] B");
}

TEST(Hubctl3270Keys, RejectsHostileInputWithTheOffset) {
  for (const char* bad :
       {"abc<ENTER", "<PF25>", "<FOO>", "[]=x", "<@1>", "<@-1,2>", "<@1,x>", "<>", "<PA4>"}) {
    auto actions = ParseKeys(bad);
    EXPECT_EQ(actions.status().code(), absl::StatusCode::kInvalidArgument) << bad;
    EXPECT_NE(actions.status().message().find("offset"), std::string::npos) << bad;
  }
  EXPECT_FALSE(ParseKeys(std::string(70000, 'x')).ok());
  EXPECT_TRUE(ParseKeys("").ok());
}

TEST(Hubctl3270Keys, FindsTheInputFieldAfterALabel) {
  const tn3270::Screen screen = SignOn();
  auto user = FieldAfterLabel(screen, "user:");
  ASSERT_TRUE(user.has_value());
  EXPECT_EQ(user->start, 87);
  auto pass = FieldAfterLabel(screen, "PASS:");
  ASSERT_TRUE(pass.has_value());
  EXPECT_TRUE(pass->is_hidden());
  EXPECT_FALSE(FieldAfterLabel(screen, "NOWHERE").has_value());
}

TEST(Hubctl3270Keys, AppliesKeystrokesThroughTheKeyboard) {
  tn3270::Screen screen = SignOn();
  tn3270::Keyboard keyboard(screen);
  auto actions = ParseKeys("[PASS:]=SECRET[USER:]=JOE");
  ASSERT_TRUE(actions.ok());
  for (const auto& action : *actions) ASSERT_TRUE(ApplyKeystroke(screen, keyboard, action).ok());
  EXPECT_EQ(screen.RegionText(1, 7, 3), "JOE");
  EXPECT_EQ(screen.TrimmedFieldText(*FieldAfterLabel(screen, "PASS:")), "SECRET");

  auto missing = ParseKeys("[NOPE]=1");
  ASSERT_TRUE(missing.ok());
  const absl::Status status = ApplyKeystroke(screen, keyboard, (*missing)[0]);
  EXPECT_EQ(status.code(), absl::StatusCode::kNotFound);
  EXPECT_NE(status.message().find("[NOPE]"), std::string::npos) << status;

  auto too_long = ParseKeys("[USER:]=ABCDEFGHIJKLMNOPQRSTUVWXYZ");
  ASSERT_TRUE(too_long.ok());
  EXPECT_EQ(ApplyKeystroke(screen, keyboard, (*too_long)[0]).code(), absl::StatusCode::kOutOfRange);
}

TEST(Hubctl3270ScreenView, ShowsRulersRowsFieldsAndHidesHiddenText) {
  tn3270::Screen screen = SignOn();
  tn3270::Keyboard keyboard(screen);
  ASSERT_TRUE(keyboard.MoveCursor(2, 7).ok());
  ASSERT_TRUE(keyboard.Type("SECRET").ok());
  const std::string text = RenderScreen(screen, true);
  EXPECT_NE(text.find("    0123456789012345678901234567890"), std::string::npos) << text;
  EXPECT_NE(text.find("00 |{HELLO"), std::string::npos) << text;
  EXPECT_NE(text.find("01 |{USER:["), std::string::npos) << text;
  EXPECT_NE(text.find("23 |"), std::string::npos) << text;
  EXPECT_EQ(text.find("SECRET"), std::string::npos) << text;
  EXPECT_NE(text.find("(hidden)"), std::string::npos) << text;
  EXPECT_NE(text.find("input hidden modified"), std::string::npos) << text;
  EXPECT_NE(text.find("input numeric"), std::string::npos) << text;
  EXPECT_NE(text.find("cursor 2,13"), std::string::npos) << text;
  const std::string plain = RenderScreen(screen, false);
  EXPECT_EQ(plain.find("fields ("), std::string::npos);
  EXPECT_NE(plain.find("00 | HELLO"), std::string::npos) << plain;
}

}  // namespace
}  // namespace omnihub::hubctl
