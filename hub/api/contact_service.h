// ContactService (omnihub.v1): contact history from every system, and cases.
#pragma once

#include "hub/api/api_context.h"
#include "hub/contacts/hub_contacts.h"
#include "omnihub/v1/contact.grpc.pb.h"

namespace omnihub::hub {

// Thread-safe; never blocks a gRPC thread.
//
// LogContact writes to the hub's store through `contacts` (null: FAILED_PRECONDITION) after
// resolving the customer; the contact is kept under the golden id the customer resolves to.
// contact_id, customer_id and source_system of the request's contact are assigned by the hub
// (what the caller put there is ignored). Errors: INVALID_ARGUMENT naming each field that is
// wrong; NOT_FOUND naming "customer" (nobody has the identifier) or "contact.case_id" (no such
// case of the customer); ALREADY_EXISTS when the idempotency key was used for another contact.
class ContactService final : public omnihub::v1::ContactService::CallbackService {
 public:
  explicit ContactService(ApiContext context, HubContacts* contacts = nullptr)
      : context_(context), contacts_(contacts) {}

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
};

}  // namespace omnihub::hub
