// Cases end to end in one process (ContactApiTest's hub over fake systems, its store a fresh
// SQLite file): opened once per key, read, listed newest first in pages, changed field by field,
// seen at once by another hub sharing the store; a contact may name only a case of its own
// customer; hostile case requests are refused naming the field. The customer's open cases are in
// the Customer 360, kept current in the cache by this hub's changes and by other hubs' (Refresh).
#include <gtest/gtest.h>

#include "tests/store/contact_api_fixture.h"

namespace omnihub::hub::testing {
namespace {

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
  auto other_contacts = ContactsOf(*other);
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

// The subjects of a view's open cases, in its order.
std::vector<std::string> OpenCaseSubjects(const omnihub::v1::Customer360& view) {
  std::vector<std::string> subjects;
  for (const auto& c : view.open_cases()) subjects.push_back(c.subject());
  return subjects;
}

omnihub::v1::UpdateCaseRequest StatusChange(const std::string& case_id,
                                            omnihub::v1::CaseStatus status) {
  omnihub::v1::UpdateCaseRequest update;
  update.mutable_case_()->set_case_id(case_id);
  update.mutable_case_()->set_status(status);
  update.add_update_mask("status");
  update.set_agent_id("A17");
  return update;
}

TEST_F(ContactApiTest, OpenCasesAreInTheCustomer360AndFollowEveryChangeFromTheCache) {
  const std::string jane = IdOf("jane.doe@example.com");
  auto before = View(jane);  // every section of Jane's is now cached
  EXPECT_EQ(before.open_cases_size(), 0);
  const auto* hub_source = SourceOf(before.sources(), "hub");
  ASSERT_NE(hub_source, nullptr);
  EXPECT_EQ(hub_source->state(), omnihub::v1::SOURCE_STATE_OK);
  const auto misses = hub_->cache()->Stats().misses;

  omnihub::v1::Case damaged, refund;
  ASSERT_TRUE(Open(NewCase("view-case-1", "parcel arrived damaged"), &damaged).ok());
  std::this_thread::sleep_for(5ms);  // the store keeps milliseconds
  ASSERT_TRUE(Open(NewCase("view-case-2", "refund not received"), &refund).ok());
  auto view = View(jane);
  EXPECT_EQ(OpenCaseSubjects(view),
            (std::vector<std::string>{"refund not received", "parcel arrived damaged"}));
  ASSERT_EQ(view.open_cases_size(), 2);
  EXPECT_EQ(view.open_cases(0).case_id(), refund.case_id());
  EXPECT_EQ(view.open_cases(0).customer_id(), jane);
  EXPECT_EQ(hub_->cache()->Stats().misses, misses) << "served from the cache, the cases added";

  // Still open but changed since: first.
  std::this_thread::sleep_for(5ms);
  ASSERT_TRUE(Change(StatusChange(damaged.case_id(), omnihub::v1::CASE_STATUS_PENDING)).ok());
  view = View(jane);
  EXPECT_EQ(OpenCaseSubjects(view),
            (std::vector<std::string>{"parcel arrived damaged", "refund not received"}));
  EXPECT_EQ(view.open_cases(0).status(), omnihub::v1::CASE_STATUS_PENDING);
  EXPECT_EQ(hub_->cache()->Stats().misses, misses);

  // Resolved: gone from the view (the store is read again), still listed by ListCases.
  ASSERT_TRUE(Change(StatusChange(refund.case_id(), omnihub::v1::CASE_STATUS_RESOLVED)).ok());
  view = View(jane);
  EXPECT_EQ(OpenCaseSubjects(view), std::vector<std::string>{"parcel arrived damaged"});
  EXPECT_EQ(CaseSubjects(jane).size(), 2u);
  EXPECT_EQ(View(IdOf("john@example.com")).open_cases_size(), 0) << "cases are Jane's own";

  // A restart reads them from the store.
  hub_.reset();
  StartHub();
  EXPECT_EQ(OpenCaseSubjects(View(jane)), std::vector<std::string>{"parcel arrived damaged"});
}

TEST_F(ContactApiTest, AnotherHubsCaseChangesReachThisHubsViewAndWatchers) {
  const std::string jane = IdOf("jane.doe@example.com");
  EXPECT_EQ(View(jane).open_cases_size(), 0);  // cached here without the case
  auto watch = Watch(jane);
  ASSERT_NE(watch, nullptr);

  auto other = MakeHub();
  ASSERT_NE(other, nullptr);
  auto other_contacts = ContactsOf(*other);
  omnihub::v1::Case opened;
  auto status =
      Open(NewCase("other-hub-case", "opened on the other hub"), &opened, other_contacts.get());
  ASSERT_TRUE(status.ok()) << status.error_message();

  auto learned = hub_->RefreshCases();
  ASSERT_TRUE(learned.ok()) << learned.status();
  EXPECT_EQ(*learned, 1u);
  EXPECT_EQ(OpenCaseSubjects(View(jane)), std::vector<std::string>{"opened on the other hub"});
  auto event = Next(*watch, omnihub::v1::EVENT_TYPE_CASE_CHANGED);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->subject(), opened.case_id());
  EXPECT_EQ(event->customer_id(), jane);
  EXPECT_EQ(event->detail(), "case changed through another hub: CASE_STATUS_OPEN");

  // Learned once; the hub that opened it does not learn its own.
  learned = hub_->RefreshCases();
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(*learned, 0u);
  learned = other->RefreshCases();
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(*learned, 0u);

  // Closed on the other hub: gone from this hub's view once it has looked.
  std::this_thread::sleep_for(5ms);
  status = Change(StatusChange(opened.case_id(), omnihub::v1::CASE_STATUS_CLOSED), nullptr,
                  other_contacts.get());
  ASSERT_TRUE(status.ok()) << status.error_message();
  learned = hub_->RefreshCases();
  ASSERT_TRUE(learned.ok());
  EXPECT_EQ(*learned, 1u);
  EXPECT_EQ(View(jane).open_cases_size(), 0);
  event = Next(*watch, omnihub::v1::EVENT_TYPE_CASE_CHANGED);
  ASSERT_TRUE(event.has_value());
  EXPECT_EQ(event->detail(), "case changed through another hub: CASE_STATUS_CLOSED");
  watch->context.TryCancel();
}

}  // namespace
}  // namespace omnihub::hub::testing
