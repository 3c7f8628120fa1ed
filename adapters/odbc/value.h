// Values crossing the ODBC boundary: typed statement parameters (validated before any driver sees
// them) and the text forms results are read into.
//
// Result values are text, exactly as the database holds them, never through a double:
//   DECIMAL/NUMERIC  exact decimal text as the driver renders it ("4.5" on SQLite, "4.50" on
//                    PostgreSQL; use DecimalToMinorUnits to compare or convert);
//   DATE             "2026-11-01";
//   TIMESTAMP        ISO 8601 in UTC, "2026-11-01T12:00:00Z" (fraction kept: ".25Z"); a value
//                    stored with a zone offset is converted to UTC; a value without a zone is
//                    UTC by the convention of every Omnihub schema (sessions run in UTC);
//   text             UTF-8, read in chunks without truncation;
//   NULL             absent (std::nullopt).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"

namespace omnihub::odbc {

// One bound statement parameter. Build with the factories; Validate() runs before binding.
class SqlParam {
 public:
  enum class Kind { kNull, kText, kInteger, kDecimal, kDate, kTimestamp };

  // NULL of the given kind's SQL type (PostgreSQL types parameters; default text).
  static SqlParam Null(Kind as = Kind::kText);
  // UTF-8 text, no NUL bytes.
  static SqlParam Text(std::string utf8);
  static SqlParam Integer(int64_t value);
  // Exact decimal text: "-12.50", "0.1", "42" (optional sign, digits, optional fraction; at most
  // 38 digits).
  static SqlParam Decimal(std::string text);
  // "YYYY-MM-DD".
  static SqlParam Date(std::string iso);
  // ISO 8601 with a zone: "2026-11-01T12:00:00Z", "2026-11-01 13:00:00.5+01:00"; bound as UTC.
  static SqlParam Timestamp(std::string iso);

  Kind kind() const { return kind_; }
  Kind null_kind() const { return null_kind_; }
  const std::string& text() const { return text_; }
  int64_t integer() const { return integer_; }

  // INVALID_ARGUMENT naming the problem when the value cannot be bound as its kind.
  absl::Status Validate() const;

 private:
  Kind kind_ = Kind::kNull;
  Kind null_kind_ = Kind::kText;
  std::string text_;
  int64_t integer_ = 0;
};

// A broken-down UTC timestamp (what SQL_TIMESTAMP_STRUCT carries).
struct UtcTimestamp {
  int year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  uint32_t nanos = 0;
};

// Parses "YYYY-MM-DD[T| ]HH:MM:SS[.f{1,9}][Z|+HH|+HHMM|+HH:MM]" and converts it to UTC. A value
// without a zone is taken as UTC when `zone_required` is false, rejected otherwise.
absl::StatusOr<UtcTimestamp> ParseTimestamp(std::string_view text, bool zone_required);
// "2026-11-01T12:00:00Z", "2026-11-01T12:00:00.25Z".
std::string FormatTimestamp(const UtcTimestamp& timestamp);
// Checks "YYYY-MM-DD" (a real calendar day).
absl::Status ValidateDate(std::string_view text);
// True when `text` is exact decimal text as SqlParam::Decimal accepts it.
bool IsDecimalText(std::string_view text);

// "12.5" with scale 2 -> 1250; "-0.07" -> -7. INVALID_ARGUMENT when `text` is not decimal text,
// has more fraction digits than `scale` that are not zeros, or overflows int64.
absl::StatusOr<int64_t> DecimalToMinorUnits(std::string_view text, int scale);

// std::string_view as abseil's string_view (Debian's abseil has its own type).
inline absl::string_view Absl(std::string_view text) { return {text.data(), text.size()}; }

// UTF-8 <-> UTF-16 (unixODBC's SQLWCHAR). Invalid UTF-8 is INVALID_ARGUMENT; unpaired surrogates
// read from a driver become U+FFFD.
absl::StatusOr<std::u16string> Utf8ToUtf16(std::string_view utf8);
std::string Utf16ToUtf8(std::u16string_view utf16);

}  // namespace omnihub::odbc
