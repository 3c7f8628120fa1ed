// Value: the typed value a mapping transform consumes and produces (null, text, integer, exact
// decimal, money, timestamp, calendar date, boolean). No floating point anywhere: amounts stay
// exact from the backend's bytes to the canonical message.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>

#include "absl/strings/string_view.h"

namespace omnihub::mapping {

// An exact decimal number: unscaled / 10^scale, e.g. {12345, 2} is 123.45.
// Equality is structural: {1230, 2} ("12.30") and {123, 1} ("12.3") are different values, as the
// scale a source writes carries meaning (the number of decimals it keeps).
struct Decimal {
  int64_t unscaled = 0;
  int scale = 0;  // 0..18

  // "123.45", "-0.05", "7".
  std::string ToString() const;
  friend bool operator==(const Decimal&, const Decimal&) = default;
};

// An amount of money in the currency's minor units: {"GBP", 1230} is GBP 12.30.
struct Money {
  std::string currency;  // ISO 4217, e.g. "GBP"
  int64_t minor_units = 0;

  // "12.30 GBP" (decimals as the currency has them).
  std::string ToString() const;
  friend bool operator==(const Money&, const Money&) = default;
};

// An instant, UTC: seconds since the Unix epoch plus nanoseconds (0..999'999'999).
struct Timestamp {
  int64_t seconds = 0;
  int32_t nanos = 0;

  // RFC 3339 in UTC: "2024-03-31T00:30:00Z", with a fraction only when nanos != 0.
  std::string ToString() const;
  friend bool operator==(const Timestamp&, const Timestamp&) = default;
};

// A calendar date with no time zone (a birth date, a promised delivery day).
struct Date {
  int32_t year = 1970;
  int32_t month = 1;  // 1..12
  int32_t day = 1;    // 1..31

  // "2024-02-29".
  std::string ToString() const;
  friend bool operator==(const Date&, const Date&) = default;
};

// The kinds a Value holds, in the order of the variant's alternatives.
enum class ValueKind { kNull, kText, kInteger, kDecimal, kMoney, kTimestamp, kDate, kBool };

// "null", "text", "integer", "decimal", "money", "timestamp", "date", "boolean": the words used
// in error messages an architect reads.
absl::string_view KindName(ValueKind kind);

// One mapped value. A small regular type: copyable, comparable, cheap to move.
class Value {
 public:
  using Variant =
      std::variant<std::monostate, std::string, int64_t, Decimal, Money, Timestamp, Date, bool>;

  Value() = default;  // null
  static Value Null() { return Value(); }
  // The alternative T made from `v` where the value is built, e.g. inside an absl::StatusOr
  // without a move: StatusOr<Value>(absl::in_place, std::in_place_type<std::string>, text).
  template <typename T, typename A>
  Value(std::in_place_type_t<T> kind, A&& v) : v_(kind, std::forward<A>(v)) {}
  static Value Text(std::string text) { return Value(kIn<std::string>, std::move(text)); }
  static Value Integer(int64_t v) { return Value(kIn<int64_t>, v); }
  static Value OfDecimal(Decimal v) { return Value(kIn<Decimal>, v); }
  static Value OfMoney(Money v) { return Value(kIn<Money>, std::move(v)); }
  static Value OfTimestamp(Timestamp v) { return Value(kIn<Timestamp>, v); }
  static Value OfDate(Date v) { return Value(kIn<Date>, v); }
  static Value Bool(bool v) { return Value(kIn<bool>, v); }

  ValueKind kind() const { return static_cast<ValueKind>(v_.index()); }
  bool is_null() const { return kind() == ValueKind::kNull; }

  // Accessors: call only when kind() matches (checked by std::get).
  const std::string& text() const { return std::get<std::string>(v_); }
  // The text, to be moved out of a value about to be dropped (kind() must be kText).
  std::string&& ReleaseText() && { return std::get<std::string>(std::move(v_)); }
  int64_t integer() const { return std::get<int64_t>(v_); }
  const Decimal& decimal() const { return std::get<Decimal>(v_); }
  const Money& money() const { return std::get<Money>(v_); }
  const Timestamp& timestamp() const { return std::get<Timestamp>(v_); }
  const Date& date() const { return std::get<Date>(v_); }
  bool boolean() const { return std::get<bool>(v_); }
  const Variant& variant() const { return v_; }

  // The canonical text form: "" for null, the text itself, "42", "123.45", "12.30 GBP",
  // "2024-03-31T00:30:00Z", "2024-02-29", "true"/"false".
  std::string ToString() const;
  // For test failure messages: kind and text form, e.g. decimal(123.45).
  std::string DebugString() const;

  friend bool operator==(const Value&, const Value&) = default;

 private:
  template <typename T>
  static constexpr std::in_place_type_t<T> kIn{};
  Variant v_;
};

}  // namespace omnihub::mapping
