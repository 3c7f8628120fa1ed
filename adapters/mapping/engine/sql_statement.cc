#include "adapters/mapping/engine/sql_statement.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {
namespace {

bool IsBlank(std::string_view text) {
  for (const char c : text) {
    if (!absl::ascii_isspace(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Skips a comment starting at `i` ("--" or "/*"); returns the index after it, or npos when a
// block comment is not closed.
size_t SkipComment(std::string_view sql, size_t i) {
  if (sql[i] == '-') {
    const size_t end = sql.find('\n', i);
    return end == std::string_view::npos ? sql.size() : end + 1;
  }
  const size_t end = sql.find("*/", i + 2);
  return end == std::string_view::npos ? std::string_view::npos : end + 2;
}

}  // namespace

absl::StatusOr<size_t> CountSqlParameters(std::string_view sql) {
  if (IsBlank(sql)) return absl::InvalidArgumentError("the SQL text is empty");
  size_t markers = 0;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    const char next = i + 1 < sql.size() ? sql[i + 1] : '\0';
    if (c == '\'' || c == '"') {
      // A literal or a quoted identifier; a doubled quote inside is an escaped quote.
      size_t j = i + 1;
      while (true) {
        j = sql.find(c, j);
        if (j == std::string_view::npos) {
          return absl::InvalidArgumentError(absl::StrCat(
              "the SQL text has an unclosed ", c == '\'' ? "string literal (')" : "quoted name (\")",
              " starting at character ", i + 1));
        }
        if (j + 1 < sql.size() && sql[j + 1] == c) {
          j += 2;
          continue;
        }
        break;
      }
      i = j + 1;
      continue;
    }
    if ((c == '-' && next == '-') || (c == '/' && next == '*')) {
      i = SkipComment(sql, i);
      if (i == std::string_view::npos) {
        return absl::InvalidArgumentError("the SQL text has an unclosed /* comment");
      }
      continue;
    }
    if (c == '?') {
      if (absl::ascii_isdigit(static_cast<unsigned char>(next))) {
        return absl::InvalidArgumentError(
            absl::StrCat("numbered parameter markers (?", std::string(1, next),
                         "...) are not used: write a plain ? per <param>, in order"));
      }
      ++markers;
    } else if (c == '$' && absl::ascii_isdigit(static_cast<unsigned char>(next))) {
      return absl::InvalidArgumentError(
          "numbered parameter markers ($1...) are not used: write a plain ? per <param>, in "
          "order (the connector binds them for every dialect)");
    } else if (c == ':' && absl::ascii_isalpha(static_cast<unsigned char>(next)) &&
               (i == 0 || sql[i - 1] != ':')) {
      return absl::InvalidArgumentError(
          "named parameter markers (:name) are not used: write a plain ? per <param>, in order");
    } else if (c == '{') {
      const size_t close = sql.find('}', i);
      const std::string inside(
          sql.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1));
      return absl::InvalidArgumentError(absl::StrCat(
          "the SQL text contains '{", inside,
          close == std::string_view::npos ? "" : "}",
          "': SQL text is static and values are never spliced into it; write ? where the value "
          "goes and add <param name=\"",
          inside.empty() ? std::string("...") : inside, "\"/> in its place in the parameter list"));
    } else if (c == ';') {
      if (!IsBlank(sql.substr(i + 1))) {
        return absl::InvalidArgumentError(
            "the SQL text holds more than one statement (text after ';'): one statement per "
            "<sql>; use a <statement> for another query");
      }
    }
    ++i;
  }
  return markers;
}

}  // namespace omnihub::mapping::engine
