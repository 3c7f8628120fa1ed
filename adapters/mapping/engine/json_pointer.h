// JsonPointer: an RFC 6901 JSON Pointer ("/line_items/0/sku", "~1" for '/', "~0" for '~'),
// parsed once when a mapping is compiled and evaluated against simdjson DOM elements.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "simdjson.h"

namespace omnihub::mapping::engine {

// Immutable after Parse; Evaluate is thread-safe.
class JsonPointer {
 public:
  JsonPointer() = default;  // "" : the whole document

  // INVALID_ARGUMENT in the architect's words for anything RFC 6901 refuses:
  //   JSON Pointer 'email' must start with '/' (write '/email')
  //   JSON Pointer '/a~2b': '~' must be followed by 0 (for '~') or 1 (for '/')
  static absl::StatusOr<JsonPointer> Parse(std::string_view text);

  // The element the pointer names, or nullopt when any step is missing (absent key, index past
  // the end, a step into a scalar). Array steps take decimal indexes without leading zeros.
  std::optional<simdjson::dom::element> Evaluate(simdjson::dom::element root) const;

  const std::string& text() const { return text_; }
  bool is_root() const { return tokens_.empty(); }

 private:
  std::string text_;
  std::vector<std::string> tokens_;  // unescaped reference tokens
};

}  // namespace omnihub::mapping::engine
