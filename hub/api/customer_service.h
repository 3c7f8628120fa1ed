// CustomerService (omnihub.v1): one customer, whoever the caller knows them as.
#pragma once

#include "hub/api/api_context.h"
#include "hub/api/request_checks.h"
#include "omnihub/v1/customer.grpc.pb.h"

namespace omnihub::hub {

// Validates each request, resolves the customer and fans out to the backends; never blocks a
// gRPC thread. Thread-safe.
//
// SearchCustomers by name and postcode combines the identity index's candidates with what every
// backend able to search (ApiContext::search) finds, under the caller's deadline; each such
// backend's status is in the response's `sources`, and a failing or slow one never fails the
// search (search_matches.h says how hits become matches). Each page asks the backends again, so
// pages are consistent while the backends answer the same.
//
// GetCustomer360 is a raw method (bytes in, bytes out): an answer the cache kept serialised is
// sent as it is, without assembling or serialising anything per call.
class CustomerService final
    : public omnihub::v1::CustomerService::WithRawCallbackMethod_GetCustomer360<
          omnihub::v1::CustomerService::CallbackService> {
 public:
  explicit CustomerService(ApiContext context) : context_(context) {}

  // omnihub::v1::CustomerService
  grpc::ServerUnaryReactor* GetCustomer(grpc::CallbackServerContext* call,
                                        const omnihub::v1::GetCustomerRequest* request,
                                        omnihub::v1::GetCustomerResponse* response) override;
  grpc::ServerUnaryReactor* GetCustomer360(grpc::CallbackServerContext* call,
                                           const grpc::ByteBuffer* request_bytes,
                                           grpc::ByteBuffer* response) override;
  grpc::ServerUnaryReactor* SearchCustomers(
      grpc::CallbackServerContext* call, const omnihub::v1::SearchCustomersRequest* request,
      omnihub::v1::SearchCustomersResponse* response) override;
  grpc::ServerUnaryReactor* LinkIdentifier(grpc::CallbackServerContext* call,
                                           const omnihub::v1::LinkIdentifierRequest* request,
                                           omnihub::v1::LinkIdentifierResponse* response) override;
  grpc::ServerUnaryReactor* UnlinkIdentifier(
      grpc::CallbackServerContext* call, const omnihub::v1::UnlinkIdentifierRequest* request,
      omnihub::v1::UnlinkIdentifierResponse* response) override;

 private:
  // The name-and-postcode search (after validation).
  grpc::ServerUnaryReactor* SearchByName(grpc::CallbackServerContext* call,
                                         const omnihub::v1::NameQuery& name, const PageWindow& page,
                                         const std::string& query,
                                         omnihub::v1::SearchCustomersResponse* response);

  ApiContext context_;
};

}  // namespace omnihub::hub
