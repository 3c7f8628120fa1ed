// ContactService (omnihub.v1): contact history from every system, and cases.
#pragma once

#include "hub/api/api_context.h"
#include "omnihub/v1/contact.grpc.pb.h"

namespace omnihub::hub {

// Thread-safe; never blocks a gRPC thread.
class ContactService final : public omnihub::v1::ContactService::CallbackService {
 public:
  explicit ContactService(ApiContext context) : context_(context) {}

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
};

}  // namespace omnihub::hub
