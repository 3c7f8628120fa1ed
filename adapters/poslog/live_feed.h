// LiveFeed: POSLog live from the stores over ZeroMQ. Each store (or a store system speaking for
// several) publishes on a PUB socket as it sells; the feed's SUB socket connects to every
// configured endpoint and receives.
//
// Wire format: one message per POSLog document, two frames: the topic "poslog/<store id>" (so a
// feed may share a bus and subscribers may filter by store) and the POSLog XML document.
//
// Contract:
//  - Every message is parsed by ParsePoslog with the feed's limits; every transaction in it must
//    belong to the topic's store. A message that is not two frames, has a malformed topic, does
//    not parse, or names another store is rejected whole: counted and handed to the problem
//    handler with the reason (INVALID_ARGUMENT) (never a crash, never a partial document).
//  - Frames larger than limits.max_document_bytes are refused by ZeroMQ itself (ZMQ_MAXMSGSIZE)
//    before any allocation. ZeroMQ then drops that connection as a protocol error and, unlike
//    for a lost connection, never reconnects it; so the feed watches its socket (a ZeroMQ socket
//    monitor) and connects again to any endpoint whose connection dropped, whatever the cause
//    (counted in `reconnects` and reported to the problem handler as UNAVAILABLE naming the
//    endpoint). The oversized message itself is lost, not counted as rejected.
//  - Reconnecting to a publisher that stopped and started again is therefore the feed's, with
//    ZeroMQ's retry interval (100 ms) while the publisher is away; what the publisher sent while
//    nobody was connected is lost (PUB/SUB), which is why the stores' end-of-day files
//    (drop_directory.h) remain the record and the index de-duplicates receipts.
//
// Thread-safety: one thread owns the socket; the sink and the problem handler run on it, one call
// at a time, in message order. stats() may be called from any thread. The destructor stops the
// thread (within about 100 ms) and closes the socket.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>
#include <zmq.hpp>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "adapters/poslog/poslog_parser.h"

namespace omnihub::poslog {

inline constexpr std::string_view kFeedTopicPrefix = "poslog/";
inline constexpr size_t kMaxFeedEndpoints = 16;

struct LiveFeedOptions {
  // ZeroMQ endpoints to connect to, e.g. "tcp://127.0.0.1:5556". 1 to kMaxFeedEndpoints.
  std::vector<std::string> endpoints;
  // max_document_bytes also bounds each received frame (ZMQ_MAXMSGSIZE).
  PoslogLimits limits;
  int receive_high_water_mark = 10000;
};

struct LiveFeedStats {
  uint64_t messages = 0;      // accepted documents
  uint64_t transactions = 0;  // transactions handed to the sink
  uint64_t rejected = 0;      // messages rejected (see the contract)
  uint64_t reconnects = 0;    // connections dropped and connected again
};

class LiveFeed {
 public:
  using Sink = std::function<void(PoslogTransaction)>;
  // A rejected message (INVALID_ARGUMENT) or a dropped connection (UNAVAILABLE), with the reason.
  using ProblemHandler = std::function<void(const absl::Status&)>;

  // INVALID_ARGUMENT naming a malformed endpoint or a bad endpoint count; the thread starts at
  // once. An endpoint nobody publishes on yet is not an error: ZeroMQ keeps trying.
  static absl::StatusOr<std::unique_ptr<LiveFeed>> Start(LiveFeedOptions options, Sink sink,
                                                         ProblemHandler on_problem);
  ~LiveFeed();

  LiveFeed(const LiveFeed&) = delete;
  LiveFeed& operator=(const LiveFeed&) = delete;

  LiveFeedStats stats() const;

 private:
  LiveFeed() = default;
  void Run();
  void Receive();
  // OK, or INVALID_ARGUMENT with the reason the message is rejected.
  absl::Status Accept(std::string_view topic, std::string_view document);
  void Reject(const absl::Status& reason);
  // Reads the socket monitor's events; connects again to an endpoint whose connection dropped.
  void Watch();

  zmq::context_t context_{1};
  zmq::socket_t socket_;
  zmq::socket_t monitor_;  // PAIR end of the socket monitor
  std::vector<std::string> endpoints_;
  PoslogLimits limits_;
  Sink sink_;
  ProblemHandler on_problem_;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> messages_{0};
  std::atomic<uint64_t> transactions_{0};
  std::atomic<uint64_t> rejected_{0};
  std::atomic<uint64_t> reconnects_{0};
  std::thread thread_;
};

// "poslog/S042" -> "S042"; INVALID_ARGUMENT unless the topic is the prefix and a store id of 1-32
// characters of [A-Za-z0-9_-]. Exposed for tests and publishers.
absl::StatusOr<std::string_view> StoreOfTopic(std::string_view topic);

}  // namespace omnihub::poslog
