// ContactService (omnihub.v1): contact history from every system, contacts logged through the
// hub, and the cases the hub keeps.
#pragma once

#include "hub/api/api_context.h"
#include "hub/contacts/hub_cases.h"
#include "hub/contacts/hub_contacts.h"
#include "omnihub/v1/contact.grpc.pb.h"

namespace omnihub::hub {

// Thread-safe; never blocks a gRPC thread.
//
// LogContact writes to the hub's store through `contacts` (null: FAILED_PRECONDITION) after
// resolving the customer; the contact is kept under the golden id the customer resolves to.
// contact_id, customer_id and source_system of the request's contact are assigned by the hub
// (what the caller put there is ignored). A contact.case_id must name one of the customer's cases
// (`cases`). Errors: INVALID_ARGUMENT naming each field that is wrong; NOT_FOUND naming
// "customer" (nobody has the identifier) or "contact.case_id" (no such case of the customer);
// ALREADY_EXISTS when the idempotency key was used for another contact.
//
// Cases live in the hub's store (`cases`; null: FAILED_PRECONDITION), which is their system of
// record; every case call reads or writes the store, so hubs sharing one store agree at once.
//   CreateCase: for the golden id the customer resolves to; case_id, customer_id, created_at and
//     updated_at are assigned by the hub; status unset: OPEN, priority unset: NORMAL. A retry
//     with the same idempotency key answers the first case; the key with another case is
//     ALREADY_EXISTS (IDEMPOTENCY_KEY_REUSED).
//   GetCase: NOT_FOUND (CASE_NOT_FOUND) when there is no such case.
//   ListCases: the customer's cases (also those kept under ids merged into theirs), optionally
//     of some statuses, most recently updated first, in pages (at most 1,000 deep).
//   UpdateCase: changes the fields named in update_mask (status, priority, subject,
//     owner_agent_id) and stamps updated_at; agent_id says who (HubCases' changed hook: hubd's
//     log and CASE_CHANGED).
class ContactService final : public omnihub::v1::ContactService::CallbackService {
 public:
  explicit ContactService(ApiContext context, HubContacts* contacts = nullptr,
                          HubCases* cases = nullptr)
      : context_(context), contacts_(contacts), cases_(cases) {}

  // omnihub::v1::ContactService
  grpc::ServerUnaryReactor* ListContacts(grpc::CallbackServerContext* call,
                                         const omnihub::v1::ListContactsRequest* request,
                                         omnihub::v1::ListContactsResponse* response) override;
  grpc::ServerUnaryReactor* LogContact(grpc::CallbackServerContext* call,
                                       const omnihub::v1::LogContactRequest* request,
                                       omnihub::v1::Contact* response) override;
  grpc::ServerUnaryReactor* ListCases(grpc::CallbackServerContext* call,
                                      const omnihub::v1::ListCasesRequest* request,
                                      omnihub::v1::ListCasesResponse* response) override;
  grpc::ServerUnaryReactor* GetCase(grpc::CallbackServerContext* call,
                                    const omnihub::v1::GetCaseRequest* request,
                                    omnihub::v1::Case* response) override;
  grpc::ServerUnaryReactor* CreateCase(grpc::CallbackServerContext* call,
                                       const omnihub::v1::CreateCaseRequest* request,
                                       omnihub::v1::Case* response) override;
  grpc::ServerUnaryReactor* UpdateCase(grpc::CallbackServerContext* call,
                                       const omnihub::v1::UpdateCaseRequest* request,
                                       omnihub::v1::Case* response) override;

 private:
  ApiContext context_;
  HubContacts* contacts_;
  HubCases* cases_;
};

}  // namespace omnihub::hub
