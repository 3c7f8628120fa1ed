#include "adapters/sdk/search.h"

#include "absl/strings/str_cat.h"
#include "adapters/sdk/utf8.h"

namespace omnihub::sdk {
namespace {

size_t Characters(absl::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

absl::Status CheckText(absl::string_view system, absl::string_view field, absl::string_view text,
                       size_t max_characters, bool required) {
  if (text.empty()) {
    if (!required) return absl::OkStatus();
    return absl::InvalidArgumentError(absl::StrCat(system, ": search ", field, " is required"));
  }
  if (!IsValidUtf8(text)) {
    return absl::InvalidArgumentError(
        absl::StrCat(system, ": search ", field, " is not valid UTF-8"));
  }
  const size_t characters = Characters(text);
  if (characters > max_characters) {
    return absl::InvalidArgumentError(absl::StrCat(system, ": search ", field, " has ", characters,
                                                   " characters; at most ", max_characters,
                                                   " are allowed"));
  }
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7F) {
      return absl::InvalidArgumentError(absl::StrCat(system, ": search ", field,
                                                     " holds a control character (0x",
                                                     absl::Hex(c, absl::kZeroPad2), ")"));
    }
  }
  if (text.find_first_not_of(' ') == absl::string_view::npos) {
    return absl::InvalidArgumentError(absl::StrCat(system, ": search ", field, " is blank"));
  }
  return absl::OkStatus();
}

}  // namespace

absl::Status ValidateSearchRequest(const SearchRequest& request, absl::string_view system) {
  if (auto status = CheckText(system, "surname", request.surname, kMaxSearchSurname, true);
      !status.ok()) {
    return status;
  }
  if (auto status =
          CheckText(system, "postal_code", request.postal_code, kMaxSearchPostalCode, false);
      !status.ok()) {
    return status;
  }
  if (request.limit < 1 || request.limit > kMaxSearchLimit) {
    return absl::InvalidArgumentError(absl::StrCat(system, ": search limit must be 1 to ",
                                                   kMaxSearchLimit, ", got ", request.limit));
  }
  return absl::OkStatus();
}

}  // namespace omnihub::sdk
