#include "adapters/events/change_publisher.h"

#include "absl/strings/str_cat.h"

namespace omnihub::events {

absl::StatusOr<std::unique_ptr<ChangePublisher>> ChangePublisher::Create(PublisherOptions options) {
  if (options.endpoint.empty()) return absl::InvalidArgumentError("publisher endpoint is empty");
  std::unique_ptr<ChangePublisher> publisher(new ChangePublisher());
  try {
    publisher->socket_ = zmq::socket_t(publisher->context_, zmq::socket_type::pub);
    publisher->socket_.set(zmq::sockopt::sndhwm, options.send_high_water_mark);
    publisher->socket_.set(zmq::sockopt::linger, 0);
    if (options.bind) {
      publisher->socket_.bind(options.endpoint);
      publisher->endpoint_ = publisher->socket_.get(zmq::sockopt::last_endpoint);
    } else {
      publisher->socket_.connect(options.endpoint);
      publisher->endpoint_ = options.endpoint;
    }
  } catch (const zmq::error_t& error) {
    const std::string message =
        absl::StrCat("cannot ", options.bind ? "bind" : "connect", " the change publisher to '",
                     options.endpoint, "': ", error.what());
    return error.num() == EINVAL || error.num() == EPROTONOSUPPORT
               ? absl::InvalidArgumentError(message)
               : absl::UnavailableError(message);
  }
  return publisher;
}

absl::Status ChangePublisher::Publish(const BackendChange& change) {
  auto encoded = EncodeChange(change);
  if (!encoded.ok()) return encoded.status();
  std::lock_guard lock(mutex_);
  try {
    const auto topic_sent = socket_.send(zmq::buffer(encoded->topic),
                                         zmq::send_flags::sndmore | zmq::send_flags::dontwait);
    if (topic_sent) {
      if (socket_.send(zmq::buffer(encoded->payload), zmq::send_flags::dontwait)) {
        ++published_;
        return absl::OkStatus();
      }
    }
  } catch (const zmq::error_t& error) {
    ++dropped_;
    return absl::UnavailableError(absl::StrCat("change publisher: ", error.what()));
  }
  ++dropped_;
  return absl::ResourceExhaustedError("change publisher queue is full; the change was dropped");
}

}  // namespace omnihub::events
