#include "adapters/tn3270/address.h"

#include <gtest/gtest.h>

namespace omnihub::tn3270 {
namespace {

TEST(AddressTest, TwelveBitKnownValues) {
  Bytes out;
  AppendAddress(0, 1920, out);     // (0,0)
  AppendAddress(80, 1920, out);    // (1,0) = 1*64 + 16
  AppendAddress(1919, 1920, out);  // (23,79) = 29*64 + 63
  EXPECT_EQ(out, (Bytes{0x40, 0x40, 0xC1, 0x50, 0x5D, 0x7F}));
}

TEST(AddressTest, TwelveBitRoundTrip) {
  for (int a = 0; a < 4096; ++a) {
    Bytes out;
    AppendAddress(a, 3564, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_NE(out[0] & 0xC0, 0) << "12-bit addresses never start with 00 bits";
    EXPECT_EQ(DecodeAddress(out[0], out[1]), a);
  }
}

TEST(AddressTest, FourteenBitRoundTrip) {
  for (int a = 0; a < 16384; ++a) {
    Bytes out;
    AppendAddress(a, 16384, out);
    ASSERT_EQ(out.size(), 2u);
    EXPECT_EQ(out[0] & 0xC0, 0);
    EXPECT_EQ(DecodeAddress(out[0], out[1]), a);
  }
}

TEST(AddressTest, FourteenBitDecode) {
  EXPECT_EQ(DecodeAddress(0x0D, 0x7B), 0x0D7B);
  EXPECT_EQ(DecodeAddress(0x00, 0x50), 80);  // a host may send 14-bit on a small screen too
}

TEST(AddressTest, SixBitCodeTable) {
  EXPECT_EQ(EncodeSixBits(0x00), 0x40);
  EXPECT_EQ(EncodeSixBits(0x20), 0x60);  // protected
  EXPECT_EQ(EncodeSixBits(0x30), 0xF0);  // autoskip
  EXPECT_EQ(EncodeSixBits(0x3F), 0x7F);
}

}  // namespace
}  // namespace omnihub::tn3270
