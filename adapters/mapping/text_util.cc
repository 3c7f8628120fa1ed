#include "adapters/mapping/text_util.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "adapters/sdk/utf8.h"

namespace omnihub::mapping {

std::string Quote(absl::string_view value) {
  constexpr size_t kMaxShown = 40;
  std::string out = "'";
  const bool valid = sdk::IsValidUtf8(value);
  size_t shown = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const auto c = static_cast<unsigned char>(value[i]);
    if (shown == kMaxShown) {
      absl::StrAppend(&out, "…");
      break;
    }
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && !valid)) {
      absl::StrAppendFormat(&out, "\\x%02x", c);
    } else {
      out.push_back(static_cast<char>(c));
    }
    // Continuation bytes of a valid character do not count as shown characters.
    if (!valid || (c & 0xC0) != 0x80) {
      ++shown;
      // Keep a valid character whole.
      while (valid && i + 1 < value.size() &&
             (static_cast<unsigned char>(value[i + 1]) & 0xC0) == 0x80) {
        out.push_back(value[++i]);
      }
    }
  }
  out.push_back('\'');
  return out;
}

absl::Status CheckUtf8(absl::string_view text) {
  if (sdk::IsValidUtf8(text)) return absl::OkStatus();
  // Find the first offending byte for the message: the shortest invalid prefix.
  size_t bad = 0;
  for (size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    size_t len = lead < 0x80 ? 1 : (lead & 0xE0) == 0xC0 ? 2 : (lead & 0xF0) == 0xE0 ? 3 : 4;
    if (i + len > text.size() || !sdk::IsValidUtf8(text.substr(i, len))) {
      bad = i;
      break;
    }
    i += len;
  }
  return absl::InvalidArgumentError(
      absl::StrFormat("text is not valid UTF-8 (byte 0x%02x at offset %d): %s",
                      static_cast<unsigned char>(text[bad]), bad, Quote(text)));
}

absl::StatusOr<absl::string_view> RequireText(const Value& in) {
  if (in.kind() != ValueKind::kText) {
    return absl::InvalidArgumentError(
        absl::StrCat("expects text, got ", KindName(in.kind()), " ", Quote(in.ToString())));
  }
  if (absl::Status s = CheckUtf8(in.text()); !s.ok()) return s;
  return absl::string_view(in.text());
}

size_t CodePointCount(absl::string_view text) {
  size_t n = 0;
  for (char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

size_t CodePointOffset(absl::string_view text, size_t index) {
  size_t seen = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == index) return i;
      ++seen;
    }
  }
  return text.size();
}

}  // namespace omnihub::mapping
