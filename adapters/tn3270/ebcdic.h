// EBCDIC code pages 037 (US/Canada, the default), 1047 (Latin-1 open systems) and 285 (UK) to and
// from Unicode (UTF-8 std::string).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "adapters/tn3270/bytes.h"

namespace omnihub::tn3270 {

enum class CodePage { kCp037, kCp1047, kCp285 };

// "037"/"cp037"/"IBM-037", "1047", "285" (case-insensitive); nullopt for anything else.
std::optional<CodePage> ParseCodePage(std::string_view name);
std::string_view CodePageName(CodePage code_page);
// The IBM code page number (37, 1047, 285), as reported in a Query Reply (Character Sets).
std::uint16_t CodePageNumber(CodePage code_page);

// Translates one code page, table-driven. Every EBCDIC byte maps to a Unicode code point (the
// tables are bijective on 0x00-0xFF); Unicode characters absent from the code page, and invalid
// UTF-8, become kSubstitute (EBCDIC SUB). Never undefined behaviour on any input.
// Immutable after construction: safe to share between threads.
class EbcdicCodec {
 public:
  static constexpr std::uint8_t kSubstitute = 0x3F;  // EBCDIC SUB

  explicit EbcdicCodec(CodePage code_page = CodePage::kCp037);

  CodePage code_page() const { return code_page_; }

  char32_t ToUnicode(std::uint8_t ebcdic) const;
  // kSubstitute when `code_point` has no position in this code page.
  std::uint8_t FromUnicode(char32_t code_point) const;

  std::string ToUtf8(ByteView ebcdic) const;
  Bytes FromUtf8(std::string_view utf8) const;

 private:
  CodePage code_page_;
  const std::array<char16_t, 256>* to_unicode_;
  std::array<std::pair<char16_t, std::uint8_t>, 256> from_unicode_;  // sorted by code point
};

// Appends `code_point` to `out` as UTF-8 (U+FFFD for invalid code points).
void AppendUtf8(char32_t code_point, std::string& out);
// Decodes the next code point of `utf8` at `pos` (advancing it); U+FFFD for an invalid sequence.
char32_t NextUtf8(std::string_view utf8, std::size_t& pos);

}  // namespace omnihub::tn3270
