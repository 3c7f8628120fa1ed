#include "adapters/tn3270/data_stream.h"

#include <gtest/gtest.h>

#include "adapters/tn3270/aid.h"
#include "test_streams.h"

namespace omnihub::tn3270 {
namespace {

using testing::B;
using testing::Concat;
using testing::E;
using testing::SignOnScreen;

HostRecordResult Apply(Screen& screen, const Bytes& record) {
  auto result = ApplyHostRecord(screen, record);
  EXPECT_TRUE(result.ok()) << result.status();
  return result.ok() ? *result : HostRecordResult{};
}

TEST(DataStreamTest, EraseWriteBuildsFieldsAndCursor) {
  Screen screen;
  screen.set_keyboard_locked(true);
  const HostRecordResult r = Apply(screen, SignOnScreen());
  EXPECT_EQ(r.command, Command::kEraseWrite);
  EXPECT_TRUE(r.keyboard_restored);
  EXPECT_FALSE(r.sound_alarm);
  EXPECT_TRUE(r.reply.empty());
  EXPECT_FALSE(screen.keyboard_locked());
  EXPECT_EQ(screen.cursor(), 87);

  const std::vector<Field> fields = screen.Fields();
  ASSERT_EQ(fields.size(), 9u);
  EXPECT_EQ(fields[0].attribute_address, 0);
  EXPECT_TRUE(fields[0].is_protected());
  EXPECT_EQ(screen.TrimmedFieldText(fields[0]), "HELLO");
  EXPECT_TRUE(fields[1].is_intensified());
  EXPECT_EQ(screen.FieldText(fields[1]), "USER:");
  EXPECT_FALSE(fields[2].is_protected());
  EXPECT_EQ(fields[2].start, 87);
  EXPECT_EQ(fields[2].length, 13);
  EXPECT_TRUE(fields[3].is_autoskip());
  EXPECT_TRUE(fields[5].is_hidden());
  EXPECT_TRUE(fields[7].is_numeric());
  EXPECT_FALSE(fields[7].is_protected());
  EXPECT_TRUE(fields[8].is_autoskip());

  auto at = screen.FieldAt(90);
  ASSERT_TRUE(at.has_value());
  EXPECT_EQ(at->attribute_address, 86);
  EXPECT_EQ(screen.FieldAt(86)->attribute_address, 86);  // the attribute belongs to its field
  EXPECT_EQ(screen.RowText(1).substr(0, 8), " USER:  ");
  EXPECT_EQ(screen.RegionText(0, 1, 5), "HELLO");
}

TEST(DataStreamTest, ToStringWithAndWithoutMarkers) {
  Screen screen;
  Apply(screen, SignOnScreen());
  const std::string plain = screen.ToString();
  const std::string marked = screen.ToString(true);
  EXPECT_EQ(std::count(plain.begin(), plain.end(), '\n'), 24);
  EXPECT_EQ(plain.substr(0, 81), " HELLO" + std::string(74, ' ') + "\n");
  EXPECT_EQ(marked.substr(81, 21), "{USER:[" + std::string(13, ' ') + "{");
  EXPECT_EQ(marked.substr(162, 21), "{PASS:#" + std::string(13, ' ') + "{");
  EXPECT_EQ(marked.substr(243, 11), "[" + std::string(9, ' ') + "{");
}

TEST(DataStreamTest, HiddenFieldMaskedInScreenTextButReadable) {
  Screen screen;
  Apply(screen, Concat({SignOnScreen(), B({0xF1, 0x00, 0x11, 0xC2, 0xE7}), E("SECRET")}));
  EXPECT_EQ(screen.RowText(2).substr(0, 14), " PASS:        ");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(167)), "SECRET");
}

TEST(DataStreamTest, WriteStartsAtCursorAndKeepsContent) {
  Screen screen;
  Apply(screen, SignOnScreen());
  // Write, WCC 0 (no keyboard restore): text at the cursor (87), no erase.
  screen.set_keyboard_locked(true);
  const HostRecordResult r = Apply(screen, Concat({B({0xF1, 0x00}), E("ABC")}));
  EXPECT_EQ(r.command, Command::kWrite);
  EXPECT_FALSE(r.keyboard_restored);
  EXPECT_TRUE(screen.keyboard_locked());
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(87)), "ABC");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(1)), "HELLO");
}

TEST(DataStreamTest, LocalCommandCodesMatchSnaCodes) {
  Screen sna;
  Screen local;
  Bytes record = SignOnScreen();
  Apply(sna, record);
  record[0] = 0x05;  // local Erase/Write
  Apply(local, record);
  EXPECT_EQ(sna.ToString(true), local.ToString(true));
  const std::pair<std::uint8_t, std::uint8_t> pairs[] = {{0xF1, 0x01}, {0xF5, 0x05}, {0x7E, 0x0D},
                                                         {0xF2, 0x02}, {0xF6, 0x06}, {0x6E, 0x0E},
                                                         {0x6F, 0x0F}, {0xF3, 0x11}};
  for (auto [a, b] : pairs) EXPECT_EQ(DecodeCommand(a), DecodeCommand(b));
  EXPECT_EQ(DecodeCommand(0x03), Command::kNop);
  EXPECT_EQ(DecodeCommand(0x42), std::nullopt);
}

TEST(DataStreamTest, EraseWriteAlternateSwitchesSize) {
  for (auto [model, rows, cols] : {std::tuple{2, 24, 80}, std::tuple{3, 32, 80},
                                   std::tuple{4, 43, 80}, std::tuple{5, 27, 132}}) {
    Screen screen(model);
    const HostRecordResult r = Apply(screen, B({0x7E, 0xC3, 0xC1}));  // EWA, WCC, 'A'
    EXPECT_EQ(r.command, Command::kEraseWriteAlternate);
    EXPECT_EQ(screen.rows(), rows);
    EXPECT_EQ(screen.cols(), cols);
    EXPECT_EQ(screen.cell(0).ebcdic, 0xC1);
    Apply(screen, B({0xF5, 0xC3}));  // EW back to 24x80
    EXPECT_EQ(screen.size(), (ScreenSize{24, 80}));
    EXPECT_EQ(screen.cell(0).ebcdic, 0x00);
  }
  Screen screen(5);
  // EWA, WCC, SBA to the last cell of 27x132: 3563 = 55*64 + 43 -> 0xF7 0x6B.
  Apply(screen, Concat({B({0x7E, 0xC3, 0x11, 0xF7, 0x6B}), E("Z")}));
  EXPECT_EQ(screen.RegionText(26, 131, 1), "Z");
}

TEST(DataStreamTest, EraseWriteWithoutWccOnlyErases) {
  Screen screen;
  Apply(screen, SignOnScreen());
  const HostRecordResult r = Apply(screen, B({0xF5}));
  EXPECT_FALSE(screen.formatted());
  EXPECT_FALSE(r.keyboard_restored);
}

TEST(DataStreamTest, WccResetMdtAndAlarm) {
  Screen screen;
  Apply(screen, SignOnScreen());
  screen.SetModified(86, true);
  Apply(screen, B({0xF1, 0x00}));
  EXPECT_TRUE(screen.FieldAt(87)->is_modified());
  const HostRecordResult r = Apply(screen, B({0xF1, 0x45}));  // reset MDT + alarm (+0x40 bits)
  EXPECT_FALSE(screen.FieldAt(87)->is_modified());
  EXPECT_TRUE(r.sound_alarm);
  EXPECT_TRUE(screen.alarm());
}

TEST(DataStreamTest, StartFieldExtendedKeepsColorAndHighlight) {
  Screen screen;
  // EW, WCC, SFE with 3 pairs: field attribute protected, foreground red, highlight underscore.
  Apply(screen, Concat({B({0xF5, 0xC3, 0x29, 0x03, 0xC0, 0x60, 0x42, 0xF2, 0x41, 0xF4}), E("X")}));
  auto f = screen.FieldAt(1);
  ASSERT_TRUE(f.has_value());
  EXPECT_TRUE(f->is_protected());
  EXPECT_EQ(f->attrs.foreground, Color::kRed);
  EXPECT_EQ(f->attrs.highlight, Highlight::kUnderscore);
  EXPECT_EQ(screen.cell(1).ebcdic, 0xE7);  // 'X'
}

TEST(DataStreamTest, SetAttributeAppliesToFollowingCharacters) {
  Screen screen;
  // EW, WCC, SA foreground yellow, 'A', SA reset all, 'B', SA highlight reverse, 'C'.
  Apply(screen, Concat({B({0xF5, 0xC3, 0x28, 0x42, 0xF6}), E("A"), B({0x28, 0x00, 0x00}), E("B"),
                        B({0x28, 0x41, 0xF2}), E("C")}));
  EXPECT_EQ(screen.cell(0).attrs.foreground, Color::kYellow);
  EXPECT_EQ(screen.cell(1).attrs, ExtendedAttributes{});
  EXPECT_EQ(screen.cell(2).attrs.highlight, Highlight::kReverse);
}

TEST(DataStreamTest, ModifyFieldChangesAttributeInPlace) {
  Screen screen;
  Apply(screen, SignOnScreen());
  // Write, WCC, SBA 0, MF 2 pairs: field attribute unprotected, foreground blue.
  Apply(screen, B({0xF1, 0x00, 0x11, 0x40, 0x40, 0x2C, 0x02, 0xC0, 0x40, 0x42, 0xF1}));
  auto f = screen.FieldAt(1);
  EXPECT_FALSE(f->is_protected());
  EXPECT_EQ(f->attrs.foreground, Color::kBlue);
  EXPECT_EQ(screen.TrimmedFieldText(*f), "HELLO");
  // MF on a character cell changes nothing.
  Apply(screen, B({0xF1, 0x00, 0x11, 0x40, 0x41, 0x2C, 0x01, 0xC0, 0x60}));
  EXPECT_FALSE(screen.cell(1).is_field_attribute);
}

TEST(DataStreamTest, InsertCursor) {
  Screen screen;
  Apply(screen, B({0xF5, 0xC3, 0x11, 0x40, 0xC5, 0x13}));  // SBA 5, IC
  EXPECT_EQ(screen.cursor(), 5);
}

TEST(DataStreamTest, ProgramTabMovesToNextUnprotectedField) {
  Screen screen;
  Apply(screen, SignOnScreen());
  // Write at 0 with PT: the next unprotected field after 0 is USER (data at 87); 'J' lands there.
  Apply(screen, Concat({B({0xF1, 0x00, 0x11, 0x40, 0x40, 0x05}), E("J"), B({0x05}), E("K")}));
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(87)), "J");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(167)), "K");  // PT after data: next field
}

TEST(DataStreamTest, ProgramTabAfterDataNullsRestOfField) {
  Screen screen;
  Apply(screen, SignOnScreen());
  Apply(screen, Concat({B({0xF1, 0x00, 0x11, 0xC1, 0xD7}), E("ABCDEFGHIJKLM")}));  // fill 87..99
  Apply(screen, Concat({B({0xF1, 0x00, 0x11, 0xC1, 0xD7}), E("XY"), B({0x05})}));
  EXPECT_EQ(screen.FieldText(*screen.FieldAt(87)), "XY" + std::string(11, ' '));
}

TEST(DataStreamTest, RepeatToAddress) {
  Screen screen;
  // EW, WCC, RA to 8 with '*': cells 0..7.
  Apply(screen, B({0xF5, 0xC3, 0x3C, 0x40, 0xC8, 0x5C}));
  EXPECT_EQ(screen.RegionText(0, 0, 10), "********  ");
  // RA with a GE character.
  Apply(screen, B({0xF5, 0xC3, 0x3C, 0x40, 0xC3, 0x08, 0xAD}));
  EXPECT_TRUE(screen.cell(2).graphic_escape);
  EXPECT_EQ(screen.cell(2).ebcdic, 0xAD);
  EXPECT_FALSE(screen.cell(3).graphic_escape);
  // RA to the current address fills the whole buffer.
  Apply(screen, B({0xF5, 0xC3, 0x3C, 0x40, 0x40, 0x4B}));
  EXPECT_EQ(screen.RowText(23), std::string(80, '.'));
}

TEST(DataStreamTest, EraseUnprotectedToAddress) {
  Screen screen;
  Apply(screen, SignOnScreen());
  Apply(screen,
        Concat({B({0xF1, 0x00, 0x11, 0xC1, 0xD7}), E("USERID"), B({0x11, 0xC2, 0xE7}), E("PW")}));
  // Write, SBA 0, EUA to 200: unprotected data nulled, protected text kept.
  Apply(screen, B({0xF1, 0x00, 0x11, 0x40, 0x40, 0x12, 0xC3, 0xC8}));
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(87)), "");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(167)), "");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(1)), "HELLO");
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(81)), "USER:");
}

TEST(DataStreamTest, GraphicEscape) {
  Screen screen;
  Apply(screen, B({0xF5, 0xC3, 0x08, 0xC5, 0xC1}));
  EXPECT_TRUE(screen.cell(0).graphic_escape);
  EXPECT_FALSE(screen.cell(1).graphic_escape);
}

TEST(DataStreamTest, ReadBufferCommand) {
  Screen screen;
  Apply(screen, B({0xF5, 0xC3, 0x1D, 0x60, 0xC1, 0x13}));  // SF protected, 'A', IC at 2
  const HostRecordResult r = Apply(screen, B({0xF2}));
  EXPECT_EQ(r.command, Command::kReadBuffer);
  ASSERT_EQ(r.reply.size(), 3u + 1920u + 1u);  // AID, cursor, cells (+1 for the SF order)
  EXPECT_EQ(Bytes(r.reply.begin(), r.reply.begin() + 7),
            B({0x60, 0x40, 0xC2, 0x1D, 0x60, 0xC1, 0x00}));  // no AID, cursor 2, SF prot, 'A'
}

TEST(DataStreamTest, ReadModifiedCommands) {
  Screen screen;
  Apply(screen, SignOnScreen());
  Apply(screen, Concat({B({0xF1, 0x00, 0x11, 0xC1, 0xD7}), E("AB")}));
  screen.SetModified(86, true);
  const HostRecordResult rm = Apply(screen, B({0xF6}));
  EXPECT_EQ(rm.command, Command::kReadModified);
  // No AID, cursor 87 (0xC1 0xD7), SBA 87, "AB".
  EXPECT_EQ(rm.reply, B({0x60, 0xC1, 0xD7, 0x11, 0xC1, 0xD7, 0xC1, 0xC2}));
  screen.set_last_aid(static_cast<std::uint8_t>(Aid::kPa1));
  EXPECT_EQ(Apply(screen, B({0xF6})).reply, B({0x6C}));  // short read after PA1
  const HostRecordResult rma = Apply(screen, B({0x6E}));
  EXPECT_EQ(rma.command, Command::kReadModifiedAll);
  EXPECT_EQ(rma.reply, B({0x6C, 0xC1, 0xD7, 0x11, 0xC1, 0xD7, 0xC1, 0xC2}));
}

TEST(DataStreamTest, EraseAllUnprotectedCommand) {
  Screen screen;
  Apply(screen, SignOnScreen());
  Apply(screen, Concat({B({0xF1, 0x00, 0x11, 0xC1, 0xD7}), E("AB")}));
  screen.SetModified(86, true);
  screen.set_keyboard_locked(true);
  screen.set_cursor(0);
  const HostRecordResult r = Apply(screen, B({0x6F}));
  EXPECT_EQ(r.command, Command::kEraseAllUnprotected);
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(87)), "");
  EXPECT_FALSE(screen.FieldAt(87)->is_modified());
  EXPECT_EQ(screen.TrimmedFieldText(*screen.FieldAt(1)), "HELLO");
  EXPECT_FALSE(screen.keyboard_locked());
  EXPECT_EQ(screen.cursor(), 87);
}

TEST(DataStreamTest, WriteStructuredFieldOutbound3270DsAndErase) {
  Screen screen(4);
  // WSF; SF length 8, Outbound 3270DS (0x40), partition 0, EW, WCC, "HI".
  const HostRecordResult r =
      Apply(screen, Concat({B({0xF3, 0x00, 0x08, 0x40, 0x00, 0xF5, 0xC3}), E("HI")}));
  EXPECT_EQ(r.command, Command::kWriteStructuredField);
  EXPECT_EQ(screen.RegionText(0, 0, 2), "HI");
  // Erase/Reset (0x03) with the alternate bit.
  Apply(screen, B({0xF3, 0x00, 0x04, 0x03, 0x80}));
  EXPECT_EQ(screen.rows(), 43);
  // Unknown structured fields are skipped; a zero length means "to the end of the record".
  Apply(screen, B({0xF3, 0x00, 0x05, 0x0F, 0x01, 0x02, 0x00, 0x00, 0x99, 0x01}));
}

}  // namespace
}  // namespace omnihub::tn3270
