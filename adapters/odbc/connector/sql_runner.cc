#include "adapters/odbc/connector/sql_runner.h"

#include "absl/strings/str_cat.h"

namespace omnihub::odbc {
namespace {

using mapping::engine::SqlStatement;
using mapping::engine::Table;

SqlParam Bind(const std::optional<std::string>& value) {
  return value ? SqlParam::Text(*value) : SqlParam::Null();
}

absl::Status Named(absl::Status status, const mapping::engine::CompiledOperation& operation,
                   const SqlStatement& statement) {
  return absl::Status(status.code(),
                      absl::StrCat(operation.name, statement.name.empty() ? "" : " statement ",
                                   statement.name, ": ", status.message()));
}

absl::Status RunInto(Connection& connection, const std::string& sql,
                     const std::vector<SqlParam>& params, Clock::time_point deadline,
                     Table& table) {
  auto result = connection.Query(sql, params, deadline);
  if (!result.ok()) return result.status();
  if (table.columns.empty()) table.columns = std::move(result->columns);
  for (auto& row : result->rows) table.rows.push_back(std::move(row));
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<int64_t> RunSqlWrite(Connection& connection,
                                    const mapping::engine::CompiledOperation& operation,
                                    std::string_view dialect, const OperationParams& params,
                                    Clock::time_point deadline) {
  const SqlStatement& main = operation.sql.main;
  std::vector<SqlParam> bound;
  for (const auto& param : main.params) {
    auto it = params.find(param.name);
    bound.push_back(it == params.end() ? SqlParam::Null() : Bind(it->second));
  }
  auto affected = connection.Execute(main.SqlFor(dialect), bound, deadline);
  if (!affected.ok()) return Named(affected.status(), operation, main);
  return affected;
}

absl::StatusOr<mapping::engine::TableSet> RunSqlOperation(
    Connection& connection, const mapping::engine::CompiledOperation& operation,
    std::string_view dialect, const OperationParams& params, Clock::time_point deadline) {
  mapping::engine::TableSet tables;
  const SqlStatement& main = operation.sql.main;
  std::vector<SqlParam> bound;
  for (const auto& param : main.params) {
    auto it = params.find(param.name);
    bound.push_back(it == params.end() ? SqlParam::Null() : Bind(it->second));
  }
  auto ran = RunInto(connection, main.SqlFor(dialect), bound, deadline, tables.main);
  if (!ran.ok()) return Named(ran, operation, main);

  for (const SqlStatement& child : operation.sql.children) {
    Table& table = tables.children[child.name];
    if (!child.per_parent_row()) {
      bound.clear();
      for (const auto& param : child.params) {
        auto it = params.find(param.name);
        bound.push_back(it == params.end() ? SqlParam::Null() : Bind(it->second));
      }
      ran = RunInto(connection, child.SqlFor(dialect), bound, deadline, table);
      if (!ran.ok()) return Named(ran, operation, child);
      continue;
    }
    for (const auto& row : tables.main.rows) {
      bound.clear();
      for (const auto& param : child.params) {
        if (param.column.empty()) {
          auto it = params.find(param.name);
          bound.push_back(it == params.end() ? SqlParam::Null() : Bind(it->second));
          continue;
        }
        auto column = tables.main.ColumnIndex(param.column);
        if (!column) {
          return absl::InvalidArgumentError(absl::StrCat(operation.name, " statement ", child.name,
                                                         ": the main statement has no column '",
                                                         param.column, "'"));
        }
        bound.push_back(Bind(row[*column]));
      }
      ran = RunInto(connection, child.SqlFor(dialect), bound, deadline, table);
      if (!ran.ok()) return Named(ran, operation, child);
    }
  }
  return tables;
}

}  // namespace omnihub::odbc
