// POSLog live over ZeroMQ (see live_feed.h).
#include "adapters/poslog/live_feed.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstring>

#include "absl/strings/str_cat.h"

namespace omnihub::poslog {
namespace {

constexpr std::chrono::milliseconds kPollInterval{100};
constexpr size_t kMaxStoreIdLength = 32;

bool StoreChar(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// For messages: at most 64 printable characters of untrusted text.
std::string Printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

}  // namespace

absl::StatusOr<std::string_view> StoreOfTopic(std::string_view topic) {
  if (topic.substr(0, kFeedTopicPrefix.size()) != kFeedTopicPrefix) {
    return absl::InvalidArgumentError(absl::StrCat("POSLog feed topic '", Printable(topic),
                                                   "' does not start with '",
                                                   std::string(kFeedTopicPrefix), "'"));
  }
  std::string_view store = topic.substr(kFeedTopicPrefix.size());
  if (store.empty() || store.size() > kMaxStoreIdLength ||
      !std::all_of(store.begin(), store.end(), StoreChar)) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog feed topic '", Printable(topic),
                     "': the store id must be 1-32 characters of [A-Za-z0-9_-]"));
  }
  return store;
}

absl::StatusOr<std::unique_ptr<LiveFeed>> LiveFeed::Start(LiveFeedOptions options, Sink sink,
                                                          ProblemHandler on_problem) {
  if (options.endpoints.empty() || options.endpoints.size() > kMaxFeedEndpoints) {
    return absl::InvalidArgumentError(absl::StrCat("POSLog feed: 1 to ", kMaxFeedEndpoints,
                                                   " endpoints needed, got ",
                                                   options.endpoints.size()));
  }
  std::unique_ptr<LiveFeed> feed(new LiveFeed());
  feed->limits_ = options.limits;
  feed->sink_ = std::move(sink);
  feed->on_problem_ = std::move(on_problem);
  try {
    feed->socket_ = zmq::socket_t(feed->context_, zmq::socket_type::sub);
    feed->socket_.set(zmq::sockopt::rcvhwm, options.receive_high_water_mark);
    feed->socket_.set(zmq::sockopt::linger, 0);
    // Bounds what one publisher can make the connector allocate for one frame.
    feed->socket_.set(zmq::sockopt::maxmsgsize,
                      static_cast<int64_t>(options.limits.max_document_bytes));
    feed->socket_.set(zmq::sockopt::subscribe, kFeedTopicPrefix);
    static std::atomic<uint64_t> monitors{0};
    const std::string monitor = absl::StrCat("inproc://poslog-feed-monitor-", ++monitors);
    if (zmq_socket_monitor(feed->socket_.handle(), monitor.c_str(), ZMQ_EVENT_DISCONNECTED) != 0) {
      throw zmq::error_t();
    }
    feed->monitor_ = zmq::socket_t(feed->context_, zmq::socket_type::pair);
    feed->monitor_.set(zmq::sockopt::linger, 0);
    feed->monitor_.connect(monitor);
    for (const auto& endpoint : options.endpoints) {
      try {
        feed->socket_.connect(endpoint);
        feed->endpoints_.push_back(endpoint);
      } catch (const zmq::error_t& error) {
        return absl::InvalidArgumentError(absl::StrCat("POSLog feed: cannot connect to '",
                                                       Printable(endpoint), "': ", error.what()));
      }
    }
  } catch (const zmq::error_t& error) {
    return absl::InternalError(absl::StrCat("POSLog feed: ", error.what()));
  }
  feed->thread_ = std::thread([raw = feed.get()] { raw->Run(); });
  return feed;
}

LiveFeed::~LiveFeed() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  if (socket_) zmq_socket_monitor(socket_.handle(), nullptr, 0);
}

LiveFeedStats LiveFeed::stats() const {
  return {messages_.load(), transactions_.load(), rejected_.load(), reconnects_.load()};
}

void LiveFeed::Run() {
  zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0},
                             {monitor_.handle(), 0, ZMQ_POLLIN, 0}};
  while (!stopping_) {
    try {
      zmq::poll(items, 2, kPollInterval);
      if (items[0].revents & ZMQ_POLLIN) Receive();
      if (items[1].revents & ZMQ_POLLIN) Watch();
    } catch (const zmq::error_t& error) {
      if (error.num() == ETERM) return;
      Reject(absl::UnavailableError(absl::StrCat("POSLog feed: receive: ", error.what())));
    }
  }
}

// A monitor event is two frames: 2 bytes of event id and 4 of value, then the endpoint. The
// endpoint is connected afresh (the old connection's state dropped first), which also covers a
// connection ZeroMQ closed for a protocol error and would never retry.
void LiveFeed::Watch() {
  while (!stopping_) {
    zmq::message_t event;
    if (!monitor_.recv(event, zmq::recv_flags::dontwait)) return;
    std::string address;
    bool more = event.more();
    while (more) {
      zmq::message_t part;
      if (!monitor_.recv(part, zmq::recv_flags::none)) break;
      address = part.to_string();
      more = part.more();
    }
    uint16_t id = 0;
    if (event.size() >= sizeof id) std::memcpy(&id, event.data(), sizeof id);
    if (id != ZMQ_EVENT_DISCONNECTED) continue;
    if (std::find(endpoints_.begin(), endpoints_.end(), address) == endpoints_.end()) continue;
    try {
      socket_.disconnect(address);
    } catch (const zmq::error_t&) {
      // Already gone: ZeroMQ terminated it after a protocol error.
    }
    socket_.connect(address);
    ++reconnects_;
    if (on_problem_) {
      on_problem_(absl::UnavailableError(
          absl::StrCat("POSLog feed: the connection to ", Printable(address),
                       " dropped (the store stopped, or sent a message over ",
                       limits_.max_document_bytes, " bytes); connecting again")));
    }
  }
}

void LiveFeed::Reject(const absl::Status& reason) {
  ++rejected_;
  if (on_problem_) on_problem_(reason);
}

// Drains what is ready. ZeroMQ delivers a multipart message whole; one that is not exactly
// (topic, document) is rejected whole, which keeps the next message aligned.
void LiveFeed::Receive() {
  while (!stopping_) {
    zmq::message_t topic;
    if (!socket_.recv(topic, zmq::recv_flags::dontwait)) return;
    zmq::message_t document;
    size_t frames = 1;
    bool more = topic.more();
    while (more) {
      zmq::message_t part;
      if (!socket_.recv(part, zmq::recv_flags::none)) break;
      ++frames;
      more = part.more();
      if (frames == 2) document = std::move(part);
    }
    if (frames != 2) {
      Reject(absl::InvalidArgumentError(
          absl::StrCat("POSLog feed message: expected 2 frames (topic, document), got ", frames)));
      continue;
    }
    if (auto status = Accept(topic.to_string_view(), document.to_string_view()); !status.ok()) {
      Reject(status);
    }
  }
}

absl::Status LiveFeed::Accept(std::string_view topic, std::string_view document) {
  auto store_of_topic = StoreOfTopic(topic);
  if (!store_of_topic.ok()) return store_of_topic.status();
  const std::string store(*store_of_topic);
  auto parsed = ParsePoslog(document, limits_);
  if (!parsed.ok()) {
    return absl::InvalidArgumentError(
        absl::StrCat("POSLog feed message from store ", store, ": ", parsed.status().message()));
  }
  for (const PoslogTransaction& transaction : *parsed) {
    if (transaction.store_id != store) {
      return absl::InvalidArgumentError(
          absl::StrCat("POSLog feed message from store ", store, " holds transaction ",
                       transaction.ReceiptNumber().substr(0, 128), " of store ",
                       transaction.store_id.substr(0, 32)));
    }
  }
  ++messages_;
  transactions_ += parsed->size();
  for (PoslogTransaction& transaction : *parsed) {
    if (sink_) sink_(std::move(transaction));
  }
  return absl::OkStatus();
}

}  // namespace omnihub::poslog
