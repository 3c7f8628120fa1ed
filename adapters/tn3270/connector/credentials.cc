#include "adapters/tn3270/connector/credentials.h"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "absl/strings/str_cat.h"

namespace omnihub::tn3270 {

absl::StatusOr<std::map<std::string, std::string>> ReadCredentials(
    const std::vector<mapping::engine::CredentialRef>& credentials) {
  constexpr std::size_t kMaxBytes = 4096;
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
      std::ifstream in(credential.file, std::ios::binary);
      if (!in) {
        return absl::InvalidArgumentError(
            absl::StrCat("credential '", credential.name, "': cannot read ", where));
      }
      std::ostringstream text;
      text << in.rdbuf();
      value = text.str();
      while (!value.empty() && (value.back() == '\n' || value.back() == '\r')) value.pop_back();
    }
    if (value.empty()) {
      return absl::InvalidArgumentError(
          absl::StrCat("credential '", credential.name, "': ", where, " is unset or empty"));
    }
    if (value.size() > kMaxBytes) {
      return absl::InvalidArgumentError(absl::StrCat("credential '", credential.name, "': ", where,
                                                     " is longer than ", kMaxBytes, " bytes"));
    }
    for (unsigned char c : value) {
      if (c < 0x20 || c == 0x7F) {
        return absl::InvalidArgumentError(absl::StrCat("credential '", credential.name,
                                                       "': ", where, " holds a control character"));
      }
    }
    values[credential.name] = std::move(value);
  }
  return values;
}

}  // namespace omnihub::tn3270
