#include "adapters/mapping/engine/credential_reader.h"

#include <cstdlib>
#include <fstream>

#include "absl/strings/str_cat.h"

namespace omnihub::mapping::engine {
namespace {

// Reads at most `max_bytes + 1` bytes, so an oversized file is recognised without reading it all.
absl::StatusOr<std::string> ReadSecretFile(const std::string& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::InvalidArgumentError("cannot be read");
  std::string text(max_bytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ReadCredentials(
    const std::vector<CredentialRef>& credentials, CredentialLimits limits) {
  std::map<std::string, std::string> values;
  for (const auto& credential : credentials) {
    std::string value;
    std::string where;
    if (!credential.env.empty()) {
      where = "environment variable " + credential.env;
      const char* text = std::getenv(credential.env.c_str());
      if (text != nullptr) value = text;
    } else {
      where = "file " + credential.file;
      auto text = ReadSecretFile(credential.file, limits.max_bytes);
      if (!text.ok()) {
        return absl::InvalidArgumentError(absl::StrCat("credential '", credential.name, "': the ",
                                                       where, " ", text.status().message()));
      }
      value = *std::move(text);
    }
    if (value.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("credential '", credential.name, "': the ", where, " is not set or empty"));
    }
    if (value.size() > limits.max_bytes) {
      return absl::InvalidArgumentError(absl::StrCat("credential '", credential.name, "': the ",
                                                     where, " is longer than ", limits.max_bytes,
                                                     " bytes"));
    }
    for (unsigned char c : value) {
      if (c < 0x20 || c == 0x7f) {
        return absl::InvalidArgumentError(absl::StrCat("credential '", credential.name, "': the ",
                                                       where,
                                                       " holds a control character (a newline?)"));
      }
    }
    values[credential.name] = std::move(value);
  }
  return values;
}

}  // namespace omnihub::mapping::engine
