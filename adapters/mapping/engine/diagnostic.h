// Diagnostic: one problem found in a mapping file, located as file:line:column and worded for the
// architect who wrote the file (not for a programmer).
#pragma once

#include <string>
#include <vector>

namespace omnihub::mapping::engine {

struct Diagnostic {
  std::string file;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based; 0 when unknown
  std::string message;

  // "systems/ecommerce.xml:12:7: unknown canonical field customer.emial — did you mean
  // customer.email?" (":0:0" parts are left out when unknown).
  std::string ToString() const;
};

// Every diagnostic on its own line, in file order.
std::string FormatDiagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace omnihub::mapping::engine
