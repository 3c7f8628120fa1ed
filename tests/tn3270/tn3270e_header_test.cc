#include "adapters/tn3270/tn3270e_header.h"

#include <gtest/gtest.h>

namespace omnihub::tn3270 {
namespace {

TEST(Tn3270eHeaderTest, EncodeDecode) {
  Tn3270eHeader h;
  h.data_type = DataType::kResponse;
  h.request_flag = kRequestErrCondCleared;
  h.response_flag = kResponseNegative;
  h.seq_number = 0x1234;
  Bytes out;
  h.AppendTo(out);
  EXPECT_EQ(out, (Bytes{0x02, 0x00, 0x01, 0x12, 0x34}));
  auto back = Tn3270eHeader::Decode(out);
  ASSERT_TRUE(back.ok()) << back.status();
  EXPECT_EQ(*back, h);
}

TEST(Tn3270eHeaderTest, AllDataTypes) {
  const std::pair<DataType, std::string_view> types[] = {
      {DataType::k3270Data, "3270-DATA"}, {DataType::kScsData, "SCS-DATA"},
      {DataType::kResponse, "RESPONSE"},  {DataType::kBindImage, "BIND-IMAGE"},
      {DataType::kUnbind, "UNBIND"},      {DataType::kNvtData, "NVT-DATA"},
      {DataType::kRequest, "REQUEST"},    {DataType::kSscpLuData, "SSCP-LU-DATA"},
      {DataType::kPrintEoj, "PRINT-EOJ"}};
  std::uint8_t expected_code = 0;
  for (const auto& [type, name] : types) {
    EXPECT_EQ(static_cast<std::uint8_t>(type), expected_code++);
    EXPECT_EQ(DataTypeName(type), name);
    Bytes out;
    Tn3270eHeader{type, 0, kResponseAlways, 65535}.AppendTo(out);
    auto back = Tn3270eHeader::Decode(out);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(back->data_type, type);
    EXPECT_EQ(back->seq_number, 65535);
  }
}

TEST(Tn3270eHeaderTest, TruncatedAndUnknownAreErrors) {
  EXPECT_EQ(Tn3270eHeader::Decode(Bytes{}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Tn3270eHeader::Decode(Bytes{0, 0, 0, 0}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Tn3270eHeader::Decode(Bytes{0x09, 0, 0, 0, 0}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace omnihub::tn3270
