#include "hub/api/page_token.h"

#include <gtest/gtest.h>

namespace omnihub::hub {
namespace {

TEST(PageTokenTest, RoundTripsForTheSameQuery) {
  auto token = EncodePageToken(40, "orders|C-1");
  EXPECT_EQ(*DecodePageToken(token, "orders|C-1"), 40u);
  EXPECT_EQ(*DecodePageToken("", "orders|C-1"), 0u);
}

TEST(PageTokenTest, ATokenOfAnotherQueryIsRejected) {
  auto token = EncodePageToken(40, "orders|C-1");
  auto result = DecodePageToken(token, "orders|C-2");
  EXPECT_EQ(result.status().code(), absl::StatusCode::kInvalidArgument);
}

TEST(PageTokenTest, ForgedOrGarbageTokensAreRejected) {
  for (const char* bad : {"garbage", "cDE6NDA6eHg", "!!!!", "cDE6LTE6MDAwMA"}) {
    EXPECT_EQ(DecodePageToken(bad, "q").status().code(), absl::StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_FALSE(DecodePageToken(std::string(1000, 'A'), "q").ok());
}

TEST(PageTokenTest, PageSizeBounds) {
  EXPECT_EQ(*PageSize(0, 20), 20);
  EXPECT_EQ(*PageSize(100, 20), 100);
  EXPECT_FALSE(PageSize(101, 20).ok());
  EXPECT_FALSE(PageSize(-1, 20).ok());
}

}  // namespace
}  // namespace omnihub::hub
