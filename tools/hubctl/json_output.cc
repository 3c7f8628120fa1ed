// --json output via google::protobuf::util::MessageToJsonString.
#include "tools/hubctl/json_output.h"

#include <google/protobuf/util/json_util.h>

#include <iostream>

namespace omnihub::hubctl {

bool PrintJson(const google::protobuf::Message& message) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  std::string json;
  const auto status = google::protobuf::util::MessageToJsonString(message, &json, options);
  if (!status.ok()) {
    std::cerr << "hubctl: cannot print the answer as JSON: " << status.message() << "\n";
    return false;
  }
  std::cout << json;
  if (json.empty() || json.back() != '\n') std::cout << "\n";
  return true;
}

}  // namespace omnihub::hubctl
