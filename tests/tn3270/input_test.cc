#include "adapters/tn3270/input.h"

#include <gtest/gtest.h>

#include "adapters/tn3270/data_stream.h"
#include "test_streams.h"

namespace omnihub::tn3270 {
namespace {

using testing::B;
using testing::Concat;
using testing::E;
using testing::SignOnScreen;

class InputTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(ApplyHostRecord(screen_, SignOnScreen()).ok()); }

  Screen screen_;
  Keyboard keyboard_{screen_};
};

TEST_F(InputTest, TypeAndEnterSendsOnlyModifiedFields) {
  ASSERT_TRUE(keyboard_.Type("USER1").ok());
  EXPECT_EQ(screen_.cursor(), 92);
  EXPECT_TRUE(screen_.FieldAt(87)->is_modified());
  EXPECT_FALSE(screen_.FieldAt(167)->is_modified());
  auto inbound = keyboard_.Press(Aid::kEnter);
  ASSERT_TRUE(inbound.ok()) << inbound.status();
  // Enter, cursor 92 (0xC1 0x5C), SBA 87 (0xC1 0xD7), "USER1".
  EXPECT_EQ(*inbound, Concat({B({0x7D, 0xC1, 0x5C, 0x11, 0xC1, 0xD7}), E("USER1")}));
  EXPECT_TRUE(screen_.keyboard_locked());
  EXPECT_EQ(screen_.last_aid(), 0x7D);
}

TEST_F(InputTest, SignOnWithTabAndHiddenPassword) {
  ASSERT_TRUE(keyboard_.Type("IBMUSER").ok());
  keyboard_.Tab();
  EXPECT_EQ(screen_.cursor(), 167);
  ASSERT_TRUE(keyboard_.Type("SECRET").ok());
  auto inbound = keyboard_.Press(Aid::kEnter);
  ASSERT_TRUE(inbound.ok());
  // Enter, cursor 173 (0xC2 0x6D), SBA 87, "IBMUSER", SBA 167 (0xC2 0xE7), "SECRET".
  EXPECT_EQ(*inbound, Concat({B({0x7D, 0xC2, 0x6D, 0x11, 0xC1, 0xD7}), E("IBMUSER"),
                              B({0x11, 0xC2, 0xE7}), E("SECRET")}));
}

TEST_F(InputTest, ShortReadKeysSendOnlyTheAid) {
  ASSERT_TRUE(keyboard_.Type("X").ok());
  auto pa2 = keyboard_.Press(Aid::kPa2);
  ASSERT_TRUE(pa2.ok());
  EXPECT_EQ(*pa2, B({0x6E}));
  screen_.set_keyboard_locked(false);
  auto clear = keyboard_.Press(Aid::kClear);
  ASSERT_TRUE(clear.ok());
  EXPECT_EQ(*clear, B({0x6D}));
  EXPECT_FALSE(screen_.formatted());  // Clear erases the screen
}

TEST_F(InputTest, PfKeySendsAidCursorAndFields) {
  auto pf8 = keyboard_.Press(*PfKey(8));
  ASSERT_TRUE(pf8.ok());
  EXPECT_EQ(*pf8, B({0xF8, 0xC1, 0xD7}));  // nothing modified: AID and cursor only
}

TEST_F(InputTest, KeyboardLockedUntilHostRestores) {
  ASSERT_TRUE(keyboard_.Press(Aid::kEnter).ok());
  EXPECT_EQ(keyboard_.Type("A").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(keyboard_.Press(Aid::kEnter).status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ApplyHostRecord(screen_, B({0xF1, 0xC2})).ok());  // Write, WCC keyboard restore
  EXPECT_FALSE(screen_.keyboard_locked());
  EXPECT_EQ(screen_.last_aid(), kNoAid);
  EXPECT_TRUE(keyboard_.Type("A").ok());
}

TEST_F(InputTest, ProtectedAndAttributeCellsRefuse) {
  ASSERT_TRUE(keyboard_.MoveCursor(0, 1).ok());
  EXPECT_EQ(keyboard_.Type("A").code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(keyboard_.MoveCursor(1, 6).ok());  // the USER field's attribute
  EXPECT_EQ(keyboard_.Type("A").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(keyboard_.EraseEof().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(keyboard_.MoveCursor(24, 0).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(keyboard_.MoveCursor(0, -1).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(screen_.FieldAt(1)->is_modified());
}

TEST_F(InputTest, NumericFieldRejectsNonDigits) {
  ASSERT_TRUE(keyboard_.MoveCursor(3, 1).ok());
  EXPECT_EQ(keyboard_.Type("12A").code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(screen_.TrimmedFieldText(*screen_.FieldAt(241)), "");  // all or nothing
  EXPECT_FALSE(screen_.FieldAt(241)->is_modified());
  EXPECT_TRUE(keyboard_.Type("-12.50").ok());
  EXPECT_EQ(screen_.TrimmedFieldText(*screen_.FieldAt(241)), "-12.50");
}

TEST_F(InputTest, FieldLengthRespectedAndAutoskip) {
  EXPECT_EQ(keyboard_.Type("ABCDEFGHIJKLMN").code(), absl::StatusCode::kOutOfRange);  // 14 > 13
  EXPECT_EQ(screen_.cursor(), 87);
  ASSERT_TRUE(keyboard_.Type("ABCDEFGHIJKLM").ok());
  EXPECT_EQ(screen_.cursor(), 167);  // the next field is autoskip: on to the password
  EXPECT_EQ(screen_.FieldText(*screen_.FieldAt(87)), "ABCDEFGHIJKLM");
}

TEST_F(InputTest, TabBackTabHome) {
  keyboard_.Tab();
  EXPECT_EQ(screen_.cursor(), 167);
  keyboard_.Tab();
  EXPECT_EQ(screen_.cursor(), 241);
  keyboard_.Tab();
  EXPECT_EQ(screen_.cursor(), 87);  // wraps
  keyboard_.BackTab();
  EXPECT_EQ(screen_.cursor(), 241);  // wraps backwards
  ASSERT_TRUE(keyboard_.MoveCursor(2, 10).ok());
  keyboard_.BackTab();
  EXPECT_EQ(screen_.cursor(), 167);  // start of the current field
  keyboard_.BackTab();
  EXPECT_EQ(screen_.cursor(), 87);
  ASSERT_TRUE(keyboard_.MoveCursor(23, 79).ok());
  keyboard_.Home();
  EXPECT_EQ(screen_.cursor(), 87);
}

TEST_F(InputTest, EraseEof) {
  ASSERT_TRUE(keyboard_.Type("ABCDEF").ok());
  screen_.ResetAllModified();
  ASSERT_TRUE(keyboard_.MoveCursor(1, 10).ok());
  ASSERT_TRUE(keyboard_.EraseEof().ok());
  EXPECT_EQ(screen_.TrimmedFieldText(*screen_.FieldAt(87)), "ABC");
  EXPECT_TRUE(screen_.FieldAt(87)->is_modified());
  EXPECT_EQ(screen_.TrimmedFieldText(*screen_.FieldAt(1)), "HELLO");
}

TEST(InputUnformattedTest, TypingAnywhereAndReadModifiedWithoutSba) {
  Screen screen;
  ASSERT_TRUE(ApplyHostRecord(screen, B({0xF5, 0xC3})).ok());
  Keyboard keyboard(screen);
  ASSERT_TRUE(keyboard.MoveCursor(0, 5).ok());
  ASSERT_TRUE(keyboard.Type("CICS").ok());
  auto inbound = keyboard.Press(Aid::kEnter);
  ASSERT_TRUE(inbound.ok());
  EXPECT_EQ(*inbound, Concat({B({0x7D, 0x40, 0xC9}), E("CICS")}));  // cursor 9, no SBA
}

TEST(AidTest, ByteValues) {
  const std::uint8_t pf[] = {0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8,
                             0xF9, 0x7A, 0x7B, 0x7C, 0xC1, 0xC2, 0xC3, 0xC4,
                             0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C};
  for (int i = 1; i <= 24; ++i) {
    ASSERT_TRUE(PfKey(i).has_value());
    EXPECT_EQ(static_cast<std::uint8_t>(*PfKey(i)), pf[i - 1]) << "PF" << i;
    EXPECT_EQ(ParseAid("pf" + std::to_string(i)), PfKey(i));
    EXPECT_EQ(AidName(*PfKey(i)), "PF" + std::to_string(i));
  }
  EXPECT_EQ(PfKey(0), std::nullopt);
  EXPECT_EQ(PfKey(25), std::nullopt);
  EXPECT_EQ(static_cast<std::uint8_t>(*PaKey(1)), 0x6C);
  EXPECT_EQ(static_cast<std::uint8_t>(*PaKey(2)), 0x6E);
  EXPECT_EQ(static_cast<std::uint8_t>(*PaKey(3)), 0x6B);
  EXPECT_EQ(PaKey(4), std::nullopt);
  EXPECT_EQ(static_cast<std::uint8_t>(Aid::kEnter), 0x7D);
  EXPECT_EQ(static_cast<std::uint8_t>(Aid::kClear), 0x6D);
  EXPECT_EQ(ParseAid("Enter"), Aid::kEnter);
  EXPECT_EQ(ParseAid("CLEAR"), Aid::kClear);
  EXPECT_EQ(ParseAid("PA3"), Aid::kPa3);
  EXPECT_EQ(ParseAid("PF"), std::nullopt);
  EXPECT_EQ(ParseAid("PF123"), std::nullopt);
  EXPECT_TRUE(IsShortReadAid(Aid::kPa1));
  EXPECT_FALSE(IsShortReadAid(Aid::kEnter));
}

}  // namespace
}  // namespace omnihub::tn3270
