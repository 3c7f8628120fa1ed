// hubd configurations for end-to-end tests against a running simulator: config/hubd.xml with one
// system moved from the reference connector to a real one. The including target defines
// OMNIHUB_DEFAULT_CONFIG (config/hubd.xml) and OMNIHUB_MAPPINGS_DIR (mappings/).
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace omnihub::testing {

// The default configuration with the reference adapter of `system` switched to the connector
// `type` (e.g. "http-json") with mappings/systems/<system>.xml at `url` and, when `events_endpoint`
// is set, change events subscribed from it instead of the quickstart forwarder. "" when
// config/hubd.xml has no reference adapter of `system` or no <subscribe> to replace.
inline std::string ConfigWithConnector(const std::string& system, const std::string& type,
                                       const std::string& url,
                                       const std::string& events_endpoint = "") {
  std::ifstream in(OMNIHUB_DEFAULT_CONFIG);
  std::stringstream text;
  text << in.rdbuf();
  std::string config = text.str();
  // The copy is written elsewhere: name the landscape file by its absolute path.
  const std::string relative = "\"../mappings/";
  if (size_t at = config.find(relative); at != std::string::npos) {
    config.replace(at, relative.size(), "\"" OMNIHUB_MAPPINGS_DIR "/");
  }
  const std::string begin = "<adapter name=\"" + system + "\" type=\"reference\">";
  const size_t start = config.find(begin);
  const size_t end = config.find("</adapter>", start);
  if (start == std::string::npos || end == std::string::npos) return "";
  config.replace(start, end - start,
                 "<adapter name=\"" + system + "\" type=\"" + type +
                     "\">\n"
                     "      <setting key=\"mapping\" value=\"" OMNIHUB_MAPPINGS_DIR "/systems/" +
                     system +
                     ".xml\"/>\n"
                     "      <setting key=\"endpoint\" value=\"" +
                     url + "\"/>\n    ");
  if (!events_endpoint.empty()) {
    const std::string subscribe = "<subscribe endpoint=\"";
    const size_t from = config.find(subscribe);
    const size_t to = config.find('"', from + subscribe.size());
    if (from == std::string::npos || to == std::string::npos) return "";
    config.replace(from + subscribe.size(), to - from - subscribe.size(), events_endpoint);
  }
  return config;
}

}  // namespace omnihub::testing
