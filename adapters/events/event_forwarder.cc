#include "adapters/events/event_forwarder.h"

#include "absl/strings/str_cat.h"

namespace omnihub::events {

absl::StatusOr<std::unique_ptr<EventForwarder>> EventForwarder::Start(const std::string& frontend,
                                                                      const std::string& backend) {
  std::unique_ptr<EventForwarder> forwarder(new EventForwarder());
  auto& f = *forwarder;
  std::string binding = frontend;
  try {
    f.xsub_ = zmq::socket_t(f.context_, zmq::socket_type::xsub);
    f.xpub_ = zmq::socket_t(f.context_, zmq::socket_type::xpub);
    f.control_ = zmq::socket_t(f.context_, zmq::socket_type::pair);
    f.stopper_ = zmq::socket_t(f.context_, zmq::socket_type::pair);
    for (auto* socket : {&f.xsub_, &f.xpub_, &f.control_, &f.stopper_}) {
      socket->set(zmq::sockopt::linger, 0);
    }
    f.xsub_.bind(frontend);
    f.frontend_ = f.xsub_.get(zmq::sockopt::last_endpoint);
    binding = backend;
    f.xpub_.bind(backend);
    f.backend_ = f.xpub_.get(zmq::sockopt::last_endpoint);
    binding = "inproc://forwarder-control";
    f.control_.bind(binding);
    f.stopper_.connect(binding);
  } catch (const zmq::error_t& error) {
    return absl::UnavailableError(
        absl::StrCat("event forwarder: cannot bind '", binding, "': ", error.what()));
  }
  f.thread_ = std::thread([raw = forwarder.get()] {
    try {
      zmq::proxy_steerable(raw->xsub_, raw->xpub_, zmq::socket_ref(), raw->control_);
    } catch (const zmq::error_t&) {
      // The context is shutting down.
    }
  });
  return forwarder;
}

EventForwarder::~EventForwarder() { Stop(); }

void EventForwarder::Stop() {
  if (!thread_.joinable()) return;
  try {
    stopper_.send(zmq::str_buffer("TERMINATE"), zmq::send_flags::none);
  } catch (const zmq::error_t&) {
    context_.shutdown();
  }
  thread_.join();
}

}  // namespace omnihub::events
