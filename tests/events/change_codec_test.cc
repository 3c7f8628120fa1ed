// The change-event wire format: round trips, and every kind of hostile message refused with a
// reason that names the problem.
#include "adapters/events/change_codec.h"

#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

namespace omnihub::events {
namespace {

BackendChange ValidChange() {
  BackendChange change;
  change.set_event_id("erp-000001");
  change.set_type(omnihub::v1::EVENT_TYPE_ORDER_STATUS_CHANGED);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1793534400);
  change.set_system("erp");
  change.set_account_id("C0100001");
  change.set_subject("W1000002");
  change.set_detail("shipped");
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  return change;
}

TEST(ChangeCodec, RoundTripsAValidChange) {
  auto encoded = EncodeChange(ValidChange());
  ASSERT_TRUE(encoded.ok()) << encoded.status();
  EXPECT_EQ(encoded->topic, "erp/1");
  auto decoded = DecodeChange(encoded->topic, encoded->payload);
  ASSERT_TRUE(decoded.ok()) << decoded.status();
  EXPECT_EQ(decoded->SerializeAsString(), ValidChange().SerializeAsString());
}

struct InvalidCase {
  const char* name;
  void (*spoil)(BackendChange&);
  const char* expected;
};

class ChangeCodecInvalid : public ::testing::TestWithParam<InvalidCase> {};

TEST_P(ChangeCodecInvalid, IsRefusedOnBothSidesNamingTheField) {
  BackendChange change = ValidChange();
  GetParam().spoil(change);
  auto encoded = EncodeChange(change);
  ASSERT_FALSE(encoded.ok());
  EXPECT_EQ(encoded.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(encoded.status().message().find(GetParam().expected), std::string::npos)
      << encoded.status();
  // A publisher that skips validation must not get it past the subscriber either.
  auto decoded = DecodeChange(TopicFor(change.system(), change.type()), change.SerializeAsString());
  ASSERT_FALSE(decoded.ok());
  EXPECT_NE(decoded.status().message().find(GetParam().expected), std::string::npos)
      << decoded.status();
}

INSTANTIATE_TEST_SUITE_P(
    Fields, ChangeCodecInvalid,
    ::testing::Values(
        InvalidCase{"NoEventId", [](BackendChange& c) { c.clear_event_id(); }, "event_id"},
        InvalidCase{"LongEventId", [](BackendChange& c) { c.set_event_id(std::string(129, 'x')); },
                    "event_id"},
        InvalidCase{"NoType", [](BackendChange& c) { c.clear_type(); }, "type"},
        InvalidCase{"DroppedIsNotAChange",
                    [](BackendChange& c) { c.set_type(omnihub::v1::EVENT_TYPE_EVENTS_DROPPED); },
                    "type"},
        InvalidCase{"UnknownType",
                    [](BackendChange& c) { c.set_type(static_cast<omnihub::v1::EventType>(99)); },
                    "type"},
        InvalidCase{"NoTime", [](BackendChange& c) { c.clear_occurred_at(); }, "occurred_at"},
        InvalidCase{"BadNanos", [](BackendChange& c) { c.mutable_occurred_at()->set_nanos(-1); },
                    "occurred_at"},
        InvalidCase{"UpperCaseSystem", [](BackendChange& c) { c.set_system("ERP"); }, "system"},
        InvalidCase{"SystemWithSlash", [](BackendChange& c) { c.set_system("erp/2"); }, "system"},
        InvalidCase{"NoAccount", [](BackendChange& c) { c.clear_account_id(); }, "account_id"},
        InvalidCase{"AccountWithNewline", [](BackendChange& c) { c.set_account_id("C1\nC2"); },
                    "account_id"},
        InvalidCase{"LongDetail", [](BackendChange& c) { c.set_detail(std::string(1001, 'd')); },
                    "detail"},
        InvalidCase{
            "UnspecifiedSection",
            [](BackendChange& c) { c.add_affected_sections(omnihub::v1::SECTION_UNSPECIFIED); },
            "affected_sections"},
        InvalidCase{"TooManySections",
                    [](BackendChange& c) {
                      for (int i = 0; i < 8; ++i)
                        c.add_affected_sections(omnihub::v1::SECTION_ORDERS);
                    },
                    "affected_sections"}),
    [](const ::testing::TestParamInfo<InvalidCase>& param) { return param.param.name; });

TEST(ChangeCodec, RefusesGarbageOversizedAndMismatchedMessages) {
  EXPECT_EQ(DecodeChange("erp/1", "\xff\xff\xff\xff not protobuf").status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_NE(DecodeChange("erp/1", std::string(kMaxChangeBytes + 1, 'a'))
                .status()
                .message()
                .find("larger than 64 KiB"),
            std::string::npos);
  const std::string payload = ValidChange().SerializeAsString();
  auto wrong_topic = DecodeChange("ecommerce/1", payload);
  ASSERT_FALSE(wrong_topic.ok());
  EXPECT_NE(wrong_topic.status().message().find("does not match"), std::string::npos);
  EXPECT_FALSE(DecodeChange("", payload).ok());
}

TEST(ChangeCodec, RefusesInvalidUtf8InStrings) {
  BackendChange change = ValidChange();
  change.set_subject("W1\xc3");  // a truncated two-byte sequence
  std::string payload;
  // Serialisation may warn; what matters is that the subscriber refuses it.
  change.SerializeToString(&payload);
  EXPECT_FALSE(DecodeChange("erp/1", payload).ok());
}

}  // namespace
}  // namespace omnihub::events
