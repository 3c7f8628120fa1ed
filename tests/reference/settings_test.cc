// The reference adapter factory validates its settings and names the bad ones.
#include <gtest/gtest.h>

#include "adapters/reference/reference_adapter.h"
#include "tests/reference/test_io.h"

namespace omnihub::reference::testing {
namespace {

absl::Status Make(std::map<std::string, std::string> settings) {
  sdk::AdapterConfig config;
  config.system = "erp";
  config.type = "reference";
  config.origin = "hubd.xml:14";
  config.settings = std::move(settings);
  return MakeReferenceAdapter(config, sdk::AdapterEnvironment{TestExecutor()}).status();
}

void ExpectRejected(const absl::Status& status, const std::string& setting) {
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_NE(status.message().find("'" + setting + "'"), std::string::npos) << status;
  EXPECT_NE(status.message().find("hubd.xml:14"), std::string::npos) << status;
}

TEST(ReferenceSettingsTest, AcceptsEverySetting) {
  EXPECT_TRUE(Make({{"slice", "erp"},
                    {"seed", "42"},
                    {"customers", "1000"},
                    {"latency_ms", "0"},
                    {"jitter_ms", "3"},
                    {"failure_rate", "0"},
                    {"garbage_rate", "0"},
                    {"xref_mainframe_system", "mainframe"},
                    {"xref_ecommerce_system", "ecommerce"}})
                  .ok());
}

TEST(ReferenceSettingsTest, SliceIsRequired) { ExpectRejected(Make({}), "slice"); }

TEST(ReferenceSettingsTest, UnknownSliceIsRejected) {
  ExpectRejected(Make({{"slice", "crm"}}), "slice");
}

TEST(ReferenceSettingsTest, UnknownSettingIsRejected) {
  ExpectRejected(Make({{"slice", "erp"}, {"latency", "5"}}), "latency");
}

TEST(ReferenceSettingsTest, OutOfRangeValuesAreRejected) {
  ExpectRejected(Make({{"slice", "erp"}, {"customers", "0"}}), "customers");
  ExpectRejected(Make({{"slice", "erp"}, {"customers", "2000001"}}), "customers");
  ExpectRejected(Make({{"slice", "erp"}, {"failure_rate", "1.5"}}), "failure_rate");
  ExpectRejected(Make({{"slice", "erp"}, {"garbage_rate", "x"}}), "garbage_rate");
  ExpectRejected(Make({{"slice", "erp"}, {"latency_ms", "-1"}}), "latency_ms");
  ExpectRejected(Make({{"slice", "erp"}, {"seed", "abc"}}), "seed");
}

TEST(ReferenceSettingsTest, EveryProblemIsReported) {
  auto status = Make({{"slice", "erp"}, {"customers", "0"}, {"bogus", "1"}});
  ExpectRejected(status, "customers");
  ExpectRejected(status, "bogus");
}

}  // namespace
}  // namespace omnihub::reference::testing
