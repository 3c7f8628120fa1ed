// A plain-text table with aligned columns, for hubctl's readable output.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace omnihub::hubctl {

// Collects rows, then prints them with each column as wide as its widest cell (in UTF-8 code
// points, so "£" counts once). Rows shorter than the header are padded with empty cells.
class Table {
 public:
  explicit Table(std::vector<std::string> headers);

  void AddRow(std::vector<std::string> cells);
  bool empty() const { return rows_.empty(); }

  // Prints the header, then the rows, each line indented by `indent` spaces.
  void Print(std::ostream& out, int indent = 2) const;

 private:
  std::vector<std::string> headers_;
  std::vector<std::vector<std::string>> rows_;
};

// The width of `text` on a terminal, counted in UTF-8 code points.
size_t DisplayWidth(const std::string& text);

}  // namespace omnihub::hubctl
