#include "adapters/odbc/diagnostics.h"

#include <sqlext.h>

#include <algorithm>
#include <cctype>

#include "absl/strings/str_cat.h"
#include "adapters/odbc/value.h"

namespace omnihub::odbc {
namespace {

bool StartsWith(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// Is `lower[at]` the start of a key (not the tail of a longer word)?
bool AtKeyStart(const std::string& lower, size_t at) {
  if (at == 0) return true;
  unsigned char before = static_cast<unsigned char>(lower[at - 1]);
  return !std::isalnum(before) && before != '_';
}

}  // namespace

std::vector<DiagnosticRecord> ReadDiagnostics(SQLSMALLINT handle_type, SQLHANDLE handle) {
  std::vector<DiagnosticRecord> records;
  if (handle == SQL_NULL_HANDLE) return records;
  for (SQLSMALLINT index = 1; index <= 8; ++index) {
    SQLCHAR state[6] = {0};
    SQLINTEGER native = 0;
    SQLCHAR message[2048] = {0};
    SQLSMALLINT length = 0;
    SQLRETURN rc = SQLGetDiagRec(handle_type, handle, index, state, &native, message,
                                 sizeof(message), &length);
    if (rc != SQL_SUCCESS && rc != SQL_SUCCESS_WITH_INFO) break;
    size_t size = std::min<size_t>(std::max<SQLSMALLINT>(length, 0), sizeof(message) - 1);
    std::string text(reinterpret_cast<const char*>(message), size);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    records.push_back(DiagnosticRecord{std::string(reinterpret_cast<const char*>(state), 5), native,
                                       RedactCredentials(text)});
  }
  return records;
}

absl::StatusCode CodeForSqlState(std::string_view sqlstate) {
  using absl::StatusCode;
  if (sqlstate.size() != 5) return StatusCode::kUnknown;
  if (IsConnectionLost(sqlstate)) return StatusCode::kUnavailable;
  if (sqlstate == "HYT00" || sqlstate == "HYT01" || sqlstate == "57014") {
    return StatusCode::kDeadlineExceeded;
  }
  if (sqlstate == "HY008") return StatusCode::kCancelled;
  if (sqlstate == "HY001") return StatusCode::kResourceExhausted;
  if (sqlstate == "42501") return StatusCode::kPermissionDenied;
  if (sqlstate == "23505") return StatusCode::kAlreadyExists;
  if (sqlstate == "40001" || sqlstate == "40P01") return StatusCode::kAborted;
  if (StartsWith(sqlstate, "28")) return StatusCode::kUnauthenticated;
  if (StartsWith(sqlstate, "23")) return StatusCode::kFailedPrecondition;
  if (StartsWith(sqlstate, "42") || StartsWith(sqlstate, "22") || StartsWith(sqlstate, "07")) {
    return StatusCode::kInvalidArgument;
  }
  if (StartsWith(sqlstate, "IM")) return StatusCode::kFailedPrecondition;
  return StatusCode::kUnknown;
}

bool IsConnectionLost(std::string_view sqlstate) {
  return StartsWith(sqlstate, "08") || sqlstate == "57P01" || sqlstate == "57P02" ||
         sqlstate == "57P03";
}

absl::Status StatusFromRecords(std::string_view what,
                               const std::vector<DiagnosticRecord>& records) {
  if (records.empty()) {
    return absl::InternalError(absl::StrCat("odbc ", Absl(what), ": failed without a diagnostic"));
  }
  // Warnings (01xxx) may come first; the error that decides the code follows them.
  const DiagnosticRecord* first = &records.front();
  for (const auto& record : records) {
    if (!StartsWith(record.sqlstate, "01")) {
      first = &record;
      break;
    }
  }
  absl::StatusCode code = CodeForSqlState(first->sqlstate);
  if (code == absl::StatusCode::kUnknown) {
    // SQLite's driver: HY000 with SQLite's own text.
    std::string lower = Lower(first->message);
    if (lower.find("unique constraint") != std::string::npos ||
        lower.find("is not unique") != std::string::npos) {
      code = absl::StatusCode::kAlreadyExists;
    } else if (lower.find("constraint failed") != std::string::npos) {
      code = absl::StatusCode::kFailedPrecondition;
    } else if (lower.find("syntax error") != std::string::npos ||
               lower.find("no such table") != std::string::npos ||
               lower.find("no such column") != std::string::npos) {
      code = absl::StatusCode::kInvalidArgument;
    } else if (lower.find("can't open lib") != std::string::npos ||
               lower.find("data source name not found") != std::string::npos) {
      code = absl::StatusCode::kFailedPrecondition;  // configuration: driver or DSN missing
    } else if (lower.find("database is locked") != std::string::npos) {
      code = absl::StatusCode::kUnavailable;
    } else if (lower.find("no connection to the server") != std::string::npos ||
               lower.find("server closed the connection") != std::string::npos ||
               lower.find("could not send data") != std::string::npos) {
      code = absl::StatusCode::kUnavailable;
    }
  }
  std::string message = absl::StrCat("odbc ", Absl(what), ": ");
  for (size_t i = 0; i < records.size(); ++i) {
    if (i > 0) message += "; ";
    absl::StrAppend(&message, "[SQLSTATE ", records[i].sqlstate, ", native ",
                    records[i].native_code, "] ", records[i].message);
  }
  return absl::Status(code, message);
}

absl::Status StatusFromHandle(std::string_view what, SQLSMALLINT handle_type, SQLHANDLE handle) {
  return StatusFromRecords(what, ReadDiagnostics(handle_type, handle));
}

std::string RedactCredentials(std::string_view text) {
  static constexpr std::string_view kKeys[] = {"password", "pwd"};
  std::string out(text);
  std::string lower = Lower(out);
  for (std::string_view key : kKeys) {
    size_t from = 0;
    while ((from = lower.find(key, from)) != std::string::npos) {
      size_t at = from;
      size_t cursor = at + key.size();
      from = cursor;
      if (!AtKeyStart(lower, at)) continue;
      while (cursor < lower.size() && lower[cursor] == ' ') ++cursor;
      if (cursor >= lower.size() || (lower[cursor] != '=' && lower[cursor] != ':')) continue;
      ++cursor;
      while (cursor < lower.size() && lower[cursor] == ' ') ++cursor;
      size_t end = cursor;
      if (end < lower.size() && lower[end] == '{') {
        end = lower.find('}', end);
        end = end == std::string::npos ? lower.size() : end + 1;
      } else if (end < lower.size() && (lower[end] == '\'' || lower[end] == '"')) {
        size_t close = lower.find(lower[end], end + 1);
        end = close == std::string::npos ? lower.size() : close + 1;
      } else {
        while (end < lower.size() && lower[end] != ';' && lower[end] != ' ' && lower[end] != '\n') {
          ++end;
        }
      }
      out.replace(cursor, end - cursor, "***");
      lower.replace(cursor, end - cursor, "***");
      from = cursor + 3;
    }
  }
  return out;
}

}  // namespace omnihub::odbc
