// EventService (omnihub.v1): streams change events to customer-service applications.
//
// Each WatchEvents call gets its own bounded queue (EventSubscription): a client that reads
// slowly, or not at all, loses events (and is told where, with EVENT_TYPE_EVENTS_DROPPED) but
// never delays other subscribers or the hub. The stream ends when the client cancels or when the
// hub shuts down (UNAVAILABLE, so clients reconnect to another hub).
//
// Thread-safe.
#pragma once

#include <memory>
#include <mutex>
#include <vector>

#include "hub/events/event_broadcaster.h"
#include "hub/identity/customer_directory.h"
#include "omnihub/v1/event.grpc.pb.h"

namespace omnihub::hub {

class EventService final : public omnihub::v1::EventService::CallbackService {
 public:
  struct StreamState;

  EventService(const CustomerDirectory& directory, EventBroadcaster& broadcaster)
      : directory_(directory), broadcaster_(broadcaster) {}

  // omnihub::v1::EventService
  grpc::ServerWriteReactor<omnihub::v1::Event>* WatchEvents(
      grpc::CallbackServerContext* call, const omnihub::v1::WatchEventsRequest* request) override;

  // Ends every open stream with UNAVAILABLE, and refuses streams asked for from now on with
  // UNAVAILABLE (before the gRPC server shuts down, so that it does not wait for streams that
  // never end by themselves).
  void FinishAll();

 private:
  const CustomerDirectory& directory_;
  EventBroadcaster& broadcaster_;
  std::mutex mutex_;
  std::vector<std::weak_ptr<StreamState>> streams_;
  bool finishing_ = false;  // FinishAll was called
};

}  // namespace omnihub::hub
