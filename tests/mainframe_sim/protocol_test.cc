// The simulator's protocol pieces over byte strings: EBCDIC, 3270 orders, inbound parsing, telnet
// negotiation (TN3270E and the plain TN3270 fallback) and a whole session without sockets.
#include <gtest/gtest.h>

#include <initializer_list>

#include "tools/simulators/mainframe/data_stream.h"
#include "tools/simulators/mainframe/ebcdic.h"
#include "tools/simulators/mainframe/host_session.h"
#include "tools/simulators/mainframe/screens.h"
#include "tools/simulators/mainframe/telnet.h"

namespace omnihub::mainframe_sim {
namespace {

using namespace telnet;

std::string Bytes(std::initializer_list<int> bytes) {
  std::string out;
  for (int b : bytes) out.push_back(static_cast<char>(b));
  return out;
}

const world::World& TestWorld() {
  static const world::World world = world::Generate({.seed = 42, .customers = 50});
  return world;
}

TEST(Ebcdic, KnownCodesAndRoundTrip) {
  EXPECT_EQ(AsciiToEbcdic('A'), 0xC1);
  EXPECT_EQ(AsciiToEbcdic('0'), 0xF0);
  EXPECT_EQ(AsciiToEbcdic(' '), 0x40);
  EXPECT_EQ(EbcdicToAscii(0x5B), '$');
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(FromEbcdic(ToEbcdic(all)), all);
}

TEST(DataStream, AddressesRoundTrip) {
  EXPECT_EQ(EncodeAddress(0), Bytes({0x40, 0x40}));
  EXPECT_EQ(EncodeAddress(80), Bytes({0xC1, 0x50}));  // row 1, column 0
  for (int address = 0; address < kRows * kColumns; ++address) {
    const std::string encoded = EncodeAddress(address);
    ASSERT_EQ(DecodeAddress(static_cast<uint8_t>(encoded[0]), static_cast<uint8_t>(encoded[1])),
              address);
  }
  EXPECT_EQ(DecodeAddress(0x07, 0x7F), 0x77F);  // 14-bit form
}

TEST(DataStream, EraseWriteWithFieldsAndCursor) {
  const Screen screen = SignOnScreen("", "");
  const std::string bytes = EncodeScreen(screen);
  ASSERT_GE(bytes.size(), 5u);
  EXPECT_EQ(static_cast<uint8_t>(bytes[0]), kCmdEraseWrite);
  EXPECT_EQ(static_cast<uint8_t>(bytes[1]), 0xC3);  // WCC: restore keyboard, reset MDT
  // The hidden password field: SBA to (8, 25), SF with unprotected + non-display.
  const std::string password =
      Bytes({kOrderSba}) + EncodeAddress(8 * 80 + 25) + Bytes({kOrderSf, 0x4C});
  EXPECT_NE(bytes.find(password), std::string::npos);
  // Ends with SBA to the USERID field and IC.
  EXPECT_EQ(bytes.substr(bytes.size() - 4),
            Bytes({kOrderSba}) + EncodeAddress(6 * 80 + 26) + Bytes({kOrderIc}));
  EXPECT_NE(bytes.find(ToEbcdic("OMNS001")), std::string::npos);
}

TEST(DataStream, ParsesReadModifiedIntoNamedFields) {
  const Screen screen = SignOnScreen("", "");
  const std::string record = Bytes({kAidEnter}) + EncodeAddress(8 * 80 + 33) + Bytes({kOrderSba}) +
                             EncodeAddress(6 * 80 + 26) + ToEbcdic("CSR1") + Bytes({kOrderSba}) +
                             EncodeAddress(8 * 80 + 26) + ToEbcdic("OMNIHUB") + Bytes({0, 0});
  const auto parsed = ParseInbound(record);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->cursor, 8 * 80 + 33);
  const AppInput input = ToAppInput(*parsed, screen);
  EXPECT_EQ(input.aid, Aid::kEnter);
  EXPECT_EQ(input.fields.at("USERID"), "CSR1");
  EXPECT_EQ(input.fields.at("PASSWORD"), "OMNIHUB");
}

TEST(DataStream, ShortReadsAndFunctionKeys) {
  const Screen screen = SignOnScreen("", "");
  EXPECT_EQ(ToAppInput(*ParseInbound(Bytes({kAidClear})), screen).aid, Aid::kClear);
  const AppInput pf8 = ToAppInput(*ParseInbound(Bytes({0xF8, 0x40, 0x40})), screen);
  EXPECT_EQ(pf8.aid, Aid::kPf);
  EXPECT_EQ(pf8.key_number, 8);
  const AppInput pf12 = ToAppInput(*ParseInbound(Bytes({0x7C})), screen);
  EXPECT_EQ(pf12.key_number, 12);
}

TEST(DataStream, MalformedInboundIsRejectedNotCrashing) {
  EXPECT_FALSE(ParseInbound("").has_value());
  EXPECT_FALSE(ParseInbound(Bytes({kAidEnter, 0x40, 0x40, kOrderSba, 0x40})).has_value());
  const Screen screen = SignOnScreen("", "");
  // A field at an address that is not an input field is ignored.
  const auto parsed = ParseInbound(Bytes({kAidEnter, 0x40, 0x40, kOrderSba, 0x40, 0x40, 0xC1}));
  ASSERT_TRUE(parsed.has_value());
  EXPECT_TRUE(ToAppInput(*parsed, screen).fields.empty());
}

TEST(Telnet, Tn3270eNegotiation) {
  TelnetHost host;
  EXPECT_EQ(host.Open(), Bytes({kIac, kDo, kTn3270e}));
  std::vector<std::string> records;
  EXPECT_EQ(host.Feed(Bytes({kIac, kWill, kTn3270e}), &records),
            Bytes({kIac, kSb, kTn3270e, kSend, kDeviceType, kIac, kSe}));
  const std::string request =
      Bytes({kIac, kSb, kTn3270e, kDeviceType, kRequest}) + "IBM-3278-2-E" + Bytes({kIac, kSe});
  EXPECT_EQ(host.Feed(request, &records), Bytes({kIac, kSb, kTn3270e, kDeviceType, kIs}) +
                                              "IBM-3278-2-E" + Bytes({kConnect}) + "OMNLU001" +
                                              Bytes({kIac, kSe}));
  EXPECT_FALSE(host.ready());
  // The client asks for functions; the host supports none and says so.
  EXPECT_EQ(
      host.Feed(Bytes({kIac, kSb, kTn3270e, kFunctions, kRequest, 2, 4, kIac, kSe}), &records),
      Bytes({kIac, kSb, kTn3270e, kFunctions, kRequest, kIac, kSe}));
  host.Feed(Bytes({kIac, kSb, kTn3270e, kFunctions, kIs, kIac, kSe}), &records);
  EXPECT_TRUE(host.ready());
  EXPECT_TRUE(host.tn3270e());
  EXPECT_EQ(host.terminal_type(), "IBM-3278-2-E");
  // Records carry the 5-byte header both ways; IAC is doubled.
  EXPECT_EQ(host.Frame(Bytes({0xF5, 0xFF})), Bytes({0, 0, 0, 0, 0, 0xF5, 0xFF, 0xFF, kIac, kEor}));
  host.Feed(Bytes({0, 0, 0, 0, 1, kAidClear, kIac, kEor}), &records);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0], Bytes({kAidClear}));
}

TEST(Telnet, FallsBackToPlainTn3270) {
  TelnetHost host;
  host.Open();
  std::vector<std::string> records;
  EXPECT_EQ(host.Feed(Bytes({kIac, kWont, kTn3270e}), &records), Bytes({kIac, kDo, kTerminalType}));
  EXPECT_EQ(host.Feed(Bytes({kIac, kWill, kTerminalType}), &records),
            Bytes({kIac, kSb, kTerminalType, 1, kIac, kSe}));
  const std::string replies =
      host.Feed(Bytes({kIac, kSb, kTerminalType, 0}) + "IBM-3278-2" + Bytes({kIac, kSe}), &records);
  EXPECT_NE(replies.find(Bytes({kIac, kDo, kEndOfRecord})), std::string::npos);
  EXPECT_NE(replies.find(Bytes({kIac, kWill, kBinary})), std::string::npos);
  EXPECT_FALSE(host.ready());
  EXPECT_TRUE(host.Feed(Bytes({kIac, kWill, kEndOfRecord, kIac, kDo, kEndOfRecord, kIac, kWill,
                               kBinary, kIac, kDo, kBinary}),
                        &records)
                  .empty());
  EXPECT_TRUE(host.ready());
  EXPECT_FALSE(host.tn3270e());
  EXPECT_EQ(host.Frame(Bytes({0xF5})), Bytes({0xF5, kIac, kEor}));
  // Unknown options are refused.
  EXPECT_EQ(host.Feed(Bytes({kIac, kDo, 1}), &records), Bytes({kIac, kWont, 1}));
}

TEST(HostSession, SignOnOverRawBytes) {
  HostSession session(TestWorld());
  const auto now = std::chrono::system_clock::now();
  session.Open();
  session.Receive(Bytes({kIac, kWont, kTn3270e}), now);
  session.Receive(Bytes({kIac, kWill, kTerminalType}), now);
  session.Receive(Bytes({kIac, kSb, kTerminalType, 0}) + "IBM-3278-2" + Bytes({kIac, kSe}), now);
  const std::string first =
      session.Receive(Bytes({kIac, kWill, kEndOfRecord, kIac, kDo, kEndOfRecord, kIac, kWill,
                             kBinary, kIac, kDo, kBinary}),
                      now);
  EXPECT_EQ(session.screens_sent(), 1);
  EXPECT_EQ(static_cast<uint8_t>(first[0]), kCmdEraseWrite);
  const std::string sign_on =
      Bytes({kAidEnter, 0x40, 0x40, kOrderSba}) + EncodeAddress(6 * 80 + 26) + ToEbcdic("USER") +
      Bytes({kOrderSba}) + EncodeAddress(8 * 80 + 26) + ToEbcdic("OMNIHUB") + Bytes({kIac, kEor});
  // Split across reads: records are reassembled.
  session.Receive(sign_on.substr(0, 7), now);
  EXPECT_EQ(session.screens_sent(), 1);
  session.Receive(sign_on.substr(7), now);
  EXPECT_EQ(session.screens_sent(), 2);
  EXPECT_EQ(session.screen().id, "OMNM001");
}

}  // namespace
}  // namespace omnihub::mainframe_sim
