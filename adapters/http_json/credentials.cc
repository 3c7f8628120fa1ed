#include "adapters/http_json/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace omnihub::http_json {
namespace {

constexpr size_t kMaxSecretBytes = 64 * 1024;

absl::StatusOr<std::string> ReadSecretFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError(absl::StrCat("cannot read the file ", path));
  std::string text;
  text.resize(kMaxSecretBytes + 1);
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxSecretBytes) {
    return absl::InvalidArgumentError(absl::StrCat("the file ", path, " is larger than 64 KiB"));
  }
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

absl::StatusOr<http::HeaderList> ResolveCredentials(
    const std::vector<mapping::engine::CredentialRef>& credentials) {
  http::HeaderList headers;
  for (const auto& credential : credentials) {
    std::string value;
    std::string where;
    if (!credential.env.empty()) {
      where = "environment variable " + credential.env;
      const char* text = std::getenv(credential.env.c_str());
      if (text != nullptr) value = text;
    } else {
      where = "file " + credential.file;
      auto text = ReadSecretFile(credential.file);
      if (!text.ok()) {
        return absl::InvalidArgumentError(
            absl::StrCat("credential '", credential.name, "': ", text.status().message()));
      }
      value = *std::move(text);
    }
    if (value.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("credential '", credential.name, "': the ", where, " is not set or empty"));
    }
    for (unsigned char c : value) {
      if (c < 0x20 || c == 0x7f) {
        return absl::InvalidArgumentError(
            absl::StrCat("credential '", credential.name, "': the ", where,
                         " holds a control character (a newline?); it cannot be sent in a header"));
      }
    }
    if (!credential.header.empty()) headers.emplace_back(credential.header, std::move(value));
  }
  return headers;
}

}  // namespace omnihub::http_json
