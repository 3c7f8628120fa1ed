// ListenAddress: where a hubd server (gRPC, admin HTTP) listens, and its parser.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"

namespace omnihub::hub {

// A host literal and a port. `host` is an IPv4 literal, an IPv6 literal without brackets, or
// "localhost". Port 0 asks the system for an ephemeral port.
struct ListenAddress {
  std::string host;
  uint16_t port = 0;

  // "127.0.0.1:50051", "[::1]:9464", "localhost:0".
  std::string ToString() const;

  // True for "localhost", 127.0.0.0/8 and ::1: reachable from this machine only.
  bool IsLoopback() const;

  friend bool operator==(const ListenAddress&, const ListenAddress&) = default;
};

// Parses "host:port" or "[ipv6]:port". INVALID_ARGUMENT (a message an operator understands, without
// file position) when the host is not a literal address or "localhost", or the port is not a number
// in 0..65535.
absl::StatusOr<ListenAddress> ParseListenAddress(std::string_view text);

}  // namespace omnihub::hub
