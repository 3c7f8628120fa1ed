#include "hub/api/page_token.h"

#include <charconv>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_split.h"

namespace omnihub::hub {
namespace {

constexpr size_t kMaxOffset = 100000;

std::string Fingerprint(absl::string_view query) {
  uint64_t hash = 0xcbf29ce484222325ULL;
  for (char c : query) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return absl::StrFormat("%016x", hash);
}

}  // namespace

std::string EncodePageToken(size_t offset, absl::string_view query) {
  return absl::WebSafeBase64Escape(absl::StrCat("p1:", offset, ":", Fingerprint(query)));
}

absl::StatusOr<size_t> DecodePageToken(absl::string_view token, absl::string_view query) {
  if (token.empty()) return 0;
  std::string plain;
  if (token.size() > 128 || !absl::WebSafeBase64Unescape(token, &plain)) {
    return absl::InvalidArgumentError("is not a page token issued by this service");
  }
  std::vector<absl::string_view> parts = absl::StrSplit(plain, ':');
  size_t offset = 0;
  if (parts.size() != 3 || parts[0] != "p1" ||
      std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), offset).ec !=
          std::errc() ||
      offset > kMaxOffset) {
    return absl::InvalidArgumentError("is not a page token issued by this service");
  }
  if (parts[2] != Fingerprint(query)) {
    return absl::InvalidArgumentError(
        "belongs to a different query; repeat the request with the same parameters");
  }
  return offset;
}

absl::StatusOr<int> PageSize(int32_t requested, int fallback) {
  if (requested < 0 || requested > 100) {
    return absl::InvalidArgumentError(
        absl::StrCat("must be between 0 and 100 (0 = default), got ", requested));
  }
  return requested == 0 ? fallback : requested;
}

}  // namespace omnihub::hub
