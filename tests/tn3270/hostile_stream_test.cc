// Malformed, truncated and random host data: the protocol core must answer with a clear error and
// a screen in a defined state, never crash or read out of bounds (run under ASan to be sure).
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "adapters/tn3270/data_stream.h"
#include "adapters/tn3270/input.h"
#include "adapters/tn3270/telnet.h"
#include "test_streams.h"

namespace omnihub::tn3270 {
namespace {

using testing::B;
using testing::Concat;
using testing::E;
using testing::SignOnScreen;

void ExpectConsistent(const Screen& screen) {
  const ScreenSize size = screen.size();
  ASSERT_TRUE(size == screen.default_size() || size == screen.alternate_size());
  ASSERT_GE(screen.cursor(), 0);
  ASSERT_LT(screen.cursor(), screen.cells());
  int covered = 0;
  for (const Field& f : screen.Fields()) {
    ASSERT_GE(f.length, 0);
    ASSERT_LT(f.start, screen.cells());
    covered += f.length + 1;
  }
  if (screen.formatted()) {
    ASSERT_EQ(covered, screen.cells());
  }
  const std::string text = screen.ToString(true);
  ASSERT_EQ(std::count(text.begin(), text.end(), '\n'), screen.rows());
}

struct HostileCase {
  const char* name;
  Bytes record;
  const char* error_mentions;  // nullptr: the record is acceptable
};

std::vector<HostileCase> HostileCases() {
  return {
      {"empty record", B({}), "empty record"},
      {"unknown command", B({0x42, 0xC3}), "unknown command 0x42"},
      {"SBA without address", B({0xF5, 0xC3, 0x11}), "SBA order truncated"},
      {"SBA half address", B({0xF5, 0xC3, 0x11, 0x40}), "SBA order truncated"},
      {"SBA 12-bit beyond 1920", B({0xF5, 0xC3, 0x11, 0x7F, 0x7F}), "SBA address 4095 beyond"},
      {"SBA 14-bit beyond", B({0xF5, 0xC3, 0x11, 0x3F, 0xFF}), "SBA address 16383 beyond"},
      {"SF without attribute", B({0xF5, 0xC3, 0x1D}), "SF order truncated"},
      {"SFE without count", B({0xF5, 0xC3, 0x29}), "SFE order truncated"},
      {"SFE pairs cut", B({0xF5, 0xC3, 0x29, 0x02, 0xC0, 0x60, 0x42}), "SFE order truncated"},
      {"SA cut", B({0xF5, 0xC3, 0x28, 0x42}), "SA order truncated"},
      {"MF pairs cut", B({0xF5, 0xC3, 0x2C, 0x05, 0xC0}), "MF order truncated"},
      {"RA without character", B({0xF5, 0xC3, 0x3C, 0x40, 0x40}), "RA order truncated"},
      {"RA beyond the buffer", B({0xF5, 0xC3, 0x3C, 0x7F, 0x7F, 0x5C}), "RA address 4095 beyond"},
      {"RA GE cut", B({0xF5, 0xC3, 0x3C, 0x40, 0xC1, 0x08}), "RA order truncated"},
      {"EUA cut", B({0xF5, 0xC3, 0x12, 0x40}), "EUA order truncated"},
      {"EUA beyond the buffer", B({0xF5, 0xC3, 0x12, 0x7F, 0x7F}), "EUA address 4095 beyond"},
      {"GE cut", B({0xF5, 0xC3, 0x08}), "GE order truncated"},
      {"bad order", B({0xF5, 0xC3, 0xC1, 0x01, 0xC2}), "unknown order 0x01 at offset 3"},
      {"bad order 0x3E", B({0xF1, 0xC3, 0x3E}), "unknown order 0x3E"},
      {"WSF length cut", B({0xF3, 0x00}), "structured field truncated"},
      {"WSF length beyond", B({0xF3, 0x00, 0x10, 0x01, 0xFF}), "structured field truncated"},
      {"WSF length below 3", B({0xF3, 0x00, 0x02, 0x01}), "length below 3"},
      {"Read Partition cut", B({0xF3, 0x00, 0x04, 0x01, 0xFF}), "Read Partition truncated"},
      {"Query List cut", B({0xF3, 0x00, 0x05, 0x01, 0xFF, 0x03}), "Query List truncated"},
      {"Outbound 3270DS cut", B({0xF3, 0x00, 0x04, 0x40, 0x00}), "Outbound 3270DS truncated"},
      {"WSF nested", B({0xF3, 0x00, 0x06, 0x40, 0x00, 0xF3, 0x00}), "nested"},
      {"Outbound 3270DS bad command", B({0xF3, 0x00, 0x05, 0x40, 0x00, 0x42}), "unknown command"},
      {"too large", Bytes(kMaxHostRecordSize + 1, 0x40), "exceeds"},
      {"WSF without fields", B({0xF3}), nullptr},
      {"write without WCC", B({0xF1}), nullptr},
      {"format controls", B({0xF5, 0xC3, 0x00, 0x0C, 0x0D, 0x15, 0x19, 0x1C, 0x1E, 0x3F, 0xFF}),
       nullptr},
      {"SFE without pairs", B({0xF5, 0xC3, 0x29, 0x00}), nullptr},
  };
}

TEST(HostileStreamTest, TruncatedAndGarbageRecordsGiveClearErrors) {
  for (const HostileCase& c : HostileCases()) {
    SCOPED_TRACE(c.name);
    Screen screen;
    ASSERT_TRUE(ApplyHostRecord(screen, SignOnScreen()).ok());
    screen.set_keyboard_locked(true);
    auto result = ApplyHostRecord(screen, c.record);
    if (c.error_mentions == nullptr) {
      EXPECT_TRUE(result.ok()) << result.status();
    } else {
      ASSERT_FALSE(result.ok());
      EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
      EXPECT_NE(std::string(result.status().message()).find(c.error_mentions), std::string::npos)
          << result.status();
      EXPECT_TRUE(screen.keyboard_locked()) << "a failed write must not restore the keyboard";
    }
    ExpectConsistent(screen);
  }
}

TEST(HostileStreamTest, PartialWriteKeepsOrdersBeforeTheError) {
  Screen screen;
  auto result = ApplyHostRecord(screen, Concat({B({0xF5, 0xC3}), E("OK"), B({0x11, 0x7F})}));
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(screen.RegionText(0, 0, 2), "OK");
  ExpectConsistent(screen);
}

TEST(HostileStreamTest, HugeRecordOfRepeatsIsBounded) {
  // The largest record accepted, made of repeat-to-address orders that each fill the whole buffer.
  Bytes record = B({0xF5, 0xC3});
  while (record.size() + 4 <= kMaxHostRecordSize)
    record.insert(record.end(), {0x3C, 0x40, 0x40, 0x5C});
  Screen screen(5);
  ASSERT_TRUE(ApplyHostRecord(screen, record).ok());
  EXPECT_EQ(screen.RowText(23), std::string(80, '*'));
  ExpectConsistent(screen);
}

Bytes Mutate(Bytes record, std::mt19937& rng) {
  auto pick = [&](std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n)(rng); };
  const int mutations = 1 + static_cast<int>(pick(4));
  for (int m = 0; m < mutations; ++m) {
    switch (pick(4)) {
      case 0:  // flip a byte
        if (!record.empty()) record[pick(record.size() - 1)] = static_cast<std::uint8_t>(rng());
        break;
      case 1:  // insert an order byte or a random byte
        record.insert(
            record.begin() + static_cast<std::ptrdiff_t>(pick(record.size())),
            pick(1) ? static_cast<std::uint8_t>(rng())
                    : B({0x1D, 0x29, 0x11, 0x28, 0x2C, 0x13, 0x05, 0x3C, 0x12, 0x08})[pick(9)]);
        break;
      case 2:  // truncate
        record.resize(pick(record.size()));
        break;
      case 3:  // duplicate a slice
        if (!record.empty()) {
          const std::size_t from = pick(record.size() - 1);
          const std::size_t len = pick(std::min<std::size_t>(16, record.size() - from));
          Bytes slice(record.begin() + static_cast<std::ptrdiff_t>(from),
                      record.begin() + static_cast<std::ptrdiff_t>(from + len));
          record.insert(record.begin() + static_cast<std::ptrdiff_t>(pick(record.size())),
                        slice.begin(), slice.end());
        }
        break;
      default:  // change the command
        if (!record.empty()) {
          record[0] =
              B({0xF1, 0xF5, 0x7E, 0xF2, 0xF6, 0x6E, 0x6F, 0xF3, 0x01, 0x0D, 0x11})[pick(10)];
        }
        break;
    }
  }
  return record;
}

TEST(HostileStreamTest, RandomMutationsNeverCrash) {
  const std::vector<Bytes> corpus = {
      SignOnScreen(),
      B({0xF5, 0xC3, 0x29, 0x03, 0xC0, 0x60, 0x42, 0xF2, 0x41, 0xF4, 0xC1}),
      B({0xF5, 0xC3, 0x3C, 0x40, 0xC8, 0x5C, 0x12, 0x40, 0x40, 0x13}),
      B({0xF3, 0x00, 0x05, 0x01, 0xFF, 0x02}),
      B({0xF3, 0x00, 0x07, 0x01, 0xFF, 0x03, 0x00, 0x86}),
      B({0xF3, 0x00, 0x08, 0x40, 0x00, 0xF5, 0xC3, 0xC8, 0xC9}),
      B({0x7E, 0xC3, 0x11, 0xF7, 0x6B, 0xC1, 0x28, 0x42, 0xF6, 0x2C, 0x01, 0xC0, 0x40}),
      B({0xF1, 0xC3, 0x11, 0x40, 0x40, 0x05, 0xC1, 0x05, 0xC2, 0x08, 0xAD}),
  };
  std::mt19937 rng(20261128);
  int errors = 0;
  for (int i = 0; i < 3000; ++i) {
    Screen screen(2 + i % 4);
    ASSERT_TRUE(ApplyHostRecord(screen, SignOnScreen()).ok());
    const Bytes record = Mutate(corpus[i % corpus.size()], rng);
    auto result = ApplyHostRecord(screen, record);
    if (!result.ok()) {
      ++errors;
      ASSERT_FALSE(result.status().message().empty());
    }
    ExpectConsistent(screen);
    // The operator can still work on whatever the host left.
    Keyboard keyboard(screen);
    screen.set_keyboard_locked(false);
    keyboard.Home();
    keyboard.Type("X").IgnoreError();
    keyboard.Tab();
    keyboard.BackTab();
    keyboard.EraseEof().IgnoreError();
    ASSERT_TRUE(keyboard.Press(Aid::kEnter).ok());
    ExpectConsistent(screen);
  }
  EXPECT_GT(errors, 0);
  EXPECT_LT(errors, 3000);
}

TEST(HostileStreamTest, RandomTelnetBytesNeverCrash) {
  std::mt19937 rng(1576);
  for (int i = 0; i < 2000; ++i) {
    TerminalOptions options;
    options.max_record_size = 256;
    options.functions = {Tn3270eFunction::kResponses};
    TelnetSession session(options);
    // Half of the runs start from a negotiated TN3270E session.
    if (i % 2 == 0) {
      session
          .Feed(B({0xFF, 0xFD, 0x28, 0xFF, 0xFA, 0x28, 0x08, 0x02, 0xFF, 0xF0, 0xFF, 0xFA, 0x28,
                   0x02, 0x04, 0xC1, 0xFF, 0xF0, 0xFF, 0xFA, 0x28, 0x03, 0x04, 0x02, 0xFF, 0xF0}))
          .IgnoreError();
    }
    Bytes noise(std::uniform_int_distribution<int>(0, 600)(rng));
    for (auto& b : noise) {
      // Bias towards telnet command bytes so the state machine is exercised.
      const int r = std::uniform_int_distribution<int>(0, 9)(rng);
      b = r < 3   ? 0xFF
          : r < 5 ? static_cast<std::uint8_t>(0xF0 + rng() % 16)
                  : static_cast<std::uint8_t>(rng());
    }
    session.Feed(noise).IgnoreError();
    while (auto record = session.PopRecord()) ASSERT_LE(record->data.size(), 256u);
    ASSERT_LT(session.TakeOutput().size(), 4096u);
  }
}

}  // namespace
}  // namespace omnihub::tn3270
