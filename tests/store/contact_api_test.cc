// LogContact end to end in one process: a Hub over fake systems (erp holds one call-centre note)
// with its store in a fresh SQLite file, called through generated clients. A logged contact is in
// the very next GetCustomer360 and ListContacts, merged by time with the backend's and with its
// own source status "hub", served from the cache without asking the backends again; a WatchEvents
// subscriber gets CONTACT_LOGGED; a retry writes once; contacts logged under a customer merged
// into another by an agent's link show under the survivor; they survive a restart; hostile
// requests are refused naming the field. Cases: opened once per key, read, listed newest first in
// pages, changed field by field, seen at once by another hub sharing the store; a contact may name
// only a case of its own customer; hostile case requests are refused naming the field.
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

namespace omnihub::hub {
namespace {

using namespace std::chrono_literals;
using google::protobuf::util::TimeUtil;
using omnihub::sdk::Capability;
using omnihub::sdk::testing::FakeAdapter;

omnihub::v1::Identifier Email(std::string value) {
  omnihub::v1::Identifier identifier;
  identifier.set_type(omnihub::v1::IDENTIFIER_TYPE_EMAIL);
  identifier.set_value(std::move(value));
  return identifier;
}

using testing::ErrorReason;
using testing::ViolatedFields;

const omnihub::v1::SourceStatus* SourceOf(
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

  grpc::Status Open(const omnihub::v1::CreateCaseRequest& request,
                    omnihub::v1::Case* response = nullptr) {
    omnihub::v1::Case ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts_->CreateCase(&context, request, response ? response : &ignored);
  }

  grpc::Status Get(omnihub::v1::ContactService::Stub& contacts, const std::string& case_id,
                   omnihub::v1::Case* response) {
    omnihub::v1::GetCaseRequest request;
    request.set_case_id(case_id);
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts.GetCase(&context, request, response);
  }

  grpc::Status Change(const omnihub::v1::UpdateCaseRequest& request,
                      omnihub::v1::Case* response = nullptr) {
    omnihub::v1::Case ignored;
    grpc::ClientContext context;
    context.set_deadline(std::chrono::system_clock::now() + 20s);
    return contacts_->UpdateCase(&context, request, response ? response : &ignored);
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

  testing::StoreDatabase database_;
  omnihub::sdk::AdapterRegistry registry_;
  std::unique_ptr<Hub> hub_;
  std::unique_ptr<omnihub::v1::ContactService::Stub> contacts_;
  std::unique_ptr<omnihub::v1::CustomerService::Stub> customers_;
  std::unique_ptr<omnihub::v1::EventService::Stub> events_;
};

TEST_F(ContactApiTest, LoggedContactIsInTheNextViewAtOnceFromTheCache) {
  const std::string jane = IdOf("jane.doe@example.com");
  ASSERT_FALSE(jane.empty());
  auto before = View(jane);  // every section of Jane's is now cached
  ASSERT_EQ(before.recent_contacts_size(), 1);
  const auto* hub_source = SourceOf(before.sources(), "hub");
  ASSERT_NE(hub_source, nullptr);
  EXPECT_EQ(hub_source->state(), omnihub::v1::SOURCE_STATE_OK);
  const auto misses = hub_->cache()->Stats().misses;

  omnihub::v1::Contact logged;
  auto status = Log(Request("log-key-0001", "wants to change the delivery address"), &logged);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(logged.customer_id(), jane);
  EXPECT_EQ(logged.source_system(), "hub");
  EXPECT_FALSE(logged.contact_id().empty());
  EXPECT_TRUE(logged.has_occurred_at());

  auto after = View(jane);
  ASSERT_EQ(after.recent_contacts_size(), 2);
  EXPECT_EQ(after.recent_contacts(0).contact_id(), logged.contact_id());  // newest first
  EXPECT_EQ(after.recent_contacts(0).summary(), "wants to change the delivery address");
  EXPECT_EQ(after.recent_contacts(1).source_system(), "erp");
  hub_source = SourceOf(after.sources(), "hub");
  ASSERT_NE(hub_source, nullptr);
  EXPECT_EQ(hub_source->state(), omnihub::v1::SOURCE_STATE_OK);
  // Served from the cache: no section was fetched again.
  EXPECT_EQ(hub_->cache()->Stats().misses, misses);
  EXPECT_EQ(Summaries(jane), (std::vector<std::string>{"wants to change the delivery address",
                                                       "asked about her order"}));
}

TEST_F(ContactApiTest, WatchersGetContactLogged) {
  const std::string jane = IdOf("jane.doe@example.com");
  auto watch = Watch(jane);
  ASSERT_NE(watch, nullptr);
  auto& reader = watch->reader;
  omnihub::v1::Event event;
  omnihub::v1::Contact logged;
  ASSERT_TRUE(Log(Request("log-key-0002", "called back"), &logged).ok());
  bool found = false;
  while (!found && reader->Read(&event)) {
    found = event.type() == omnihub::v1::EVENT_TYPE_CONTACT_LOGGED;
  }
  ASSERT_TRUE(found);
  EXPECT_EQ(event.customer_id(), jane);
  EXPECT_EQ(event.event_id(), logged.contact_id());
  EXPECT_EQ(event.source_system(), "hub");
  ASSERT_EQ(event.affected_sections_size(), 1);
  EXPECT_EQ(event.affected_sections(0), omnihub::v1::SECTION_CONTACTS);
  watch->context.TryCancel();
}

TEST_F(ContactApiTest, RetryWritesOnceAndAReusedKeyIsRefused) {
  omnihub::v1::Contact first, again;
  ASSERT_TRUE(Log(Request("log-key-0003", "one call"), &first).ok());
  auto status = Log(Request("log-key-0003", "one call"), &again);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.contact_id(), first.contact_id());
  EXPECT_EQ(Summaries(IdOf("jane.doe@example.com")).size(), 2u);  // erp's note and this one

  status = Log(Request("log-key-0003", "another call"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_NE(status.error_message().find("summary"), std::string::npos) << status.error_message();
}

TEST_F(ContactApiTest, HostileRequestsAreRefusedNamingTheField) {
  auto refused = [&](omnihub::v1::LogContactRequest request, grpc::StatusCode code,
                     const std::string& field) {
    auto status = Log(request);
    EXPECT_EQ(status.error_code(), code) << field << ": " << status.error_message();
    const auto fields = ViolatedFields(status);
    const bool named = std::find(fields.begin(), fields.end(), field) != fields.end() ||
                       status.error_message().find(field) != std::string::npos;
    EXPECT_TRUE(named) << field << " not named in: " << status.error_message();
  };
  constexpr auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  refused(Request("hostile-0001", std::string(4001, 'x')), kInvalid, "contact.summary");
  {
    // protobuf refuses a proto3 string that is not UTF-8 when gRPC parses the request, before
    // the service (which would name contact.summary: CheckText) sees it; gRPC 1.51 answers
    // UNIMPLEMENTED without a message. Nothing is written either way (checked below).
    auto status = Log(Request("hostile-0002", "bad \xff\xfe bytes"));
    EXPECT_FALSE(status.ok());
  }
  refused(Request("hostile-0003", ""), kInvalid, "contact.summary");
  auto channel = Request("hostile-0004", "x");
  channel.mutable_contact()->set_channel(static_cast<omnihub::v1::ContactChannel>(42));
  refused(channel, kInvalid, "contact.channel");
  auto direction = Request("hostile-0005", "x");
  direction.mutable_contact()->set_direction(static_cast<omnihub::v1::ContactDirection>(-3));
  refused(direction, kInvalid, "contact.direction");
  refused(Request("", "x"), kInvalid, "idempotency_key");
  refused(Request("short", "x"), kInvalid, "idempotency_key");
  auto no_customer = Request("hostile-0006", "x");
  no_customer.clear_customer();
  refused(no_customer, kInvalid, "customer");
  auto no_agent = Request("hostile-0007", "x");
  no_agent.mutable_contact()->clear_agent_id();
  refused(no_agent, kInvalid, "contact.agent_id");
  auto future = Request("hostile-0008", "x");
  future.mutable_contact()->mutable_occurred_at()->set_seconds(
      TimeUtil::GetCurrentTime().seconds() + 86400);
  refused(future, kInvalid, "contact.occurred_at");
  refused(Request("hostile-0009", "x", "nobody@example.com"), grpc::StatusCode::NOT_FOUND,
          "customer");
  auto unknown_id = Request("hostile-0010", "x");
  unknown_id.mutable_customer()->set_customer_id("'; DROP TABLE contacts; --");
  refused(unknown_id, grpc::StatusCode::NOT_FOUND, "customer");
  auto with_case = Request("hostile-0011", "x");
  with_case.mutable_contact()->set_case_id("CASE-1");
  refused(with_case, grpc::StatusCode::NOT_FOUND, "contact.case_id");
  // Nothing of that was written; SQL in a summary is only text.
  const std::string jane = IdOf("jane.doe@example.com");
  EXPECT_EQ(Summaries(jane).size(), 1u);
  ASSERT_TRUE(Log(Request("hostile-0012", "Robert'); DROP TABLE contacts;--")).ok());
  EXPECT_EQ(Summaries(jane).front(), "Robert'); DROP TABLE contacts;--");
}

TEST_F(ContactApiTest, ContactsOfAMergedCustomerShowUnderTheSurvivor) {
  const std::string john = IdOf("john@example.com");
  const std::string jim = IdOf("jim@example.com");
  ASSERT_TRUE(!john.empty() && !jim.empty() && john != jim);
  ASSERT_TRUE(Log(Request("merge-key-01", "jim called", "jim@example.com")).ok());
  ASSERT_TRUE(Log(Request("merge-key-02", "john called", "john@example.com")).ok());
  View(john);  // cached before the merge

  omnihub::v1::LinkIdentifierRequest link;
  link.set_customer_id(john);
  *link.mutable_identifier() = Email("jim@example.com");
  link.set_agent_id("A17");
  link.set_reason("same person");
  omnihub::v1::LinkIdentifierResponse linked;
  grpc::ClientContext context;
  auto status = customers_->LinkIdentifier(&context, link, &linked);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string survivor = std::min(john, jim);
  const std::string absorbed = std::max(john, jim);

  auto summaries = Summaries(survivor);
  EXPECT_NE(std::find(summaries.begin(), summaries.end(), "jim called"), summaries.end());
  EXPECT_NE(std::find(summaries.begin(), summaries.end(), "john called"), summaries.end());
  // The absorbed id resolves to the survivor, so logging under it lands there too.
  omnihub::v1::Contact logged;
  auto request = Request("merge-key-03", "after the merge");
  request.mutable_customer()->set_customer_id(absorbed);
  ASSERT_TRUE(Log(request, &logged).ok());
  EXPECT_EQ(logged.customer_id(), survivor);
  EXPECT_EQ(Summaries(survivor).front(), "after the merge");
}

TEST_F(ContactApiTest, LoggedContactsSurviveARestart) {
  ASSERT_TRUE(Log(Request("restart-key-1", "before the restart")).ok());
  contacts_.reset();
  customers_.reset();
  events_.reset();
  hub_.reset();
  StartHub();
  EXPECT_EQ(Summaries(IdOf("jane.doe@example.com")).front(), "before the restart");
}

TEST_F(ContactApiTest, AnotherHubSharingTheStoreLearnsTheContact) {
  auto other = MakeHub();
  ASSERT_NE(other, nullptr);
  auto other_contacts = omnihub::v1::ContactService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(other->grpc_port()), grpc::InsecureChannelCredentials()));
  const std::string jane = IdOf("jane.doe@example.com");
  ASSERT_EQ(Summaries(*other_contacts, jane).size(), 1u);  // cached there without the contact

  ASSERT_TRUE(Log(Request("shared-key-01", "logged on the first hub")).ok());
  auto learned = other->RefreshContacts();
  ASSERT_TRUE(learned.ok()) << learned.status();
  EXPECT_EQ(*learned, 1u);
  EXPECT_EQ(Summaries(*other_contacts, jane).front(), "logged on the first hub");
  // Learned once; and the hub that logged it does not learn its own.
  learned = other->RefreshContacts();
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(*learned, 0u);
  learned = hub_->RefreshContacts();
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(*learned, 0u);
}

TEST_F(ContactApiTest, ACaseIsOpenedReadListedAndChanged) {
  const std::string jane = IdOf("jane.doe@example.com");
  auto request = NewCase("case-key-0001", "parcel arrived damaged");
  request.mutable_case_()->set_order_number("W1000002");
  request.mutable_case_()->set_case_id("K-chosen-by-the-caller");  // assigned by the hub
  omnihub::v1::Case opened;
  auto status = Open(request, &opened);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(opened.case_id().rfind("K-", 0), 0u) << opened.case_id();
  EXPECT_NE(opened.case_id(), "K-chosen-by-the-caller");
  EXPECT_EQ(opened.customer_id(), jane);
  EXPECT_EQ(opened.status(), omnihub::v1::CASE_STATUS_OPEN);
  EXPECT_EQ(opened.priority(), omnihub::v1::CASE_PRIORITY_NORMAL);
  EXPECT_EQ(opened.order_number(), "W1000002");
  EXPECT_TRUE(opened.has_created_at());

  // A retry answers the first case; the key with another case is refused naming the key.
  omnihub::v1::Case again;
  ASSERT_TRUE(Open(request, &again).ok());
  EXPECT_EQ(again.case_id(), opened.case_id());
  status = Open(NewCase("case-key-0001", "another subject"));
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS) << status.error_message();
  EXPECT_EQ(ErrorReason(status), "IDEMPOTENCY_KEY_REUSED");

  omnihub::v1::Case read;
  ASSERT_TRUE(Get(*contacts_, opened.case_id(), &read).ok());
  EXPECT_EQ(read.SerializeAsString(), opened.SerializeAsString());
  EXPECT_EQ(CaseSubjects(jane), std::vector<std::string>{"parcel arrived damaged"});

  omnihub::v1::UpdateCaseRequest update;
  update.mutable_case_()->set_case_id(opened.case_id());
  update.mutable_case_()->set_status(omnihub::v1::CASE_STATUS_RESOLVED);
  update.mutable_case_()->set_priority(omnihub::v1::CASE_PRIORITY_URGENT);  // not in the mask
  update.add_update_mask("status");
  update.set_agent_id("A17");
  omnihub::v1::Case changed;
  status = Change(update, &changed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(changed.status(), omnihub::v1::CASE_STATUS_RESOLVED);
  EXPECT_EQ(changed.priority(), omnihub::v1::CASE_PRIORITY_NORMAL) << "only the mask changes";
  EXPECT_EQ(changed.subject(), "parcel arrived damaged");
  ASSERT_TRUE(Get(*contacts_, opened.case_id(), &read).ok());
  EXPECT_EQ(read.status(), omnihub::v1::CASE_STATUS_RESOLVED);
  EXPECT_TRUE(CaseSubjects(jane, {omnihub::v1::CASE_STATUS_OPEN}).empty());
  EXPECT_EQ(CaseSubjects(jane, {omnihub::v1::CASE_STATUS_OPEN, omnihub::v1::CASE_STATUS_RESOLVED}),
            std::vector<std::string>{"parcel arrived damaged"});
  EXPECT_TRUE(CaseSubjects(IdOf("john@example.com")).empty()) << "cases are the customer's own";
}

TEST_F(ContactApiTest, WatchersGetCaseChangedWhenACaseIsOpenedOrChanged) {
  const std::string jane = IdOf("jane.doe@example.com");
  auto watch = Watch(jane);
  ASSERT_NE(watch, nullptr);
  omnihub::v1::Case opened;
  ASSERT_TRUE(Open(NewCase("event-case-1", "wrong size delivered"), &opened).ok());
  auto event = Next(*watch, omnihub::v1::EVENT_TYPE_CASE_CHANGED);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->customer_id(), jane);
  EXPECT_EQ(event->subject(), opened.case_id());
  EXPECT_EQ(event->source_system(), "hub");
  EXPECT_EQ(event->detail(), "case opened: CASE_STATUS_OPEN, CASE_PRIORITY_NORMAL");
  ASSERT_EQ(event->affected_sections_size(), 1);
  EXPECT_EQ(event->affected_sections(0), omnihub::v1::SECTION_CASES);

  ASSERT_TRUE(Open(NewCase("event-case-1", "wrong size delivered")).ok());  // a retry: no event
  omnihub::v1::UpdateCaseRequest update;
  update.mutable_case_()->set_case_id(opened.case_id());
  update.mutable_case_()->set_owner_agent_id("A42");
  update.add_update_mask("owner_agent_id");
  update.set_agent_id("A17");
  ASSERT_TRUE(Change(update).ok());
  event = Next(*watch, omnihub::v1::EVENT_TYPE_CASE_CHANGED);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->detail(), "case changed by agent A17: owner_agent_id");
  EXPECT_EQ(event->subject(), opened.case_id());
  watch->context.TryCancel();
}

TEST_F(ContactApiTest, CasesComeNewestFirstInPagesAndAnotherHubSeesThemAtOnce) {
  const std::string jane = IdOf("jane.doe@example.com");
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(Open(NewCase("paged-key-" + std::to_string(i), "case " + std::to_string(i))).ok());
    std::this_thread::sleep_for(5ms);  // the store keeps milliseconds
  }
  omnihub::v1::ListCasesRequest request;
  request.mutable_customer()->set_customer_id(jane);
  request.set_page_size(2);
  std::vector<std::string> subjects;
  int pages = 0;
  do {
    omnihub::v1::ListCasesResponse response;
    ASSERT_TRUE(ListCases(request, &response).ok());
    EXPECT_LE(response.cases_size(), 2);
    for (const auto& c : response.cases()) subjects.push_back(c.subject());
    request.set_page_token(response.next_page_token());
    ASSERT_LT(++pages, 10);
  } while (!request.page_token().empty());
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(subjects, (std::vector<std::string>{"case 5", "case 4", "case 3", "case 2", "case 1"}));
  // A token is bound to its query.
  request.set_page_token("not-a-token");
  omnihub::v1::ListCasesResponse ignored;
  EXPECT_EQ(ListCases(request, &ignored).error_code(), grpc::StatusCode::INVALID_ARGUMENT);

  auto other = MakeHub();
  ASSERT_NE(other, nullptr);
  auto other_contacts = omnihub::v1::ContactService::NewStub(grpc::CreateChannel(
      "127.0.0.1:" + std::to_string(other->grpc_port()), grpc::InsecureChannelCredentials()));
  omnihub::v1::Case opened;
  ASSERT_TRUE(Open(NewCase("shared-case-1", "opened on the first hub"), &opened).ok());
  omnihub::v1::Case read;
  ASSERT_TRUE(Get(*other_contacts, opened.case_id(), &read).ok());
  EXPECT_EQ(read.subject(), "opened on the first hub");
}

TEST_F(ContactApiTest, AContactMayNameOnlyACaseOfItsOwnCustomer) {
  omnihub::v1::Case johns;
  ASSERT_TRUE(Open(NewCase("john-case-1", "john's case", "john@example.com"), &johns).ok());
  omnihub::v1::Case janes;
  ASSERT_TRUE(Open(NewCase("jane-case-1", "jane's case"), &janes).ok());

  auto naming_johns = Request("case-contact-1", "about john's case");
  naming_johns.mutable_contact()->set_case_id(johns.case_id());
  auto status = Log(naming_johns);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_EQ(ErrorReason(status), "CASE_NOT_FOUND");
  EXPECT_NE(status.error_message().find("contact.case_id"), std::string::npos);

  auto naming_janes = Request("case-contact-2", "about her case");
  naming_janes.mutable_contact()->set_case_id(janes.case_id());
  omnihub::v1::Contact logged;
  status = Log(naming_janes, &logged);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(logged.case_id(), janes.case_id());
  EXPECT_EQ(Summaries(IdOf("jane.doe@example.com")).front(), "about her case");
}

TEST_F(ContactApiTest, HostileCaseRequestsAreRefusedNamingTheField) {
  auto names = [](const grpc::Status& status, const std::string& field) {
    const auto fields = ViolatedFields(status);
    return std::find(fields.begin(), fields.end(), field) != fields.end() ||
           status.error_message().find(field) != std::string::npos;
  };
  constexpr auto kInvalid = grpc::StatusCode::INVALID_ARGUMENT;
  auto refused_open = [&](omnihub::v1::CreateCaseRequest request, const std::string& field) {
    auto status = Open(request);
    EXPECT_EQ(status.error_code(), kInvalid) << field << ": " << status.error_message();
    EXPECT_TRUE(names(status, field)) << field << " not named in: " << status.error_message();
  };
  refused_open(NewCase("hostile-case-1", ""), "case.subject");
  refused_open(NewCase("hostile-case-2", std::string(301, 's')), "case.subject");
  auto status_out_of_range = NewCase("hostile-case-3", "x");
  status_out_of_range.mutable_case_()->set_status(static_cast<omnihub::v1::CaseStatus>(9));
  refused_open(status_out_of_range, "case.status");
  auto priority_out_of_range = NewCase("hostile-case-4", "x");
  priority_out_of_range.mutable_case_()->set_priority(static_cast<omnihub::v1::CasePriority>(-1));
  refused_open(priority_out_of_range, "case.priority");
  auto long_order = NewCase("hostile-case-5", "x");
  long_order.mutable_case_()->set_order_number(std::string(65, '9'));
  refused_open(long_order, "case.order_number");
  refused_open(NewCase("", "x"), "idempotency_key");
  auto no_case = NewCase("hostile-case-6", "x");
  no_case.clear_case_();
  refused_open(no_case, "case");
  auto no_customer = NewCase("hostile-case-7", "x");
  no_customer.clear_customer();
  refused_open(no_customer, "customer");
  EXPECT_EQ(Open(NewCase("hostile-case-8", "x", "nobody@example.com")).error_code(),
            grpc::StatusCode::NOT_FOUND);

  omnihub::v1::Case opened;
  ASSERT_TRUE(Open(NewCase("hostile-case-9", "Robert'); DROP TABLE cases;--"), &opened).ok());
  auto refused_change = [&](omnihub::v1::UpdateCaseRequest request, const std::string& field) {
    auto status = Change(request);
    EXPECT_EQ(status.error_code(), kInvalid) << field << ": " << status.error_message();
    EXPECT_TRUE(names(status, field)) << field << " not named in: " << status.error_message();
  };
  omnihub::v1::UpdateCaseRequest update;
  update.mutable_case_()->set_case_id(opened.case_id());
  update.set_agent_id("A17");
  refused_change(update, "update_mask");
  update.add_update_mask("customer_id");
  refused_change(update, "update_mask[0]");
  update.clear_update_mask();
  update.add_update_mask("status");
  refused_change(update, "case.status");  // named but left unset
  update.mutable_case_()->set_status(omnihub::v1::CASE_STATUS_CLOSED);
  update.add_update_mask("status");
  refused_change(update, "update_mask[1]");
  update.clear_update_mask();
  update.add_update_mask("status");
  update.clear_agent_id();
  refused_change(update, "agent_id");
  update.set_agent_id("A17");
  update.mutable_case_()->set_case_id("K-none");
  auto status = Change(update);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND) << status.error_message();
  EXPECT_EQ(ErrorReason(status), "CASE_NOT_FOUND");

  omnihub::v1::Case read;
  EXPECT_EQ(Get(*contacts_, "", &read).error_code(), kInvalid);
  EXPECT_EQ(Get(*contacts_, std::string(65, 'K'), &read).error_code(), kInvalid);
  status = Get(*contacts_, "K-none", &read);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  EXPECT_EQ(ErrorReason(status), "CASE_NOT_FOUND");

  omnihub::v1::ListCasesRequest list;
  list.mutable_customer()->set_customer_id(opened.customer_id());
  list.add_statuses(static_cast<omnihub::v1::CaseStatus>(42));
  omnihub::v1::ListCasesResponse listed;
  status = ListCases(list, &listed);
  EXPECT_EQ(status.error_code(), kInvalid);
  EXPECT_TRUE(names(status, "statuses[0]")) << status.error_message();
  list.clear_statuses();
  list.set_page_size(1000);
  EXPECT_EQ(ListCases(list, &listed).error_code(), kInvalid);

  // Nothing of that was written or changed; SQL in a subject is only text.
  ASSERT_TRUE(Get(*contacts_, opened.case_id(), &read).ok());
  EXPECT_EQ(read.status(), omnihub::v1::CASE_STATUS_OPEN);
  EXPECT_EQ(CaseSubjects(opened.customer_id()),
            std::vector<std::string>{"Robert'); DROP TABLE cases;--"});
}

}  // namespace
}  // namespace omnihub::hub
