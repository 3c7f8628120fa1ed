#include "tools/hubctl/mapping_csv.h"

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "adapters/mapping/engine/table_mapper.h"

namespace omnihub::hubctl {
namespace {

using Record = std::vector<std::optional<std::string>>;

// Reads one record starting at `pos`; advances `pos` past its line end and `line` by the lines
// it spans (a quoted field may hold line breaks).
absl::StatusOr<Record> ReadRecord(std::string_view text, size_t& pos, int& line) {
  Record record;
  const int first_line = line;
  while (true) {
    std::optional<std::string> field;
    if (pos < text.size() && text[pos] == '"') {
      std::string value;
      ++pos;
      while (true) {
        if (pos >= text.size()) {
          return absl::InvalidArgumentError(
              absl::StrCat("line ", first_line, ": a quoted field is never closed"));
        }
        const char c = text[pos++];
        if (c == '"') {
          if (pos < text.size() && text[pos] == '"') {
            value.push_back('"');
            ++pos;
            continue;
          }
          break;
        }
        if (c == '\n') ++line;
        value.push_back(c);
      }
      if (pos < text.size() && text[pos] != ',' && text[pos] != '\n' && text[pos] != '\r') {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line, ": text after a closing quote (write a quote inside a field as \"\")"));
      }
      field = std::move(value);
    } else {
      const size_t end = text.find_first_of(",\r\n", pos);
      const std::string_view raw =
          text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      if (raw.find('"') != std::string_view::npos) {
        return absl::InvalidArgumentError(absl::StrCat(
            "line ", line, ": a quote inside an unquoted field (quote the whole field)"));
      }
      if (!raw.empty()) field = std::string(raw);
      pos = end == std::string_view::npos ? text.size() : end;
    }
    record.push_back(std::move(field));
    if (pos < text.size() && text[pos] == ',') {
      ++pos;
      continue;
    }
    if (pos < text.size() && text[pos] == '\r') ++pos;
    if (pos < text.size() && text[pos] == '\n') ++pos;
    ++line;
    return record;
  }
}

}  // namespace

absl::StatusOr<mapping::engine::Table> ParseCsvTable(std::string_view text) {
  if (text.size() > kMaxCsvBytes) {
    return absl::InvalidArgumentError(absl::StrCat(
        "the file is ", text.size(), " bytes; recorded rows are at most ", kMaxCsvBytes, " bytes"));
  }
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // a spreadsheet's BOM
  mapping::engine::Table table;
  size_t pos = 0;
  int line = 1;
  if (text.empty()) {
    return absl::InvalidArgumentError("line 1: no header line naming the columns");
  }
  absl::StatusOr<Record> header = ReadRecord(text, pos, line);
  if (!header.ok()) return header.status();
  std::set<std::string> seen;
  for (size_t i = 0; i < header->size(); ++i) {
    const std::optional<std::string>& name = (*header)[i];
    const std::string trimmed(absl::StripAsciiWhitespace(name.value_or("")));
    if (trimmed.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("line 1: column ", i + 1, " of the header has no name"));
    }
    if (!seen.insert(absl::AsciiStrToLower(trimmed)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("line 1: column '", trimmed, "' is named twice"));
    }
    table.columns.push_back(trimmed);
  }
  while (pos < text.size()) {
    const int row_line = line;
    absl::StatusOr<Record> record = ReadRecord(text, pos, line);
    if (!record.ok()) return record.status();
    // A blank line (one NULL field) at the end of the file is not a row.
    if (record->size() == 1 && !(*record)[0] && table.columns.size() > 1) continue;
    if (record->size() != table.columns.size()) {
      return absl::InvalidArgumentError(absl::StrCat("line ", row_line, ": ", record->size(),
                                                     " fields, but the header names ",
                                                     table.columns.size(), " columns"));
    }
    if (table.rows.size() >= mapping::engine::kMaxTableRows) {
      return absl::InvalidArgumentError(
          absl::StrCat("line ", row_line, ": more than ", mapping::engine::kMaxTableRows, " rows"));
    }
    table.rows.push_back(*std::move(record));
  }
  return table;
}

}  // namespace omnihub::hubctl
