#include "adapters/tn3270/ebcdic.h"

#include <algorithm>
#include <cctype>

#include "adapters/tn3270/ebcdic_tables.h"

namespace omnihub::tn3270 {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<CodePage> ParseCodePage(std::string_view name) {
  std::string n = Lower(name);
  for (std::string_view prefix : {"ibm-", "ibm", "cp"}) {
    if (n.starts_with(prefix)) {
      n.erase(0, prefix.size());
      break;
    }
  }
  while (n.size() > 1 && n.front() == '0') n.erase(0, 1);
  if (n == "37") return CodePage::kCp037;
  if (n == "1047") return CodePage::kCp1047;
  if (n == "285") return CodePage::kCp285;
  return std::nullopt;
}

std::string_view CodePageName(CodePage code_page) {
  switch (code_page) {
    case CodePage::kCp037:
      return "037";
    case CodePage::kCp1047:
      return "1047";
    case CodePage::kCp285:
      return "285";
  }
  return "037";
}

std::uint16_t CodePageNumber(CodePage code_page) {
  switch (code_page) {
    case CodePage::kCp037:
      return 37;
    case CodePage::kCp1047:
      return 1047;
    case CodePage::kCp285:
      return 285;
  }
  return 37;
}

EbcdicCodec::EbcdicCodec(CodePage code_page) : code_page_(code_page) {
  switch (code_page) {
    case CodePage::kCp1047:
      to_unicode_ = &internal::kCp1047;
      break;
    case CodePage::kCp285:
      to_unicode_ = &internal::kCp285;
      break;
    case CodePage::kCp037:
    default:
      to_unicode_ = &internal::kCp037;
      break;
  }
  for (int i = 0; i < 256; ++i) {
    from_unicode_[i] = {(*to_unicode_)[i], static_cast<std::uint8_t>(i)};
  }
  std::sort(from_unicode_.begin(), from_unicode_.end());
}

char32_t EbcdicCodec::ToUnicode(std::uint8_t ebcdic) const { return (*to_unicode_)[ebcdic]; }

std::uint8_t EbcdicCodec::FromUnicode(char32_t code_point) const {
  if (code_point > 0xFFFF) return kSubstitute;
  const auto key = static_cast<char16_t>(code_point);
  auto it = std::lower_bound(from_unicode_.begin(), from_unicode_.end(), key,
                             [](const auto& entry, char16_t k) { return entry.first < k; });
  if (it == from_unicode_.end() || it->first != key) return kSubstitute;
  return it->second;
}

std::string EbcdicCodec::ToUtf8(ByteView ebcdic) const {
  std::string out;
  out.reserve(ebcdic.size());
  for (std::uint8_t b : ebcdic) AppendUtf8(ToUnicode(b), out);
  return out;
}

Bytes EbcdicCodec::FromUtf8(std::string_view utf8) const {
  Bytes out;
  out.reserve(utf8.size());
  std::size_t pos = 0;
  while (pos < utf8.size()) out.push_back(FromUnicode(NextUtf8(utf8, pos)));
  return out;
}

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t NextUtf8(std::string_view utf8, std::size_t& pos) {
  constexpr char32_t kReplacement = 0xFFFD;
  const auto lead = static_cast<unsigned char>(utf8[pos++]);
  if (lead < 0x80) return lead;
  int extra = 0;
  char32_t cp = 0;
  char32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    extra = 1, cp = lead & 0x1F, min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    extra = 2, cp = lead & 0x0F, min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    extra = 3, cp = lead & 0x07, min = 0x10000;
  } else {
    return kReplacement;
  }
  for (int i = 0; i < extra; ++i) {
    if (pos >= utf8.size()) return kReplacement;
    const auto c = static_cast<unsigned char>(utf8[pos]);
    if ((c & 0xC0) != 0x80) return kReplacement;
    cp = (cp << 6) | (c & 0x3F);
    ++pos;
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return kReplacement;
  return cp;
}

}  // namespace omnihub::tn3270
