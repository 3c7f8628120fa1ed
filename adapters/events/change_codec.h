// The change-event wire format (proto/omnihub/changes/v1/change.proto) as ZeroMQ frames: the
// topic "<system>/<type number>" and the serialised BackendChange. Everything a subscriber
// receives comes from outside the hub, so decoding validates every field and names what is wrong.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "omnihub/changes/v1/change.pb.h"

namespace omnihub::events {

using omnihub::changes::v1::BackendChange;

// Larger payloads are refused before parsing.
inline constexpr size_t kMaxChangeBytes = 64 * 1024;

struct EncodedChange {
  std::string topic;
  std::string payload;
};

// "erp/1": the topic a change of `type` from `system` is published under.
std::string TopicFor(std::string_view system, omnihub::v1::EventType type);

// OK, or INVALID_ARGUMENT naming the first field that is wrong: event_id (1-128 characters),
// type (a change type, not UNSPECIFIED or EVENTS_DROPPED), occurred_at (a valid time), system
// (1-64 of [a-z0-9_-]), account_id (1-128 characters, no control characters), subject (at most
// 256), detail (at most 1,000), affected_sections (at most 8, each a real section).
absl::Status ValidateChange(const BackendChange& change);

// Validates, then encodes.
absl::StatusOr<EncodedChange> EncodeChange(const BackendChange& change);

// Parses and validates two received frames; INVALID_ARGUMENT naming the problem (oversized,
// unparseable, invalid field, topic not matching the payload's system and type).
absl::StatusOr<BackendChange> DecodeChange(std::string_view topic, std::string_view payload);

}  // namespace omnihub::events
