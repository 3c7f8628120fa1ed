// Paths in an adapter's settings (a mapping file, a directory) are relative to the configuration
// file that declares the adapter, so a configuration works from any working directory.
#pragma once

#include <filesystem>
#include <string>

namespace omnihub::sdk {

// `path` as written in the adapter declared at `origin` ("dir/hubd.xml:12"): an absolute path
// unchanged, a relative one resolved against the configuration file's directory (the working
// directory when the origin names no file).
inline std::filesystem::path ResolveConfigPath(const std::string& origin, const std::string& path) {
  std::filesystem::path resolved(path);
  if (resolved.is_absolute()) return resolved;
  const size_t colon = origin.rfind(':');
  if (colon == std::string::npos || colon == 0) return resolved.lexically_normal();
  return (std::filesystem::path(origin.substr(0, colon)).parent_path() / resolved)
      .lexically_normal();
}

}  // namespace omnihub::sdk
