// Ids and times of the records the hub's store keeps (contacts, cases).
#pragma once

#include <string>
#include <string_view>

#include "google/protobuf/timestamp.pb.h"

namespace omnihub::hub::store {

// `prefix` + "-" + the microseconds since the epoch (14 hex digits, so ids sort by time; strictly
// increasing within the process) + "-" + 8 random hex digits (hubs sharing a store never
// collide): "H-06616689700ba0-f897d79b".
std::string TimeOrderedId(std::string_view prefix);

// `time` to the millisecond: what every database keeps, so a retry compares equal.
google::protobuf::Timestamp ToMillis(google::protobuf::Timestamp time);

// Now, to the millisecond.
google::protobuf::Timestamp NowMillis();

}  // namespace omnihub::hub::store
