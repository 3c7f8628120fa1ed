#include "hub/api/event_service.h"

#include <algorithm>
#include <optional>

#include "absl/strings/str_cat.h"
#include "hub/api/rpc_errors.h"

namespace omnihub::hub {

class WatchEventsReactor;

// What outlives the reactor: the lock that serialises it and whether it is still alive. Wake-ups
// from publishing threads and shutdown reach the reactor only through it.
struct EventService::StreamState {
  std::recursive_mutex mutex;
  WatchEventsReactor* reactor = nullptr;  // null once the reactor is done
};

// gRPC may run a reaction (even OnDone, which deletes the reactor) inline in StartWrite or
// Finish; so after calling either, nothing touches the reactor, and every method takes its own
// reference to the state before locking.
class WatchEventsReactor : public grpc::ServerWriteReactor<omnihub::v1::Event> {
 public:
  WatchEventsReactor(EventBroadcaster& broadcaster,
                     std::shared_ptr<EventService::StreamState> state)
      : broadcaster_(broadcaster), state_(std::move(state)) {}

  void Begin(EventFilter filter) {
    auto state = state_;
    std::lock_guard lock(state->mutex);
    subscription_ = broadcaster_.Subscribe(std::move(filter), [weak = std::weak_ptr(state)] {
      auto alive = weak.lock();
      if (!alive) return;
      std::lock_guard wake_lock(alive->mutex);
      if (alive->reactor) alive->reactor->Pump();
    });
    Pump();
  }

  // Starts the next write if there is an event and no write in flight. Caller holds the lock.
  void Pump() {
    if (finished_) return;
    auto next = subscription_->TakeNext();
    if (!next) return;
    current_ = std::move(*next);
    StartWrite(&current_);
  }

  // Caller holds the lock.
  void FinishOnce(const grpc::Status& status) {
    if (finished_) return;
    finished_ = true;
    Finish(status);
  }

  void OnWriteDone(bool ok) override {
    auto state = state_;
    std::lock_guard lock(state->mutex);
    if (state->reactor == nullptr) return;
    subscription_->WriteDone();
    if (!ok) {
      FinishOnce(grpc::Status(grpc::StatusCode::CANCELLED, "the client stopped reading"));
      return;
    }
    Pump();
  }

  void OnCancel() override {
    auto state = state_;
    std::lock_guard lock(state->mutex);
    if (state->reactor) FinishOnce(grpc::Status::CANCELLED);
  }

  void OnDone() override {
    auto state = state_;
    {
      std::lock_guard lock(state->mutex);
      state->reactor = nullptr;
    }
    if (subscription_) broadcaster_.Unsubscribe(subscription_);
    delete this;
  }

  // For requests refused before subscribing.
  void Refuse(const grpc::Status& status) {
    finished_ = true;
    Finish(status);
  }

 private:
  EventBroadcaster& broadcaster_;
  std::shared_ptr<EventService::StreamState> state_;
  std::shared_ptr<EventSubscription> subscription_;
  omnihub::v1::Event current_;
  bool finished_ = false;
};

grpc::ServerWriteReactor<omnihub::v1::Event>* EventService::WatchEvents(
    grpc::CallbackServerContext* /*call*/, const omnihub::v1::WatchEventsRequest* request) {
  auto state = std::make_shared<StreamState>();
  auto* reactor = new WatchEventsReactor(broadcaster_, state);
  state->reactor = reactor;

  std::vector<FieldViolation> violations;
  EventFilter filter;
  for (int i = 0; i < request->types_size(); ++i) {
    const int type = request->types(i);
    if (!omnihub::v1::EventType_IsValid(type) || type == omnihub::v1::EVENT_TYPE_UNSPECIFIED) {
      violations.push_back(
          {absl::StrCat("types[", i, "]"), absl::StrCat(type, " is not an event type")});
    } else {
      filter.types.push_back(static_cast<omnihub::v1::EventType>(type));
    }
  }
  if (!violations.empty()) {
    reactor->Refuse(InvalidRequest(violations));
    return reactor;
  }
  if (request->has_customer() &&
      request->customer().ref_case() != omnihub::v1::CustomerRef::REF_NOT_SET) {
    ResolveError error;
    auto resolved = directory_.Resolve(request->customer(), "customer", &error);
    if (!resolved.ok()) {
      reactor->Refuse(ToGrpcStatus(error.status, "", error.field));
      return reactor;
    }
    filter.customer_id = resolved->customer->customer_id;
  }
  bool finishing = false;
  {
    std::lock_guard lock(mutex_);
    finishing = finishing_;
    if (!finishing) {
      std::erase_if(streams_, [](const auto& weak) { return weak.expired(); });
      streams_.push_back(state);
    }
  }
  if (finishing) {
    reactor->Refuse(grpc::Status(grpc::StatusCode::UNAVAILABLE, "the hub is shutting down"));
    return reactor;
  }
  reactor->Begin(std::move(filter));
  return reactor;
}

void EventService::FinishAll() {
  std::vector<std::shared_ptr<StreamState>> open;
  {
    std::lock_guard lock(mutex_);
    finishing_ = true;
    for (const auto& weak : streams_) {
      if (auto state = weak.lock()) open.push_back(std::move(state));
    }
    streams_.clear();
  }
  for (const auto& state : open) {
    std::lock_guard lock(state->mutex);
    if (state->reactor) {
      state->reactor->FinishOnce(
          grpc::Status(grpc::StatusCode::UNAVAILABLE, "the hub is shutting down"));
    }
  }
}

}  // namespace omnihub::hub
