// Text helpers shared by the transforms: quoting values in error messages, the UTF-8 and
// kind checks every text transform starts with, code-point counting. Internal to the library.
#pragma once

#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "absl/strings/string_view.h"
#include "adapters/mapping/value.h"

namespace omnihub::mapping {

// 'value' for an error message: at most 40 characters (then "…"), control and non-UTF-8 bytes
// escaped (\xff), so a message never carries raw binary or a whole record.
std::string Quote(absl::string_view value);

// OK when `text` is well-formed UTF-8, else INVALID_ARGUMENT naming the first bad byte's offset.
absl::Status CheckUtf8(absl::string_view text);

// The text of `in` after CheckUtf8, or INVALID_ARGUMENT "expects text, got <kind>". `in` must not
// be null (callers pass nulls through first).
absl::StatusOr<absl::string_view> RequireText(const Value& in);

// Number of code points in well-formed UTF-8.
size_t CodePointCount(absl::string_view text);
// Byte offset of code point `index` (clamped to text.size()).
size_t CodePointOffset(absl::string_view text, size_t index);

// Inline: the text transforms ask it for every character.
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace omnihub::mapping
