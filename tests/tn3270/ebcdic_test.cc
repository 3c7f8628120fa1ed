#include "adapters/tn3270/ebcdic.h"

#include <gtest/gtest.h>

namespace omnihub::tn3270 {
namespace {

class EbcdicRoundTripTest : public ::testing::TestWithParam<CodePage> {};

TEST_P(EbcdicRoundTripTest, EveryByteRoundTrips) {
  const EbcdicCodec codec(GetParam());
  for (int b = 0; b < 256; ++b) {
    const char32_t u = codec.ToUnicode(static_cast<std::uint8_t>(b));
    EXPECT_EQ(codec.FromUnicode(u), b) << "byte 0x" << std::hex << b;
  }
}

TEST_P(EbcdicRoundTripTest, EveryPrintableCharacterRoundTripsThroughUtf8) {
  const EbcdicCodec codec(GetParam());
  for (int b = 0x40; b <= 0xFE; ++b) {
    const Bytes one{static_cast<std::uint8_t>(b)};
    const std::string utf8 = codec.ToUtf8(one);
    EXPECT_EQ(codec.FromUtf8(utf8), one) << "byte 0x" << std::hex << b << " = " << utf8;
  }
}

TEST_P(EbcdicRoundTripTest, AsciiTextRoundTrips) {
  const EbcdicCodec codec(GetParam());
  const std::string text = "CUSTOMER 0042: O'BRIEN, a.b@c.d (+44) 100% #1 & ;:?!=<>*/";
  EXPECT_EQ(codec.ToUtf8(codec.FromUtf8(text)), text);
}

std::string CodePageTestName(const ::testing::TestParamInfo<CodePage>& param_info) {
  return "Cp" + std::string(CodePageName(param_info.param));
}

INSTANTIATE_TEST_SUITE_P(AllCodePages, EbcdicRoundTripTest,
                         ::testing::Values(CodePage::kCp037, CodePage::kCp1047, CodePage::kCp285),
                         CodePageTestName);

TEST(EbcdicTest, WellKnownPositions037) {
  const EbcdicCodec codec;  // 037 is the default
  EXPECT_EQ(codec.code_page(), CodePage::kCp037);
  EXPECT_EQ(codec.FromUtf8("A"), Bytes{0xC1});
  EXPECT_EQ(codec.FromUtf8("a"), Bytes{0x81});
  EXPECT_EQ(codec.FromUtf8("0"), Bytes{0xF0});
  EXPECT_EQ(codec.FromUtf8(" "), Bytes{0x40});
  EXPECT_EQ(codec.FromUtf8("$"), Bytes{0x5B});
  EXPECT_EQ(codec.FromUtf8("£"), Bytes{0xB1});
  EXPECT_EQ(codec.FromUtf8("["), Bytes{0xBA});
  EXPECT_EQ(codec.FromUtf8("]"), Bytes{0xBB});
  EXPECT_EQ(codec.FromUtf8("¢"), Bytes{0x4A});
}

TEST(EbcdicTest, PoundAndDollarDifferIn285) {
  const EbcdicCodec uk(CodePage::kCp285);
  EXPECT_EQ(uk.FromUtf8("£"), Bytes{0x5B});
  EXPECT_EQ(uk.FromUtf8("$"), Bytes{0x4A});
  EXPECT_EQ(uk.ToUtf8(Bytes{0x5B}), "£");
  EXPECT_EQ(EbcdicCodec(CodePage::kCp037).ToUtf8(Bytes{0x5B}), "$");
}

TEST(EbcdicTest, BracketsDifferIn1047) {
  const EbcdicCodec cp(CodePage::kCp1047);
  EXPECT_EQ(cp.FromUtf8("["), Bytes{0xAD});
  EXPECT_EQ(cp.FromUtf8("]"), Bytes{0xBD});
  EXPECT_EQ(cp.FromUtf8("A"), Bytes{0xC1});
}

TEST(EbcdicTest, UnmappableBecomesSubstitute) {
  const EbcdicCodec codec;
  constexpr std::uint8_t kSub = EbcdicCodec::kSubstitute;
  EXPECT_EQ(codec.FromUtf8("€"), Bytes{kSub});                  // not in 037
  EXPECT_EQ(codec.FromUtf8("日本"), (Bytes{kSub, kSub}));       // CJK
  EXPECT_EQ(codec.FromUtf8("😀"), Bytes{kSub});                  // outside the BMP
  EXPECT_EQ(codec.FromUtf8("\xFF\xFE"), (Bytes{kSub, kSub}));   // invalid UTF-8
  EXPECT_EQ(codec.FromUtf8("A\xE2\x82"), (Bytes{0xC1, kSub}));  // truncated sequence
  EXPECT_EQ(codec.FromUtf8("\xC0\x80"), (Bytes{kSub}));         // overlong NUL
  EXPECT_EQ(codec.FromUnicode(0x10FFFF), kSub);
  EXPECT_EQ(codec.FromUnicode(0xFFFFFFFF), kSub);
}

TEST(EbcdicTest, ParseCodePage) {
  EXPECT_EQ(ParseCodePage("037"), CodePage::kCp037);
  EXPECT_EQ(ParseCodePage("cp037"), CodePage::kCp037);
  EXPECT_EQ(ParseCodePage("IBM-1047"), CodePage::kCp1047);
  EXPECT_EQ(ParseCodePage("285"), CodePage::kCp285);
  EXPECT_EQ(ParseCodePage("500"), std::nullopt);
  EXPECT_EQ(ParseCodePage(""), std::nullopt);
  EXPECT_EQ(CodePageNumber(CodePage::kCp1047), 1047);
}

}  // namespace
}  // namespace omnihub::tn3270
