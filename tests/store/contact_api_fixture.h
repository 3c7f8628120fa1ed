// ContactApiTest: the fixture of the contact and case API tests: a Hub over fake systems (erp holds
// one call-centre note; Jane Doe is in erp and ecommerce, John Roe in erp) with its store in a
// fresh SQLite file (or the PostgreSQL database the environment names), called through generated
// clients; helpers to log contacts, open, read, list and change cases, read the Customer 360 and
// watch events. Another hub over the same systems and store: MakeHub.
#pragma once

#include <google/protobuf/util/time_util.h>
#include <grpcpp/create_channel.h>
#include <grpcpp/security/credentials.h>
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>

#include "adapters/sdk/testing/fake_adapter.h"
#include "hub/cache/aggregate_cache.h"
#include "hub/events/change_router.h"
#include "hub/server/hub.h"
#include "omnihub/v1/contact.grpc.pb.h"
#include "omnihub/v1/customer.grpc.pb.h"
#include "omnihub/v1/event.grpc.pb.h"
#include "tests/store/store_database.h"
#include "tests/support/violated_fields.h"

namespace omnihub::hub::testing {

using namespace std::chrono_literals;
using google::protobuf::util::TimeUtil;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;

inline omnihub::v1::Identifier Email(std::string value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier.set_value(std::move(value));
  return identifier;
}

inline const omnihub::v1::SourceStatus* SourceOf(
    const google::protobuf::RepeatedPtrField<omnihub::v1::SourceStatus>& sources,
    const std::string& system) {
  for (const auto& source : sources) {
    if (source.system() == system) return &source;
  }
  return nullptr;
}

class ContactApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(registry_
                    .Register("fake",
                              [](const omnihub::sdk::AdapterConfig& adapter_config,
                                 const omnihub::sdk::AdapterEnvironment& environment)
                                  -> absl::StatusOr<std::unique_ptr<omnihub::sdk::Adapter>> {
                                return MakeFake(adapter_config.system, environment);
                              })
                    .ok());
    StartHub();
  }

  static std::unique_ptr<omnihub::sdk::Adapter> MakeFake(
      const std::string& system, const omnihub::sdk::AdapterEnvironment& environment) {
    auto fake = std::make_unique<FakeAdapter>(
        environment.executor, system,
        omnihub::sdk::Capabilities{Capability::kProfile, Capability::kIdentityScan,
                                   Capability::kContacts},
        1ms);
    fake->data.profile.emplace();
    if (system == "erp") {
      fake->identities = {{"C1", {Email("jane.doe@example.com")}, "Jane Doe", "LS1 4AB"},
                          {"C2", {Email("john@example.com")}, "John Roe", "LS1 4AB"}};
      omnihub::v1::Contact note;
      note.set_contact_id("erp-note-1");
      note.set_channel(omnihub::v1::CONTACT_CHANNEL_PHONE);
      note.set_summary("asked about her order");
      note.set_source_system("erp");
      EXPECT_TRUE(TimeUtil::FromString("2026-10-01T09:00:00Z", note.mutable_occurred_at()));
      fake->data.contacts.push_back(note);
    } else {
      fake->identities = {{"E1", {Email("jane.doe@example.com")}, "Jane Doe", ""},
                          {"E2", {Email("jim@example.com")}, "Jim Poe", ""}};
    }
    return fake;
  }

  void StartHub() {
    hub_ = MakeHub();
    ASSERT_NE(hub_, nullptr);
    auto channel = grpc::CreateChannel("127.0.0.1:" + std::to_string(hub_->grpc_port()),
                                       grpc::InsecureChannelCredentials());
    contacts_ = omnihub::v1::ContactService::NewStub(channel);
    customers_ = omnihub::v1::CustomerService::NewStub(channel);
    events_ = omnihub::v1::EventService::NewStub(channel);
  }

  // A hub over the same systems and the same store.
  std::unique_ptr<Hub> MakeHub() {
    HubConfig config;
    config.grpc_listen = {"127.0.0.1", 0};
    config.admin_listen = {"127.0.0.1", 0};
    config.survivorship = {{"*", {"erp", "ecommerce"}}};
    config.store = database_.options();
    config.store.refresh_interval = 0ms;
    for (const char* system : {"erp", "ecommerce"}) {
      config.adapters.push_back({system, "fake", {}, "test"});
    }
    auto hub = Hub::Create(config, registry_);
    EXPECT_TRUE(hub.ok()) << hub.status();
    if (!hub.ok()) return nullptr;
    auto started = (*hub)->Start();
    EXPECT_TRUE(started.ok()) << started;
    return started.ok() ? *std::move(hub) : nullptr;
  }

  std::string IdOf(const std::string& email) {
    auto found = hub_->identity_index().Find(Email(email));
    return found.size() == 1 ? found.front()->customer_id : "";
  }

  static omnihub::v1::LogContactRequest Request(const std::string& key, const std::string& summary,
                                                const std::string& email = "jane.doe@example.com") {
    omnihub::v1::LogContactRequest request;
    *request.mutable_customer()->mutable_identifier() = Email(email);
    request.set_idempotency_key(key);
    auto* contact = request.mutable_contact();
    contact->set_channel(omnihub::v1::CONTACT_CHANNEL_CHAT);
    contact->set_direction(omnihub::v1::CONTACT_DIRECTION_INBOUND);
    contact->set_agent_id("A17");
    contact->set_summary(summary);
    return request;
  }

  grpc::Status Log(const omnihub::v1::LogContactRequest& request,
                   omnihub::v1::Contact* response = nullptr) {
    omnihub::v1::Contact ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts_->LogContact(&context, request, response ? response : &ignored);
  }

  omnihub::v1::Customer360 View(const std::string& customer_id) {
    omnihub::v1::GetCustomer360Request request;
    request.mutable_customer()->set_customer_id(customer_id);
    omnihub::v1::Customer360 view;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    auto status = customers_->GetCustomer360(&context, request, &view);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return view;
  }

  std::vector<std::string> Summaries(const std::string& customer_id) {
    return Summaries(*contacts_, customer_id);
  }
  static std::vector<std::string> Summaries(omnihub::v1::ContactService::Stub& contacts,
                                            const std::string& customer_id) {
    omnihub::v1::ListContactsRequest request;
    request.mutable_customer()->set_customer_id(customer_id);
    omnihub::v1::ListContactsResponse response;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    auto status = contacts.ListContacts(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    std::vector<std::string> summaries;
    for (const auto& contact : response.contacts()) summaries.push_back(contact.summary());
    return summaries;
  }

  static omnihub::v1::CreateCaseRequest NewCase(const std::string& key, const std::string& subject,
                                                const std::string& email = "jane.doe@example.com") {
    omnihub::v1::CreateCaseRequest request;
    *request.mutable_customer()->mutable_identifier() = Email(email);
    request.set_idempotency_key(key);
    request.mutable_case_()->set_subject(subject);
    return request;
  }

  // A ContactService client of `hub` (another hub over the same store: MakeHub).
  static std::unique_ptr<omnihub::v1::ContactService::Stub> ContactsOf(const Hub& hub) {
    return omnihub::v1::ContactService::NewStub(grpc::CreateChannel(
        "127.0.0.1:" + std::to_string(hub.grpc_port()), grpc::InsecureChannelCredentials()));
  }

  // CreateCase through `on` (this hub's client when null).
  grpc::Status Open(const omnihub::v1::CreateCaseRequest& request,
                    omnihub::v1::Case* response = nullptr,
                    omnihub::v1::ContactService::Stub* on = nullptr) {
    omnihub::v1::Case ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return (on ? *on : *contacts_).CreateCase(&context, request, response ? response : &ignored);
  }

  grpc::Status Get(omnihub::v1::ContactService::Stub& contacts, const std::string& case_id,
                   omnihub::v1::Case* response) {
    omnihub::v1::GetCaseRequest request;
    request.set_case_id(case_id);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts.GetCase(&context, request, response);
  }

  // UpdateCase through `on` (this hub's client when null).
  grpc::Status Change(const omnihub::v1::UpdateCaseRequest& request,
                      omnihub::v1::Case* response = nullptr,
                      omnihub::v1::ContactService::Stub* on = nullptr) {
    omnihub::v1::Case ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return (on ? *on : *contacts_).UpdateCase(&context, request, response ? response : &ignored);
  }

  grpc::Status ListCases(const omnihub::v1::ListCasesRequest& request,
                         omnihub::v1::ListCasesResponse* response) {
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts_->ListCases(&context, request, response);
  }

  // The subjects of the customer's cases, in the order ListCases gives them (every page).
  std::vector<std::string> CaseSubjects(const std::string& customer_id,
                                        std::vector<omnihub::v1::CaseStatus> statuses = {}) {
    omnihub::v1::ListCasesRequest request;
    request.mutable_customer()->set_customer_id(customer_id);
    for (auto status : statuses) request.add_statuses(status);
    std::vector<std::string> subjects;
    do {
      omnihub::v1::ListCasesResponse response;
      auto status = ListCases(request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      if (!status.ok()) break;
      for (const auto& c : response.cases()) subjects.push_back(c.subject());
      request.set_page_token(response.next_page_token());
    } while (!request.page_token().empty());
    return subjects;
  }

  // A WatchEvents stream of the customer's events, once the hub has registered it (it registers
  // asynchronously: probe events are sent until one is read); null when none arrives.
  struct EventStream {
    grpc::ClientContext context;
    std::unique_ptr<grpc::ClientReader<omnihub::v1::Event>> reader;
  };
  std::unique_ptr<EventStream> Watch(const std::string& customer_id) {
    auto stream = std::make_unique<EventStream>();
    omnihub::v1::WatchEventsRequest watch;
    watch.mutable_customer()->set_customer_id(customer_id);
    stream->context.set_deadline(std::chrono::system_clock::now() + 60s);
    stream->reader = events_->WatchEvents(&stream->context, watch);
    std::atomic<bool> seen{false};
    std::thread prober([&] {
      for (int n = 0; n < 400 && !seen; ++n) {
        omnihub::v1::Event probe;
        probe.set_event_id("probe");
        probe.set_type(omnihub::v1::EVENT_TYPE_NOTE_ADDED);
        probe.set_customer_id(customer_id);
        hub_->change_router().OnHubEvent(probe);
        std::this_thread::sleep_for(50ms);
      }
    });
    omnihub::v1::Event event;
    const bool read = stream->reader->Read(&event);
    seen = true;
    prober.join();
    return read ? std::move(stream) : nullptr;
  }

  // The next event of `type` on `stream` (probes and others skipped); nullopt when it ends.
  static std::optional<omnihub::v1::Event> Next(EventStream& stream, omnihub::v1::EventType type) {
    omnihub::v1::Event event;
    while (stream.reader->Read(&event)) {
      if (event.type() == type) return event;
    }
    return std::nullopt;
  }

  StoreDatabase database_;
  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<omnihub::v1::ContactService::Stub> contacts_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> customers_;
  std::unique_ptr<omnihub::v1::EventService::Stub> events_;
};

}  // namespace omnihub::hub::testing
