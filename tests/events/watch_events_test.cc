// EventService.WatchEvents end to end in one process: a backend publishes changes on the ZeroMQ
// bus, the hub attributes them and streams them to gRPC subscribers, filtered; a subscriber that
// never reads delays nobody; shutdown ends the streams.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <grpcpp/security/server_credentials.h>
#include <grpcpp/server_builder.h>
#include <gtest/gtest.h>

#include <thread>

#include "adapters/events/change_publisher.h"
#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/api/event_service.h"
#include "hub/events/change_router.h"
#include "hub/server/hub.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "omnihub/v1/event.grpc.pb.h"

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;

omnihub::v1::Identifier Email(const std::string& value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier.set_value(value);
  return identifier;
}

omnihub::events::BackendChange Change(const std::string& id, const std::string& account,
                                      omnihub::v1::EventType type) {
  omnihub::events::BackendChange change;
  change.set_event_id(id);
  change.set_type(type);
  *change.mutable_occurred_at() = google::protobuf::util::TimeUtil::SecondsToTimestamp(1793534400);
  change.set_system("erp");
  change.set_account_id(account);
  change.set_subject("W1000002");
  change.set_detail(std::string(200, 'd'));
  change.add_affected_sections(omnihub::v1::SECTION_ORDERS);
  return change;
}

class WatchEventsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto publisher = omnihub::events::ChangePublisher::Create({"tcp://127.0.0.1:*", true});
    ASSERT_TRUE(publisher.ok()) << publisher.status();
    publisher_ = *std::move(publisher);

    HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp"}}};
    config.adapters.push_back({"erp", "fake", {}, "test"});
    config.event_endpoints = {publisher_->endpoint()};
    config.event_subscriber_queue = 64;
    ASSERT_TRUE(
        registry_
            .Register("fake",
                      [this](const omnihub::sdk::AdapterConfig& adapter_config,
                             const omnihub::sdk::AdapterEnvironment& environment)
                          -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                        auto fake = std::make_unique<FakeAdapter>(
                            environment.executor, adapter_config.system,
                            omnihub::sdk::Capabilities{Capability::kProfile, Capability::kOrders,
                                                       Capability::kIdentityScan},
                            0ms);
                        fake->data.profile.emplace();
                        fake->data.profile->set_email("jane.doe@example.com");
                        erp_ = fake.get();
                        fake->identities = {{"C1", {Email("jane.doe@example.com")}, "Jane Doe", ""},
                                            {"C2", {Email("john@example.com")}, "John Roe", ""}};
                        return fake;
                      })
            .ok());
    auto hub = Hub::Create(config, registry_);
    ASSERT_TRUE(hub.ok()) << hub.status();
    hub_ = *std::move(hub);
    ASSERT_TRUE(hub_->Start().ok());
    channel_ = grpc::CreateChannel("127.0.0.1:" + std::to_string(hub_->grpc_port()),
                                   grpc::InsecureChannelCredentials());
    events_ = omnihub::v1::EventService::NewStub(channel_);
  }

  // A stream of Jane's events; returns once the hub has registered it (the first probe arrives).
  struct Stream {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<omnihub::v1::Event>> reader;
  };
  std::unique_ptr<Stream> Watch(const omnihub::v1::WatchEventsRequest& request) {
    auto stream = std::make_unique<Stream>();
    stream->context.set_deadline(std::chrono::system_clock::now() + 60s);
    stream->reader = events_->WatchEvents(&stream->context, request);
    return stream;
  }

  static omnihub::v1::WatchEventsRequest ForJane() {
    omnihub::v1::WatchEventsRequest request;
    *request.mutable_customer()->mutable_identifier() = Email("Jane.Doe@example.com");
    return request;
  }

  // PUB/SUB joins asynchronously and the stream registers asynchronously: publish probes until
  // `stream` reads one. Probes are note events for Jane, ids "probe-N".
  bool Synchronise(Stream& stream) {
    std::atomic<bool> seen{false};
    std::thread prober([&] {
      for (int n = 0; n < 200 && !seen; ++n) {
        (void)publisher_->Publish(
            Change("probe-" + std::to_string(n), "C1", omnihub::v1::EVENT_TYPE_NOTE_ADDED));
        std::this_thread::sleep_for(50ms);
      }
    });
    omnihub::v1::Event event;
    const bool ok = stream.reader->Read(&event);
    seen = true;
    prober.join();
    return ok && event.event_id().rfind("erp:probe-", 0) == 0;
  }

  omnihub::sdk::AdapterRegistry registry_;
  FakeAdapter* erp_ = nullptr;  // owned by the hub
  std::unique_ptr<omnihub::events::ChangePublisher> publisher_;
  std::unique_ptr<Hub> hub_;
  std::shared_ptr<grpc::Channel> channel_;
  std::unique_ptr<omnihub::v1::EventService::Stub> events_;
};

TEST_F(WatchEventsTest, StreamsTheCustomersChangesOnlyAndOfTheAskedTypes) {
  auto request = ForJane();
  request.add_types(omnihub::v1::EVENT_TYPE_NOTE_ADDED);
  request.add_types(omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED);
  auto stream = Watch(request);
  ASSERT_TRUE(Synchronise(*stream));

  ASSERT_TRUE(
      publisher_->Publish(Change("john-1", "C2", omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED)).ok());
  ASSERT_TRUE(
      publisher_->Publish(Change("jane-refund", "C1", omnihub::v1::EVENT_TYPE_REFUND_COMPLETED))
          .ok());
  ASSERT_TRUE(
      publisher_->Publish(Change("jane-1", "C1", omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED)).ok());
  omnihub::v1::Event event;
  do {
    ASSERT_TRUE(stream->reader->Read(&event));
  } while (event.event_id().rfind("erp:probe-", 0) == 0);
  EXPECT_EQ(event.event_id(), "erp:jane-1");
  EXPECT_EQ(event.type(), omnihub::v1::EVENT_TYPE_SHIPMENT_DELAYED);
  EXPECT_FALSE(event.customer_id().empty());
  EXPECT_EQ(event.source_system(), "erp");
  ASSERT_EQ(event.affected_sections_size(), 1);
  EXPECT_EQ(event.affected_sections(0), omnihub::v1::SECTION_ORDERS);
  stream->context.TryCancel();
}

TEST_F(WatchEventsTest, ASubscriberThatNeverReadsDelaysNobody) {
  auto stalled = Watch(ForJane());
  ASSERT_TRUE(Synchronise(*stalled));  // registered; from now on it never reads
  auto reader = Watch(ForJane());
  ASSERT_TRUE(Synchronise(*reader));

  // Far more than the stalled stream's 64-event queue holds. Published in batches that wait for
  // the reader to catch up, so the reader never overflows; were the stalled stream able to hold
  // up the broadcast, the reader would stop receiving and the publisher give up.
  constexpr int kEvents = 3000;
  constexpr int kBatch = 32;
  std::atomic<int> received{0};
  std::atomic<bool> gave_up{false};
  std::thread publish([&] {
    for (int i = 0; i < kEvents && !gave_up; ++i) {
      ASSERT_TRUE(publisher_
                      ->Publish(Change("bulk-" + std::to_string(i), "C1",
                                       omnihub::v1::EVENT_TYPE_NOTE_ADDED))
                      .ok());
      if ((i + 1) % kBatch == 0) {
        const auto limit = std::chrono::steady_clock::now() + 20s;
        while (received < i + 1 && !gave_up) {
          if (std::chrono::steady_clock::now() > limit) gave_up = true;
          std::this_thread::sleep_for(1ms);
        }
      }
    }
  });
  int dropped_notices = 0;
  omnihub::v1::Event event;
  while (received < kEvents && !gave_up && reader->reader->Read(&event)) {
    if (event.type() == omnihub::v1::EVENT_TYPE_EVENTS_DROPPED) ++dropped_notices;
    if (event.event_id().rfind("erp:bulk-", 0) == 0) ++received;
  }
  gave_up = true;  // releases the publisher if the reader ended early
  publish.join();
  EXPECT_EQ(received, kEvents);
  EXPECT_EQ(dropped_notices, 0);
  reader->context.TryCancel();
  stalled->context.TryCancel();
}

TEST_F(WatchEventsTest, InvalidRequestsAreRefusedNamingTheField) {
  omnihub::v1::WatchEventsRequest request;
  request.add_types(omnihub::v1::EVENT_TYPE_UNSPECIFIED);
  auto bad_type = Watch(request);
  omnihub::v1::Event event;
  EXPECT_FALSE(bad_type->reader->Read(&event));
  auto status = bad_type->reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_NE(status.error_message().find("types[0]"), std::string::npos) << status.error_message();

  omnihub::v1::WatchEventsRequest nobody;
  *nobody.mutable_customer()->mutable_identifier() = Email("nobody@example.com");
  auto unknown = Watch(nobody);
  EXPECT_FALSE(unknown->reader->Read(&event));
  EXPECT_EQ(unknown->reader->Finish().error_code(), grpc::StatusCode::NOT_FOUND);
}

TEST_F(WatchEventsTest, ShutdownEndsOpenStreamsWithUnavailable) {
  auto stream = Watch(ForJane());
  ASSERT_TRUE(Synchronise(*stream));
  hub_->Shutdown(30s);  // must not wait out the grace period for a stream that never ends
  omnihub::v1::Event event;
  while (stream->reader->Read(&event)) {
  }
  EXPECT_EQ(stream->reader->Finish().error_code(), grpc::StatusCode::UNAVAILABLE);
}

// Between FinishAll and the server's own shutdown (the hub waits there for calls in flight), a
// client asking for a stream is refused at once rather than given one that would hold the stop.
TEST(EventServiceStoppingTest, AStreamAskedForWhileStoppingIsRefusedWithUnavailable) {
  IdentifierNormalizer normalizer("GB");
  CustomerDirectory directory(normalizer);
  EventBroadcaster broadcaster(8);
  EventService service(directory, broadcaster);
  int port = 0;
  grpc::ServerBuilder builder;
  builder.AddListeningPort("127.0.0.1:0", grpc::InsecureServerCredentials(), &port);
  builder.RegisterService(&service);
  auto server = builder.BuildAndStart();
  ASSERT_NE(server, nullptr);
  auto events = omnihub::v1::EventService::NewStub(
      grpc::CreateChannel("127.0.0.1:" + std::to_string(port), grpc::InsecureChannelCredentials()));
  auto watch = [&] {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 10s);
    auto reader = events->WatchEvents(&context, omnihub::v1::WatchEventsRequest());
    omnihub::v1::Event event;
    while (reader->Read(&event)) {
    }
    return reader->Finish();
  };

  service.FinishAll();
  const auto asked = std::chrono::steady_clock::now();
  const grpc::Status refused = watch();
  EXPECT_EQ(refused.error_code(), grpc::StatusCode::UNAVAILABLE) << refused.error_message();
  EXPECT_EQ(refused.error_message(), "the hub is shutting down");
  EXPECT_LT(std::chrono::steady_clock::now() - asked, 5s) << "refused at once, not at the deadline";
  server->Shutdown(std::chrono::system_clock::now() + 1s);
}

TEST_F(WatchEventsTest, AChangeReachesTheNextCustomer360WithoutWaitingForExpiry) {
  auto customers = omnihub::v1::CustomerService::NewStub(channel_);
  const auto get360 = [&] {
    omnihub::v1::GetCustomer360Request request;
    *request.mutable_customer()->mutable_identifier() = Email("jane.doe@example.com");
    omnihub::v1::Customer360 response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 5s);
    EXPECT_TRUE(customers->GetCustomer360(&context, request, &response).ok());
    return response;
  };
  get360();
  const int calls_after_first = erp_->calls();
  ASSERT_GE(calls_after_first, 1);
  get360();
  ASSERT_EQ(erp_->calls(), calls_after_first) << "the second look is served from memory";

  // The stream tells us when the hub has routed (and so invalidated) the change.
  auto stream = Watch(ForJane());
  ASSERT_TRUE(Synchronise(*stream));
  ASSERT_TRUE(
      publisher_->Publish(Change("status-1", "C1", omnihub::v1::EVENT_TYPE_ORDER_STATUS_CHANGED))
          .ok());
  omnihub::v1::Event event;
  do {
    ASSERT_TRUE(stream->reader->Read(&event));
  } while (event.event_id() != "erp:status-1");

  const auto after = get360();
  EXPECT_GT(erp_->calls(), calls_after_first) << "the changed section was fetched again";
  for (const auto& source : after.sources()) {
    EXPECT_EQ(source.state(), omnihub::v1::SOURCE_STATE_OK) << source.system();
  }
  stream->context.TryCancel();
}

}  // namespace
}  // namespace omnihub::hub
