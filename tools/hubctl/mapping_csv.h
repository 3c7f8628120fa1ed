// CSV text (RFC 4180) as a mapping-engine Table: how `hubctl mappings test` reads recorded SQL
// rows. The first record names the columns. Like PostgreSQL's COPY ... CSV, an empty field
// without quotes is SQL NULL and a quoted empty field ("") is the empty text; quotes inside a
// quoted field are doubled. Lines may end in LF or CRLF.
#pragma once

#include <string_view>

#include "absl/status/statusor.h"
#include "adapters/mapping/engine/table.h"

namespace omnihub::hubctl {

// Recorded result sets larger than this are refused (they are samples, not exports).
inline constexpr size_t kMaxCsvBytes = 16u << 20;

// INVALID_ARGUMENT naming the line for: no header, an empty or repeated column name, a quote
// never closed, text after a closing quote, a row whose width differs from the header, more rows
// than the table mapper accepts, a file beyond kMaxCsvBytes. (Values are checked for UTF-8 by
// the table mapper.)
absl::StatusOr<mapping::engine::Table> ParseCsvTable(std::string_view text);

}  // namespace omnihub::hubctl
