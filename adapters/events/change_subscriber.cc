#include "adapters/events/change_subscriber.h"

#include <chrono>
#include <string_view>

#include "absl/strings/str_cat.h"

namespace omnihub::events {
namespace {

constexpr std::chrono::milliseconds kPollInterval{100};
constexpr int64_t kMaxFrameBytes = 1 << 20;

}  // namespace

absl::StatusOr<std::unique_ptr<ChangeSubscriber>> ChangeSubscriber::Start(SubscriberOptions options,
                                                                          ChangeHandler on_change,
                                                                          RejectHandler on_reject) {
  if (options.endpoints.empty()) {
    return absl::InvalidArgumentError("change subscriber: no endpoint to connect to");
  }
  std::unique_ptr<ChangeSubscriber> subscriber(new ChangeSubscriber());
  subscriber->on_change_ = std::move(on_change);
  subscriber->on_reject_ = std::move(on_reject);
  try {
    subscriber->socket_ = zmq::socket_t(subscriber->context_, zmq::socket_type::sub);
    subscriber->socket_.set(zmq::sockopt::rcvhwm, options.receive_high_water_mark);
    subscriber->socket_.set(zmq::sockopt::linger, 0);
    // Bounds what one peer can make the hub allocate for one frame. Frames between
    // kMaxChangeBytes and this are refused by DecodeChange with a reason; ZeroMQ treats a larger
    // one as a protocol error and drops that peer's connection.
    subscriber->socket_.set(zmq::sockopt::maxmsgsize, kMaxFrameBytes);
    if (options.topic_prefixes.empty()) {
      subscriber->socket_.set(zmq::sockopt::subscribe, "");
    } else {
      for (const auto& prefix : options.topic_prefixes) {
        subscriber->socket_.set(zmq::sockopt::subscribe, prefix);
      }
    }
    for (const auto& endpoint : options.endpoints) {
      try {
        subscriber->socket_.connect(endpoint);
      } catch (const zmq::error_t& error) {
        return absl::InvalidArgumentError(
            absl::StrCat("change subscriber: cannot connect to '", endpoint, "': ", error.what()));
      }
    }
  } catch (const zmq::error_t& error) {
    return absl::InternalError(absl::StrCat("change subscriber: ", error.what()));
  }
  subscriber->thread_ = std::thread([raw = subscriber.get()] { raw->Run(); });
  return subscriber;
}

ChangeSubscriber::~ChangeSubscriber() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

SubscriberStats ChangeSubscriber::stats() const { return {received_.load(), rejected_.load()}; }

void ChangeSubscriber::Run() {
  zmq::pollitem_t items[] = {{socket_.handle(), 0, ZMQ_POLLIN, 0}};
  while (!stopping_) {
    try {
      zmq::poll(items, 1, kPollInterval);
      if (items[0].revents & ZMQ_POLLIN) Receive();
    } catch (const zmq::error_t& error) {
      if (error.num() == ETERM) return;
      ++rejected_;
      if (on_reject_) on_reject_(absl::UnavailableError(absl::StrCat("receive: ", error.what())));
    }
  }
}

// Drains what is ready. ZeroMQ delivers a multipart message whole, so after its first frame the
// rest are already here; a message that is not exactly (topic, payload) is rejected whole, which
// keeps the next message aligned.
void ChangeSubscriber::Receive() {
  while (!stopping_) {
    zmq::message_t topic;
    if (!socket_.recv(topic, zmq::recv_flags::dontwait)) return;
    zmq::message_t payload;
    size_t frames = 1;
    bool more = topic.more();
    while (more) {
      zmq::message_t part;
      if (!socket_.recv(part, zmq::recv_flags::none)) break;
      ++frames;
      more = part.more();
      if (frames == 2) payload = std::move(part);
    }
    if (frames != 2) {
      ++rejected_;
      if (on_reject_) {
        on_reject_(absl::InvalidArgumentError(
            absl::StrCat("change event: expected 2 frames (topic, payload), got ", frames)));
      }
      continue;
    }
    auto change = DecodeChange(topic.to_string_view(), payload.to_string_view());
    if (!change.ok()) {
      ++rejected_;
      if (on_reject_) on_reject_(change.status());
      continue;
    }
    ++received_;
    if (on_change_) on_change_(*change);
  }
}

}  // namespace omnihub::events
