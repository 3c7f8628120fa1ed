#include "adapters/mapping/engine/diagnostic.h"

#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {

std::string Diagnostic::ToString() const {
  std::string out = file;
  if (line > 0) {
    absl::StrAppend(&out, ":", line);
    if (column > 0) absl::StrAppend(&out, ":", column);
  }
  absl::StrAppend(&out, ": ", message);
  return out;
}

std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const Diagnostic& d : diagnostics) absl::StrAppend(&out, d.ToString(), "\n");
  return out;
}

}  // namespace omnihub::mapping::engine
