#include "hub/api/order_service.h"

#include "absl/strings/str_cat.h"
#include "hub/api/page_token.h"
#include "hub/api/request_checks.h"

namespace omnihub::hub {
namespace {

// The most orders a page may reach into (offset + page size) per source.
constexpr int kMaxOrderWindow = 1000;

void CheckOrderNumber(const std::string& value, const std::string& field,
                      std::vector<FieldViolation>& violations) {
  CheckText(value, field, 64, true, violations);
  for (char c : value) {
    if (c <= 0x20 || c >= 0x7f) {
      violations.push_back({field, "may contain only printable ASCII characters without spaces"});
      return;
    }
  }
}

void CheckActor(const omnihub::v1::ActionActor& actor, std::vector<FieldViolation>& violations) {
  CheckText(actor.agent_id(), "actor.agent_id", 64, true, violations);
  CheckText(actor.reason(), "actor.reason", 500, true, violations);
}

void CheckMoney(const omnihub::v1::Money& money, const std::string& field,
                std::vector<FieldViolation>& violations) {
  const auto& code = money.currency_code();
  if (code.size() != 3 ||
      !std::all_of(code.begin(), code.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
    violations.push_back({field + ".currency_code", "must be an ISO 4217 code such as GBP"});
  }
  if (money.amount_minor() <= 0) {
    violations.push_back({field + ".amount_minor", "must be a positive amount in minor units"});
  }
}

grpc::ServerUnaryReactor* NotYet(grpc::CallbackServerContext* call,
                                 const std::vector<FieldViolation>& violations, const char* what) {
  auto* reactor = call->DefaultReactor();
  if (!violations.empty()) {
    reactor->Finish(InvalidRequest(violations));
  } else {
    reactor->Finish(ToGrpcStatus(absl::UnimplementedError(
        absl::StrCat(what, " are declared in the API but not implemented by this hub yet"))));
  }
  return reactor;
}

}  // namespace

grpc::ServerUnaryReactor* OrderService::GetOrder(grpc::CallbackServerContext* call,
                                                 const omnihub::v1::GetOrderRequest* request,
                                                 omnihub::v1::GetOrderResponse* response) {
  std::vector<FieldViolation> violations;
  CheckOrderNumber(request->order_number(), "order_number", violations);
  if (!violations.empty()) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }
  FanOutRequest fan_out{{omnihub::v1::SECTION_ORDERS, omnihub::v1::SECTION_PAYMENTS},
                        context_.recent_limit,
                        request->order_number()};
  return ResolveAndFanOut(context_, call, request->customer(), "customer", fan_out,
                          [this, request, response](const ResolvedCustomer&,
                                                    const std::vector<SourceOutcome>& outcomes) {
                            if (auto status = AnySourceAnswered(outcomes); !status.ok())
                              return ToGrpcStatus(status);
                            for (auto& status : Merger::Statuses(outcomes))
                              *response->add_sources() = std::move(status);
                            for (auto& order : context_.merger.Orders(outcomes)) {
                              if (order.order_number() == request->order_number()) {
                                *response->mutable_order() = std::move(order);
                                break;
                              }
                            }
                            if (!response->has_order()) {
                              return ToGrpcStatus(
                                  absl::NotFoundError(absl::StrCat("the customer has no order ",
                                                                   request->order_number(),
                                                                   " in any system that answered")),
                                  "ORDER_NOT_FOUND");
                            }
                            const auto summary = context_.merger.Payments(outcomes, 100);
                            for (const auto& payment : summary.recent_payments()) {
                              if (payment.order_number() == request->order_number())
                                *response->add_payments() = payment;
                            }
                            return grpc::Status::OK;
                          });
}

grpc::ServerUnaryReactor* OrderService::ListOrders(grpc::CallbackServerContext* call,
                                                   const omnihub::v1::ListOrdersRequest* request,
                                                   omnihub::v1::ListOrdersResponse* response) {
  std::vector<FieldViolation> violations;
  const std::string query = absl::StrCat("orders|", request->customer().SerializeAsString());
  const PageWindow page = CheckPage(request->page_size(), request->page_token(), query,
                                    context_.recent_limit, kMaxOrderWindow, "orders", violations);
  if (!violations.empty()) {
    auto* reactor = call->DefaultReactor();
    reactor->Finish(InvalidRequest(violations));
    return reactor;
  }
  // One more than the page, so the merged list tells whether another page exists.
  FanOutRequest fan_out{
      {omnihub::v1::SECTION_ORDERS}, static_cast<int>(page.first + page.size + 1), ""};
  return ResolveAndFanOut(
      context_, call, request->customer(), "customer", fan_out,
      [this, response, page, query](const ResolvedCustomer&,
                                    const std::vector<SourceOutcome>& outcomes) {
        if (auto status = AnySourceAnswered(outcomes); !status.ok()) return ToGrpcStatus(status);
        auto orders = context_.merger.Orders(outcomes);
        response->set_next_page_token(EmitPage(
            orders, page, query, [&](auto order) { *response->add_orders() = std::move(order); }));
        for (auto& status : Merger::Statuses(outcomes))
          *response->add_sources() = std::move(status);
        return grpc::Status::OK;
      });
}

grpc::ServerUnaryReactor* OrderService::RefundOrder(grpc::CallbackServerContext* call,
                                                    const omnihub::v1::RefundOrderRequest* request,
                                                    omnihub::v1::ActionResult*) {
  std::vector<FieldViolation> violations;
  CheckOrderNumber(request->order_number(), "order_number", violations);
  RequireCustomer(request->customer(), violations);
  if (request->has_amount()) CheckMoney(request->amount(), "amount", violations);
  CheckActor(request->actor(), violations);
  CheckIdempotencyKey(request->idempotency_key(), "idempotency_key", violations);
  return NotYet(call, violations, "refunds");
}

grpc::ServerUnaryReactor* OrderService::CancelOrder(grpc::CallbackServerContext* call,
                                                    const omnihub::v1::CancelOrderRequest* request,
                                                    omnihub::v1::ActionResult*) {
  std::vector<FieldViolation> violations;
  CheckOrderNumber(request->order_number(), "order_number", violations);
  RequireCustomer(request->customer(), violations);
  CheckActor(request->actor(), violations);
  CheckIdempotencyKey(request->idempotency_key(), "idempotency_key", violations);
  return NotYet(call, violations, "cancellations");
}

grpc::ServerUnaryReactor* OrderService::ApplyGoodwill(
    grpc::CallbackServerContext* call, const omnihub::v1::ApplyGoodwillRequest* request,
    omnihub::v1::ActionResult*) {
  std::vector<FieldViolation> violations;
  RequireCustomer(request->customer(), violations);
  if (request->kind() == omnihub::v1::GOODWILL_KIND_UNSPECIFIED) {
    violations.push_back(
        {"kind", "is required: GOODWILL_KIND_COUPON or GOODWILL_KIND_FREE_SHIPPING"});
  }
  if (request->kind() == omnihub::v1::GOODWILL_KIND_COUPON) {
    CheckMoney(request->value(), "value", violations);
  }
  if (!request->order_number().empty()) {
    CheckOrderNumber(request->order_number(), "order_number", violations);
  }
  CheckActor(request->actor(), violations);
  CheckIdempotencyKey(request->idempotency_key(), "idempotency_key", violations);
  return NotYet(call, violations, "goodwill gestures");
}

}  // namespace omnihub::hub
