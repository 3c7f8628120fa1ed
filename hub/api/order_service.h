// OrderService (omnihub.v1): a customer's orders across channels, and the actions on them.
#pragma once

#include "hub/api/api_context.h"
#include "omnihub/v1/order.grpc.pb.h"

namespace omnihub::hub {

// Thread-safe; never blocks a gRPC thread.
class OrderService final : public omnihub::v1::OrderService::CallbackService {
 public:
  explicit OrderService(ApiContext context) : context_(context) {}

  // omnihub::v1::OrderService
  grpc::ServerUnaryReactor* GetOrder(grpc::CallbackServerContext* call,
                                     const omnihub::v1::GetOrderRequest* request,
                                     omnihub::v1::GetOrderResponse* response) override;
  grpc::ServerUnaryReactor* ListOrders(grpc::CallbackServerContext* call,
                                       const omnihub::v1::ListOrdersRequest* request,
                                       omnihub::v1::ListOrdersResponse* response) override;
  grpc::ServerUnaryReactor* RefundOrder(grpc::CallbackServerContext* call,
                                        const omnihub::v1::RefundOrderRequest* request,
                                        omnihub::v1::ActionResult* response) override;
  grpc::ServerUnaryReactor* CancelOrder(grpc::CallbackServerContext* call,
                                        const omnihub::v1::CancelOrderRequest* request,
                                        omnihub::v1::ActionResult* response) override;
  grpc::ServerUnaryReactor* ApplyGoodwill(grpc::CallbackServerContext* call,
                                          const omnihub::v1::ApplyGoodwillRequest* request,
                                          omnihub::v1::ActionResult* response) override;

 private:
  ApiContext context_;
};

}  // namespace omnihub::hub
