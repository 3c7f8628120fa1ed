#include "hub/config/secrets.h"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"

namespace omnihub::hub {
namespace {

constexpr size_t kMaxSecretFileBytes = 64 * 1024;

}  // namespace

bool IsSecretKey(std::string_view key) {
  const std::string lower = absl::AsciiStrToLower(absl::string_view(key.data(), key.size()));
  return absl::EndsWith(lower, "password") || absl::EndsWith(lower, "secret") ||
         absl::EndsWith(lower, "token");
}

absl::StatusOr<std::string> ReadValueFromEnv(const std::string& variable) {
  const char* value = std::getenv(variable.c_str());
  if (value == nullptr) {
    return absl::NotFoundError(absl::StrCat("environment variable ", variable, " is not set"));
  }
  if (*value == '\0') {
    return absl::NotFoundError(absl::StrCat("environment variable ", variable, " is empty"));
  }
  return std::string(value);
}

absl::StatusOr<std::string> ReadValueFromFile(const std::string& path,
                                              const std::string& base_directory) {
  const std::string full =
      (path.empty() || path.front() == '/') ? path : absl::StrCat(base_directory, "/", path);
  std::ifstream in(full, std::ios::binary);
  if (!in) {
    const int error = errno;
    return absl::NotFoundError(
        absl::StrCat("cannot read file '", full, "': ", std::strerror(error)));
  }
  std::string content;
  content.resize(kMaxSecretFileBytes + 1);
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  content.resize(static_cast<size_t>(in.gcount()));
  if (content.size() > kMaxSecretFileBytes) {
    return absl::FailedPreconditionError(
        absl::StrCat("file '", full, "' is larger than 64 KiB; is it the right file?"));
  }
  if (absl::EndsWith(content, "\n")) content.pop_back();
  if (absl::EndsWith(content, "\r")) content.pop_back();
  if (content.empty()) {
    return absl::FailedPreconditionError(absl::StrCat("file '", full, "' is empty"));
  }
  return content;
}

}  // namespace omnihub::hub
