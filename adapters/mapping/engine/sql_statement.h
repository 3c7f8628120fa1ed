// The SQL side of connector="odbc": the statements an operation runs, compiled from its <request>.
//
// SQL text is static: a value only ever reaches the database as a bound parameter (`?` markers,
// bound in the order of the <param> list), never spliced into the text. The compiler refuses
// `{placeholders}`, more than one statement and a `?` count that differs from the <param> count.
//
// Contract for the connector (adapters/odbc):
//   - Bind every parameter as text (SQL_C_CHAR). A request parameter the caller did not give
//     (no page_size, say) is bound as NULL; write the SQL so that NULL means "no limit"
//     (e.g. `LIMIT COALESCE(CAST(? AS INTEGER), 50)`).
//   - Run `main` with the operation's request parameters; its rows become TableSet::main.
//   - Each child statement fills TableSet::children[child.name]:
//       * per_parent_row() == false (its params name only request parameters): run it once;
//         it selects the children of every parent row at once (a JOIN on the parent's filter),
//         and the table mapper joins rows to parents on the declared key columns;
//       * per_parent_row() == true (some param names a column of the main statement): run it
//         once per row of `main`, binding that row's column values, and append all the rows
//         into one Table (same join afterwards). Simple, but one round trip per parent row.
//   - Text exactly as the driver returns it goes into the Table (NULL = nullopt).
//
// Thread-safety: immutable after compilation.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace omnihub::mapping::engine {

// Dialect names a <sql dialect="..."> variant may have.
inline constexpr std::string_view kSqlDialects[] = {"sqlite", "postgresql"};

// One `?` marker's value. Exactly one of `name` and `column` is set.
struct SqlParam {
  std::string name;    // a request parameter of the operation: "account_id"
  std::string column;  // (child statements) a column of the main statement's current row
};

struct SqlStatement {
  std::string name;  // "" for the operation's main statement, else <statement name="lines">
  std::string sql;   // the default text
  std::map<std::string, std::string, std::less<>> dialects;  // "postgresql" -> its variant
  std::vector<SqlParam> params;                              // in `?` order

  // The text to run on `dialect` ("sqlite", "postgresql"): its variant when the mapping declares
  // one, else the default text.
  const std::string& SqlFor(std::string_view dialect) const {
    const auto it = dialects.find(dialect);
    return it == dialects.end() ? sql : it->second;
  }

  // True when some parameter names a column of the main statement (see the contract above).
  bool per_parent_row() const {
    for (const SqlParam& p : params) {
      if (!p.column.empty()) return true;
    }
    return false;
  }
};

// Everything an odbc operation runs. Empty (`main.sql` empty) for other connectors.
struct SqlRequest {
  SqlStatement main;
  std::vector<SqlStatement> children;  // <statement name="..."> in file order

  // Null when no child statement has that name.
  const SqlStatement* FindChild(std::string_view name) const {
    for (const SqlStatement& s : children) {
      if (s.name == name) return &s;
    }
    return nullptr;
  }
};

// The number of `?` parameter markers in `sql`, counting neither those inside string literals
// ('it''s ?'), quoted identifiers ("a?b") nor comments (-- ?, /* ? */). INVALID_ARGUMENT, in the
// architect's words, for text that is not one static statement: empty text, an unclosed quote or
// comment, a `;` followed by more SQL, a `{placeholder}` outside a literal (values go through
// `?` and <param>, never into the text), numbered or named markers ($1, :name, ?1).
absl::StatusOr<size_t> CountSqlParameters(std::string_view sql);

}  // namespace omnihub::mapping::engine
