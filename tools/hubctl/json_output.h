// --json output: a response message in protobuf's canonical JSON mapping, for scripts.
#pragma once

#include <google/protobuf/message.h>

namespace omnihub::hubctl {

// Prints `message` to stdout as indented JSON; returns false (after saying why) if it cannot.
bool PrintJson(const google::protobuf::Message& message);

}  // namespace omnihub::hubctl
