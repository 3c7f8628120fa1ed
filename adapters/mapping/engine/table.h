// Table: a connector-neutral tabular result (the rows of an SQL statement, the lines read from
// 3270 screens) as text, exactly as the backend gave it. The table mapper (table_mapper.h) maps it
// to canonical records with a compiled operation whose selectors are column names.
//
// Connectors fill a TableSet per call: `main` holds the operation's own statement (or the screen
// reads); `children` holds each child statement's rows by the statement's name, as declared in
// the mapping file (<statement name="lines">), for <repeated statement="lines"> groups.
//
// Thread-safety: plain values; a const Table may be read from several threads.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace omnihub::mapping::engine {

// One result set. Column names are matched case-insensitively (ASCII): SQL engines differ in the
// case they report (PostgreSQL folds to lower case, some ODBC drivers to upper case).
struct Table {
  std::vector<std::string> columns;
  // Each row has one value per column, as text exactly as the backend gave it (no trimming, no
  // conversion); std::nullopt is SQL NULL (or a 3270 field that was not read).
  std::vector<std::vector<std::optional<std::string>>> rows;

  // The index of the column named `name` (ASCII case-insensitive), or nullopt. Linear: tables
  // have few columns. When two columns differ only in case, the first wins.
  std::optional<size_t> ColumnIndex(std::string_view name) const;

  // The value at `row`, `column` (bounds are the caller's business: use ColumnIndex first).
  const std::optional<std::string>& At(size_t row, size_t column) const {
    return rows[row][column];
  }
};

// Every result set of one operation call.
struct TableSet {
  Table main;
  std::map<std::string, Table, std::less<>> children;  // by <statement name>

  // Null when no child table of that name was given.
  const Table* FindChild(std::string_view name) const {
    const auto it = children.find(name);
    return it == children.end() ? nullptr : &it->second;
  }
};

}  // namespace omnihub::mapping::engine
