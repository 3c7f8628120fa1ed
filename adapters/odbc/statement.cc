#include "adapters/odbc/statement.h"

#include <sqlucode.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "adapters/odbc/diagnostics.h"

namespace omnihub::odbc::internal {
namespace {

static_assert(sizeof(SQLWCHAR) == sizeof(char16_t), "unixODBC's SQLWCHAR is UTF-16");

constexpr size_t kChunkChars = 4096;

absl::Status StatementError(std::string_view what, SQLHSTMT stmt) {
  return StatusFromHandle(what, SQL_HANDLE_STMT, stmt);
}

// Whole seconds left before `deadline`, at least 1 (0 would mean "no timeout" to ODBC).
SQLULEN TimeoutSeconds(Clock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
  return static_cast<SQLULEN>(std::max<int64_t>(1, (left.count() + 999) / 1000));
}

bool IsTimestampType(SQLSMALLINT type) {
  return type == SQL_TYPE_TIMESTAMP || type == SQL_TIMESTAMP;
}
bool IsDateType(SQLSMALLINT type) { return type == SQL_TYPE_DATE || type == SQL_DATE; }
bool IsBinaryType(SQLSMALLINT type) {
  return type == SQL_BINARY || type == SQL_VARBINARY || type == SQL_LONGVARBINARY;
}

// Reads column `column` of the current row in chunks of kChunkChars; nullopt for NULL.
absl::StatusOr<std::optional<std::string>> ReadValue(SQLHSTMT stmt, SQLUSMALLINT column,
                                                     bool binary, size_t max_bytes) {
  std::u16string wide;
  std::string bytes;
  std::vector<char16_t> buffer(kChunkChars);
  const SQLSMALLINT c_type = binary ? SQL_C_BINARY : SQL_C_WCHAR;
  const SQLLEN capacity = static_cast<SQLLEN>(buffer.size() * sizeof(char16_t));
  // Text chunks end with a terminator the driver writes; binary chunks use the whole buffer.
  const size_t chunk_bytes =
      binary ? buffer.size() * sizeof(char16_t) : (buffer.size() - 1) * sizeof(char16_t);
  for (;;) {
    SQLLEN indicator = 0;
    SQLRETURN rc = SQLGetData(stmt, column, c_type, buffer.data(), capacity, &indicator);
    if (rc == SQL_NO_DATA) break;
    if (!Succeeded(rc)) return StatementError(absl::StrCat("read column ", column), stmt);
    if (indicator == SQL_NULL_DATA) return std::nullopt;
    size_t got = chunk_bytes;
    bool more = rc == SQL_SUCCESS_WITH_INFO &&
                (indicator == SQL_NO_TOTAL || static_cast<size_t>(indicator) > chunk_bytes);
    if (!more) got = std::min(static_cast<size_t>(std::max<SQLLEN>(indicator, 0)), chunk_bytes);
    if (binary) {
      bytes.append(reinterpret_cast<const char*>(buffer.data()), got);
    } else {
      wide.append(buffer.data(), got / sizeof(char16_t));
    }
    if (wide.size() * 2 + bytes.size() > max_bytes) {
      return absl::ResourceExhaustedError(
          absl::StrCat("odbc: column ", column, " holds more than ", max_bytes, " bytes"));
    }
    if (!more) break;
  }
  if (binary) return bytes;
  return Utf16ToUtf8(wide);
}

// Brings a driver's rendering of a typed value to the forms value.h promises.
absl::StatusOr<std::string> Normalize(std::string text, SQLSMALLINT type, std::string_view name) {
  if (IsTimestampType(type)) {
    auto parsed = ParseTimestamp(text, /*zone_required=*/false);
    if (!parsed.ok()) {
      return absl::DataLossError(
          absl::StrCat("column '", Absl(name), "': ", parsed.status().message()));
    }
    return FormatTimestamp(*parsed);
  }
  if (IsDateType(type)) {
    // Some drivers render a DATE stored with a time ("2026-11-01 00:00:00").
    if (text.size() > 10 && (text[10] == ' ' || text[10] == 'T')) text.resize(10);
    auto valid = ValidateDate(text);
    if (!valid.ok()) {
      return absl::DataLossError(absl::StrCat("column '", Absl(name), "': ", valid.message()));
    }
  }
  return text;
}

}  // namespace

absl::Status BoundStatement::Bind(SQLHSTMT stmt, SQLUSMALLINT index, const SqlParam& param,
                                  Buffer& buffer) {
  using Kind = SqlParam::Kind;
  SQLSMALLINT c_type = SQL_C_WCHAR, sql_type = SQL_WVARCHAR, digits = 0;
  SQLULEN size = 1;
  SQLPOINTER value = nullptr;
  SQLLEN length = 0;
  Kind kind = param.kind();
  if (kind == Kind::kNull) {
    buffer.indicator = SQL_NULL_DATA;
    switch (param.null_kind()) {
      case Kind::kInteger:
        c_type = SQL_C_SBIGINT, sql_type = SQL_BIGINT, value = &buffer.integer;
        break;
      case Kind::kDecimal:
        c_type = SQL_C_CHAR, sql_type = SQL_DECIMAL, size = 18, digits = 2;
        break;
      case Kind::kDate:
        c_type = SQL_C_TYPE_DATE, sql_type = SQL_TYPE_DATE, size = 10, value = &buffer.date;
        break;
      case Kind::kTimestamp:
        c_type = SQL_C_TYPE_TIMESTAMP, sql_type = SQL_TYPE_TIMESTAMP, size = 26, digits = 6;
        value = &buffer.timestamp;
        break;
      default:
        break;
    }
    if (value == nullptr) {
      buffer.wide.assign(1, u'\0');
      value = buffer.wide.data();
    }
  } else {
    switch (kind) {
      case Kind::kText: {
        auto wide = Utf8ToUtf16(param.text());
        if (!wide.ok()) return wide.status();
        buffer.wide = std::move(*wide);
        size = std::max<SQLULEN>(1, buffer.wide.size());
        if (buffer.wide.size() > 4000) sql_type = SQL_WLONGVARCHAR;
        length = static_cast<SQLLEN>(buffer.wide.size() * sizeof(char16_t));
        buffer.wide.push_back(u'\0');
        value = buffer.wide.data();
        break;
      }
      case Kind::kInteger:
        c_type = SQL_C_SBIGINT, sql_type = SQL_BIGINT;
        buffer.integer = param.integer();
        value = &buffer.integer;
        length = sizeof(buffer.integer);
        break;
      case Kind::kDecimal: {
        c_type = SQL_C_CHAR, sql_type = SQL_DECIMAL;
        buffer.narrow = param.text();
        size_t dot = buffer.narrow.find('.');
        size_t digit_count = 0;
        for (char c : buffer.narrow) digit_count += c >= '0' && c <= '9';
        digits =
            static_cast<SQLSMALLINT>(dot == std::string::npos ? 0 : buffer.narrow.size() - dot - 1);
        size = std::max<SQLULEN>(1, digit_count);
        length = static_cast<SQLLEN>(buffer.narrow.size());
        value = buffer.narrow.data();
        break;
      }
      case Kind::kDate: {
        c_type = SQL_C_TYPE_DATE, sql_type = SQL_TYPE_DATE, size = 10;
        const std::string& t = param.text();
        buffer.date.year = static_cast<SQLSMALLINT>(std::stoi(t.substr(0, 4)));
        buffer.date.month = static_cast<SQLUSMALLINT>(std::stoi(t.substr(5, 2)));
        buffer.date.day = static_cast<SQLUSMALLINT>(std::stoi(t.substr(8, 2)));
        value = &buffer.date;
        length = sizeof(buffer.date);
        break;
      }
      case Kind::kTimestamp: {
        auto parsed = ParseTimestamp(param.text(), /*zone_required=*/true);
        if (!parsed.ok()) return parsed.status();
        c_type = SQL_C_TYPE_TIMESTAMP, sql_type = SQL_TYPE_TIMESTAMP, size = 26, digits = 6;
        buffer.timestamp = SQL_TIMESTAMP_STRUCT{static_cast<SQLSMALLINT>(parsed->year),
                                                static_cast<SQLUSMALLINT>(parsed->month),
                                                static_cast<SQLUSMALLINT>(parsed->day),
                                                static_cast<SQLUSMALLINT>(parsed->hour),
                                                static_cast<SQLUSMALLINT>(parsed->minute),
                                                static_cast<SQLUSMALLINT>(parsed->second),
                                                parsed->nanos / 1000 * 1000};
        value = &buffer.timestamp;
        length = sizeof(buffer.timestamp);
        break;
      }
      case Kind::kNull:
        break;
    }
    buffer.indicator = length;
  }
  SQLRETURN rc = SQLBindParameter(stmt, index, SQL_PARAM_INPUT, c_type, sql_type, size, digits,
                                  value, std::max<SQLLEN>(length, 0), &buffer.indicator);
  if (!Succeeded(rc)) return StatementError(absl::StrCat("bind parameter ", index), stmt);
  return absl::OkStatus();
}

absl::Status BoundStatement::Run(SQLHSTMT stmt, std::string_view sql,
                                 const std::vector<SqlParam>& params, Clock::time_point deadline) {
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc: deadline passed before the statement ran");
  }
  if (auto prepared = Prepare(stmt, sql); !prepared.ok()) return prepared;
  return Execute(stmt, params, deadline);
}

absl::Status BoundStatement::Prepare(SQLHSTMT stmt, std::string_view sql) {
  auto wide_sql = Utf8ToUtf16(sql);
  if (!wide_sql.ok()) return wide_sql.status();
  SQLRETURN rc = SQLPrepareW(stmt, reinterpret_cast<SQLWCHAR*>(wide_sql->data()),
                             static_cast<SQLINTEGER>(wide_sql->size()));
  if (!Succeeded(rc)) return StatementError("prepare", stmt);
  return absl::OkStatus();
}

absl::Status BoundStatement::Reuse(SQLHSTMT stmt) {
  if (!Succeeded(SQLFreeStmt(stmt, SQL_CLOSE)) || !Succeeded(SQLFreeStmt(stmt, SQL_RESET_PARAMS))) {
    return StatementError("reuse prepared statement", stmt);
  }
  return absl::OkStatus();
}

absl::Status BoundStatement::Execute(SQLHSTMT stmt, const std::vector<SqlParam>& params,
                                     Clock::time_point deadline) {
  if (Clock::now() >= deadline) {
    return absl::DeadlineExceededError("odbc: deadline passed before the statement ran");
  }
  for (size_t i = 0; i < params.size(); ++i) {
    auto valid = params[i].Validate();
    if (!valid.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("parameter ", i + 1, ": ", valid.message()));
    }
  }
  SQLRETURN rc = SQLSetStmtAttr(stmt, SQL_ATTR_QUERY_TIMEOUT,
                                reinterpret_cast<SQLPOINTER>(TimeoutSeconds(deadline)), 0);
  // A driver that cannot time out statements says so with SQL_SUCCESS_WITH_INFO or HYC00; the
  // deadline is still enforced by the caller's executor.
  (void)rc;
  buffers_.assign(params.size(), Buffer{});  // never reallocated: the driver holds pointers
  for (size_t i = 0; i < params.size(); ++i) {
    auto bound = Bind(stmt, static_cast<SQLUSMALLINT>(i + 1), params[i], buffers_[i]);
    if (!bound.ok()) return bound;
  }
  rc = SQLExecute(stmt);
  if (rc == SQL_NO_DATA || Succeeded(rc)) return absl::OkStatus();
  return StatementError("execute", stmt);
}

absl::StatusOr<ResultSet> ReadResult(SQLHSTMT stmt, const ReadLimits& limits) {
  ResultSet result;
  SQLSMALLINT count = 0;
  if (!Succeeded(SQLNumResultCols(stmt, &count))) return StatementError("count columns", stmt);
  std::vector<SQLSMALLINT> types(count);
  for (SQLSMALLINT c = 1; c <= count; ++c) {
    SQLCHAR name[256] = {0};
    SQLSMALLINT name_length = 0, type = 0, digits = 0, nullable = 0;
    SQLULEN size = 0;
    SQLRETURN rc = SQLDescribeCol(stmt, static_cast<SQLUSMALLINT>(c), name, sizeof(name),
                                  &name_length, &type, &size, &digits, &nullable);
    if (!Succeeded(rc)) return StatementError(absl::StrCat("describe column ", c), stmt);
    result.columns.emplace_back(
        reinterpret_cast<const char*>(name),
        std::min<size_t>(std::max<SQLSMALLINT>(name_length, 0), sizeof(name) - 1));
    types[c - 1] = type;
  }
  for (;;) {
    SQLRETURN rc = SQLFetch(stmt);
    if (rc == SQL_NO_DATA) break;
    if (!Succeeded(rc)) return StatementError("fetch", stmt);
    if (result.rows.size() >= limits.max_rows) {
      return absl::ResourceExhaustedError(
          absl::StrCat("odbc: the result has more than ", limits.max_rows, " rows"));
    }
    Row row;
    row.reserve(count);
    for (SQLSMALLINT c = 1; c <= count; ++c) {
      auto value = ReadValue(stmt, static_cast<SQLUSMALLINT>(c), IsBinaryType(types[c - 1]),
                             limits.max_value_bytes);
      if (!value.ok()) return value.status();
      if (value->has_value()) {
        auto normal = Normalize(std::move(**value), types[c - 1], result.columns[c - 1]);
        if (!normal.ok()) return normal.status();
        row.emplace_back(std::move(*normal));
      } else {
        row.emplace_back(std::nullopt);
      }
    }
    result.rows.push_back(std::move(row));
  }
  return result;
}

}  // namespace omnihub::odbc::internal
