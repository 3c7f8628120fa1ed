// Table-driven transform tests: each Case compiles one TransformSpec, applies it to one input and
// checks the value or the error. The TEST_P lives in chain_test.cc; each file instantiates its
// own tables.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "adapters/mapping/transform.h"

namespace omnihub::mapping::testing_util {

struct Case {
  std::string label;  // test name suffix: letters, digits, underscores
  TransformSpec spec;
  Value in;
  std::optional<Value> want;  // the value expected, or nullopt when an error is expected
  std::string error;          // a substring of the expected error message
};

inline Case Ok(std::string label, TransformSpec spec, Value in, Value want) {
  return Case{std::move(label), std::move(spec), std::move(in), std::move(want), ""};
}
inline Case Err(std::string label, TransformSpec spec, Value in, std::string error) {
  return Case{std::move(label), std::move(spec), std::move(in), std::nullopt, std::move(error)};
}

inline Value T(std::string s) { return Value::Text(std::move(s)); }
inline Value I(int64_t v) { return Value::Integer(v); }
inline Value D(int64_t unscaled, int scale) { return Value::OfDecimal(Decimal{unscaled, scale}); }
inline Value M(std::string currency, int64_t minor) {
  return Value::OfMoney(Money{std::move(currency), minor});
}
inline Value Day(int y, int m, int d) { return Value::OfDate(Date{y, m, d}); }
inline Value Utc(int y, int m, int d, int h, int mi, int s, int32_t nanos = 0) {
  const absl::Time t = absl::FromCivil(absl::CivilSecond(y, m, d, h, mi, s), absl::UTCTimeZone());
  return Value::OfTimestamp(Timestamp{absl::ToUnixSeconds(t), nanos});
}
inline Value B(bool b) { return Value::Bool(b); }
inline const Value kNull = Value::Null();

// The compile error of `spec` ("" when it compiles).
inline std::string CompileError(const TransformSpec& spec) {
  absl::StatusOr<std::unique_ptr<Transform>> t = CompileTransform(spec);
  return t.ok() ? std::string() : std::string(t.status().message());
}

// Compiles `spec` (failing the test on error) and applies it.
inline absl::StatusOr<Value> Run(const TransformSpec& spec, const Value& in) {
  absl::StatusOr<std::unique_ptr<Transform>> t = CompileTransform(spec);
  EXPECT_TRUE(t.ok()) << t.status();
  if (!t.ok()) return t.status();
  return (*t)->Apply(in);
}

// gtest prints a parameter on failure: the label is enough.
inline void PrintTo(const Case& c, std::ostream* os) { *os << c.label; }

class TransformCaseTest : public ::testing::TestWithParam<Case> {};

inline std::string CaseName(const ::testing::TestParamInfo<Case>& info) { return info.param.label; }

}  // namespace omnihub::mapping::testing_util

namespace omnihub::mapping {
inline void PrintTo(const Value& v, std::ostream* os) { *os << v.DebugString(); }
}  // namespace omnihub::mapping
