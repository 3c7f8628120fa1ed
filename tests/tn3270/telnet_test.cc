#include "adapters/tn3270/telnet.h"

#include <gtest/gtest.h>

#include <string>

#include "test_streams.h"

namespace omnihub::tn3270 {
namespace {

using testing::B;
using testing::Concat;

Bytes Ascii(std::string_view s) { return Bytes(s.begin(), s.end()); }

// Feeds `host` and returns what the client answers.
Bytes Exchange(TelnetSession& session, const Bytes& host) {
  EXPECT_TRUE(session.Feed(host).ok());
  return session.TakeOutput();
}

// The TN3270E handshake of RFC 2355 up to the device type, shared by several tests.
void NegotiateDeviceType(TelnetSession& session, const std::string& device_name) {
  // Host: IAC DO TN3270E -> client: IAC WILL TN3270E.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFB, 0x28}));
  // Host: IAC SB TN3270E SEND DEVICE-TYPE IAC SE -> client: DEVICE-TYPE REQUEST IBM-3278-2-E.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0})),
            Concat({B({0xFF, 0xFA, 0x28, 0x02, 0x07}), Ascii("IBM-3278-2-E"), B({0xFF, 0xF0})}));
  // Host: DEVICE-TYPE IS IBM-3278-2-E CONNECT <name> -> client: FUNCTIONS REQUEST (none).
  const Bytes is = Concat({B({0xFF, 0xFA, 0x28, 0x02, 0x04}), Ascii("IBM-3278-2-E"), B({0x01}),
                           Ascii(device_name), B({0xFF, 0xF0})});
  session.Feed(is).IgnoreError();
}

TEST(TelnetTest, Tn3270eSuccess) {
  TelnetSession session;
  NegotiateDeviceType(session, "TCP00001");
  // Client: IAC SB TN3270E FUNCTIONS REQUEST IAC SE (no functions).
  EXPECT_EQ(session.TakeOutput(), B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0xFF, 0xF0}));
  EXPECT_EQ(session.mode(), SessionMode::kNegotiating);
  // Host: FUNCTIONS IS (none) -> TN3270E is in effect; nothing to answer.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x03, 0x04, 0xFF, 0xF0})), Bytes{});
  EXPECT_EQ(session.mode(), SessionMode::kTn3270e);
  EXPECT_EQ(session.device_type(), "IBM-3278-2-E");
  EXPECT_EQ(session.device_name(), "TCP00001");
  EXPECT_TRUE(session.functions().empty());

  // A host record: TN3270E header (3270-DATA, seq 1), Erase/Write, WCC, "A", IAC EOR.
  ASSERT_TRUE(session.Feed(B({0x00, 0x00, 0x00, 0x00, 0x01, 0xF5, 0xC3, 0xC1, 0xFF, 0xEF})).ok());
  auto record = session.PopRecord();
  ASSERT_TRUE(record.has_value());
  ASSERT_TRUE(record->header.has_value());
  EXPECT_EQ(record->header->data_type, DataType::k3270Data);
  EXPECT_EQ(record->header->seq_number, 1);
  EXPECT_EQ(record->data, B({0xF5, 0xC3, 0xC1}));
  EXPECT_FALSE(session.PopRecord().has_value());

  // Client records carry a header with a counting sequence number.
  session.SendRecord(B({0x7D, 0x40, 0x40}));
  session.SendRecord(B({0x6D}));
  EXPECT_EQ(session.TakeOutput(), B({0x00, 0x00, 0x00, 0x00, 0x00, 0x7D, 0x40, 0x40, 0xFF, 0xEF,
                                     0x00, 0x00, 0x00, 0x00, 0x01, 0x6D, 0xFF, 0xEF}));
}

TEST(TelnetTest, Tn3270eConnectLuAndModel) {
  TerminalOptions options;
  options.model = 5;
  options.lu_name = "LU01";
  TelnetSession session(options);
  EXPECT_EQ(session.terminal_type(), "IBM-3278-5-E");
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFB, 0x28}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0})),
            Concat({B({0xFF, 0xFA, 0x28, 0x02, 0x07}), Ascii("IBM-3278-5-E"), B({0x01}),
                    Ascii("LU01"), B({0xFF, 0xF0})}));
  options.associate = true;
  TelnetSession printer(options);
  Exchange(printer, B({0xFF, 0xFD, 0x28}));
  const Bytes request = Exchange(printer, B({0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0}));
  EXPECT_EQ(request[5 + 12], 0x00);  // ASSOCIATE instead of CONNECT
}

TEST(TelnetTest, Tn3270eFunctionsNegotiatedToSubsetAndResponses) {
  TerminalOptions options;
  options.functions = {Tn3270eFunction::kResponses};
  TelnetSession session(options);
  NegotiateDeviceType(session, "LU2");
  EXPECT_EQ(session.TakeOutput(), B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0x02, 0xFF, 0xF0}));
  // Host counter-proposes BIND-IMAGE + RESPONSES: the client narrows to what it asked for.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0x00, 0x02, 0xFF, 0xF0})),
            B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0x02, 0xFF, 0xF0}));
  // Host agrees with a REQUEST that is a subset: the client confirms with IS.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0x02, 0xFF, 0xF0})),
            B({0xFF, 0xFA, 0x28, 0x03, 0x04, 0x02, 0xFF, 0xF0}));
  ASSERT_EQ(session.mode(), SessionMode::kTn3270e);
  EXPECT_TRUE(session.HasFunction(Tn3270eFunction::kResponses));

  // A record asking ALWAYS-RESPONSE with seq 5 gets a positive RESPONSE with the same seq.
  Tn3270eHeader request{DataType::k3270Data, 0, kResponseAlways, 5};
  session.SendResponse(request, true);
  EXPECT_EQ(session.TakeOutput(), B({0x02, 0x00, 0x00, 0x00, 0x05, 0x00, 0xFF, 0xEF}));
  // NO-RESPONSE: nothing.
  session.SendResponse(Tn3270eHeader{DataType::k3270Data, 0, kResponseNone, 6}, true);
  EXPECT_FALSE(session.HasOutput());
}

TEST(TelnetTest, FunctionsRenegotiationIsBounded) {
  TerminalOptions options;
  options.functions = {Tn3270eFunction::kResponses};
  TelnetSession session(options);
  NegotiateDeviceType(session, "LU2");
  session.TakeOutput();
  // A host that insists on BIND-IMAGE only: the client gives up TN3270E after a few rounds.
  for (int i = 0; i < 10; ++i) {
    session.Feed(B({0xFF, 0xFA, 0x28, 0x03, 0x07, 0x00, 0xFF, 0xF0})).IgnoreError();
  }
  const Bytes out = session.TakeOutput();
  EXPECT_LT(out.size(), 40u);
  EXPECT_TRUE(session.tn3270e_refused());
  ASSERT_GE(out.size(), 3u);
  EXPECT_EQ(Bytes(out.end() - 3, out.end()), B({0xFF, 0xFC, 0x28}));  // WONT TN3270E
}

// The RFC 1576 exchange a plain TN3270 host makes, with the client's expected answers.
void PlainTn3270Negotiation(TelnetSession& session, const std::string& terminal_type) {
  // DO TERMINAL-TYPE -> WILL TERMINAL-TYPE.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x18})), B({0xFF, 0xFB, 0x18}));
  // SB TERMINAL-TYPE SEND -> SB TERMINAL-TYPE IS <type>.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0})),
            Concat({B({0xFF, 0xFA, 0x18, 0x00}), Ascii(terminal_type), B({0xFF, 0xF0})}));
  // DO EOR, WILL EOR, DO BINARY, WILL BINARY in one segment.
  EXPECT_EQ(Exchange(session,
                     B({0xFF, 0xFD, 0x19, 0xFF, 0xFB, 0x19, 0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x00})),
            B({0xFF, 0xFB, 0x19, 0xFF, 0xFD, 0x19, 0xFF, 0xFB, 0x00, 0xFF, 0xFD, 0x00}));
  EXPECT_EQ(session.mode(), SessionMode::kTn3270);
}

TEST(TelnetTest, Tn3270eRejectedFallsBackToTn3270) {
  TelnetSession session;
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFB, 0x28}));
  Exchange(session, B({0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0}));
  // DEVICE-TYPE REJECT REASON INV-DEVICE-TYPE -> client: WONT TN3270E.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFA, 0x28, 0x02, 0x06, 0x05, 0x04, 0xFF, 0xF0})),
            B({0xFF, 0xFC, 0x28}));
  EXPECT_TRUE(session.tn3270e_refused());
  EXPECT_EQ(session.reject_reason(), RejectReason::kInvDeviceType);
  PlainTn3270Negotiation(session, "IBM-3278-2-E");
  // A host asking for TN3270E again is refused, not re-negotiated.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFC, 0x28}));
  // Records have no TN3270E header in TN3270 mode.
  ASSERT_TRUE(session.Feed(B({0xF5, 0xC3, 0xFF, 0xEF})).ok());
  auto record = session.PopRecord();
  ASSERT_TRUE(record.has_value());
  EXPECT_FALSE(record->header.has_value());
  EXPECT_EQ(record->data, B({0xF5, 0xC3}));
  session.SendRecord(B({0x7D, 0x40, 0x40}));
  EXPECT_EQ(session.TakeOutput(), B({0x7D, 0x40, 0x40, 0xFF, 0xEF}));
}

TEST(TelnetTest, HostDontTn3270eFallsBack) {
  TelnetSession session;
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFB, 0x28}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFE, 0x28})), B({0xFF, 0xFC, 0x28}));  // DONT -> WONT
  EXPECT_TRUE(session.tn3270e_refused());
  PlainTn3270Negotiation(session, "IBM-3278-2-E");
}

TEST(TelnetTest, HostWontTn3270eFallsBack) {
  TelnetSession session;
  Exchange(session, B({0xFF, 0xFD, 0x28}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFC, 0x28})), B({0xFF, 0xFC, 0x28}));  // WONT -> WONT
  EXPECT_TRUE(session.tn3270e_refused());
  PlainTn3270Negotiation(session, "IBM-3278-2-E");
}

TEST(TelnetTest, PlainTn3270HostOnly) {
  TerminalOptions options;
  options.model = 4;
  TelnetSession session(options);
  PlainTn3270Negotiation(session, "IBM-3278-4-E");
}

TEST(TelnetTest, Tn3270eDisabledRefusesIt) {
  TerminalOptions options;
  options.tn3270e = false;
  options.extended = false;
  TelnetSession session(options);
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x28})), B({0xFF, 0xFC, 0x28}));
  PlainTn3270Negotiation(session, "IBM-3278-2");
}

TEST(TelnetTest, IacDoublingInsideData) {
  TelnetSession session;
  PlainTn3270Negotiation(session, "IBM-3278-2-E");
  // Write, WCC, 0xFF doubled as IAC IAC, 'A', IAC EOR; then a second record in the same read.
  ASSERT_TRUE(
      session.Feed(B({0xF1, 0xC3, 0xFF, 0xFF, 0xC1, 0xFF, 0xEF, 0xF1, 0x00, 0xFF, 0xEF})).ok());
  auto first = session.PopRecord();
  auto second = session.PopRecord();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(first->data, B({0xF1, 0xC3, 0xFF, 0xC1}));
  EXPECT_EQ(second->data, B({0xF1, 0x00}));
  // Outbound 0xFF is doubled.
  session.SendRecord(B({0x7D, 0xFF, 0x40}));
  EXPECT_EQ(session.TakeOutput(), B({0x7D, 0xFF, 0xFF, 0x40, 0xFF, 0xEF}));
}

TEST(TelnetTest, ByteByByteFeedingMatchesOneRead) {
  const Bytes host =
      Concat({B({0xFF, 0xFD, 0x18, 0xFF, 0xFA, 0x18, 0x01, 0xFF, 0xF0}),
              B({0xFF, 0xFD, 0x19, 0xFF, 0xFB, 0x19, 0xFF, 0xFD, 0x00, 0xFF, 0xFB, 0x00}),
              B({0xF5, 0xC3, 0xFF, 0xFF, 0xC1, 0xFF, 0xEF})});
  TelnetSession whole;
  ASSERT_TRUE(whole.Feed(host).ok());
  TelnetSession split;
  for (std::uint8_t b : host) ASSERT_TRUE(split.Feed(Bytes{b}).ok());
  EXPECT_EQ(whole.TakeOutput(), split.TakeOutput());
  EXPECT_EQ(whole.PopRecord()->data, split.PopRecord()->data);
  EXPECT_EQ(split.mode(), SessionMode::kTn3270);
}

TEST(TelnetTest, UnknownOptionsRefusedAndNeverLoop) {
  TelnetSession session;
  // DO ECHO -> WONT ECHO; WILL SUPPRESS-GO-AHEAD -> DONT; WILL TERMINAL-TYPE (host side) -> DONT.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x01})), B({0xFF, 0xFC, 0x01}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFB, 0x03})), B({0xFF, 0xFE, 0x03}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFB, 0x18})), B({0xFF, 0xFE, 0x18}));
  // A host repeating itself forever gets a bounded number of answers.
  Bytes storm;
  for (int i = 0; i < 100; ++i) storm.insert(storm.end(), {0xFF, 0xFD, 0x01, 0xFF, 0xFB, 0x03});
  EXPECT_LE(Exchange(session, storm).size(), 12u);
  // Re-asking an option already on gets no answer (RFC 854).
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x00})), B({0xFF, 0xFB, 0x00}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFD, 0x00, 0xFF, 0xFD, 0x00})), Bytes{});
  // DONT for an enabled option: WONT once; DONT again: silence.
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFE, 0x00})), B({0xFF, 0xFC, 0x00}));
  EXPECT_EQ(Exchange(session, B({0xFF, 0xFE, 0x00})), Bytes{});
  // Other telnet commands (NOP, GA, AYT) are ignored and do not disturb records.
  ASSERT_TRUE(session.Feed(B({0xC1, 0xFF, 0xF1, 0xC2, 0xFF, 0xF9, 0xFF, 0xEF})).ok());
  EXPECT_EQ(session.PopRecord()->data, B({0xC1, 0xC2}));
}

TEST(TelnetTest, OversizedRecordDroppedSessionContinues) {
  TerminalOptions options;
  options.max_record_size = 16;
  TelnetSession session(options);
  Bytes big(100, 0x40);
  big.insert(big.end(), {0xFF, 0xEF, 0xF1, 0xC3, 0xFF, 0xEF});
  const absl::Status st = session.Feed(big);
  EXPECT_EQ(st.code(), absl::StatusCode::kResourceExhausted);
  auto record = session.PopRecord();
  ASSERT_TRUE(record.has_value());
  EXPECT_EQ(record->data, B({0xF1, 0xC3}));
}

TEST(TelnetTest, MalformedTn3270eHeaderIsAnError) {
  TelnetSession session;
  NegotiateDeviceType(session, "LU");
  session.Feed(B({0xFF, 0xFA, 0x28, 0x03, 0x04, 0xFF, 0xF0})).IgnoreError();
  ASSERT_EQ(session.mode(), SessionMode::kTn3270e);
  EXPECT_EQ(session.Feed(B({0x00, 0x00, 0xFF, 0xEF})).code(), absl::StatusCode::kInvalidArgument);
  EXPECT_FALSE(session.PopRecord().has_value());
  // Unterminated or garbage subnegotiations are ignored.
  EXPECT_TRUE(session.Feed(B({0xFF, 0xFA, 0x28, 0xFF, 0xF0, 0xFF, 0xFA, 0xFF, 0xF0})).ok());
  EXPECT_EQ(session.mode(), SessionMode::kTn3270e);
}

}  // namespace
}  // namespace omnihub::tn3270
