// hubctl orders list | get.
#include <grpcpp/client_context.h>

#include "omnihub/v1/order.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/order_view.h"
#include "tools/hubctl/sources_view.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

int ListOrders(const po::variables_map& flags, HubConnection& hub) {
  v1::ListOrdersRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  if (flags.count("page-size")) request.set_page_size(flags["page-size"].as<int>());
  if (flags.count("page-token")) request.set_page_token(flags["page-token"].as<std::string>());
  v1::ListOrdersResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::OrderService::NewStub(hub.channel())->ListOrders(&context, request, &response);
  return Answer(status, response, hub,
                "no customer matches " + DescribeCustomerRef(request.customer()),
                [](std::ostream& out, const v1::ListOrdersResponse& answer) {
                  out << "Orders\n";
                  PrintOrderTable(out, answer.orders());
                  if (!answer.next_page_token().empty()) {
                    out << "\nmore: --page-token " << answer.next_page_token() << "\n";
                  }
                  PrintSources(out, answer.sources());
                });
}

int GetOrder(const po::variables_map& flags, HubConnection& hub) {
  if (!flags.count("order-number")) throw UsageError("name the order: orders get ORDER_NUMBER");
  v1::GetOrderRequest request;
  request.set_order_number(flags["order-number"].as<std::string>());
  std::string not_found = "no order " + request.order_number();
  if (auto ref = OptionalCustomerRef(flags)) {
    *request.mutable_customer() = *ref;
    not_found += " for " + DescribeCustomerRef(*ref);
  }
  v1::GetOrderResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::OrderService::NewStub(hub.channel())->GetOrder(&context, request, &response);
  return Answer(status, response, hub, not_found,
                [](std::ostream& out, const v1::GetOrderResponse& answer) {
                  PrintOrderDetail(out, answer.order());
                  out << "\nPayments\n";
                  PrintPaymentTable(out, answer.payments());
                  PrintSources(out, answer.sources());
                });
}

}  // namespace

void AddOrderCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"orders", "list", "<ref> [--page-size N] [--page-token T]",
       "the customer's orders over every channel, newest first",
       [](po::options_description& options, po::positional_options_description&) {
         AddCustomerRefOptions(options);
         options.add_options()("page-size", po::value<int>(), "orders per page (at most 100)")(
             "page-token", po::value<std::string>(), "the page after the one that gave it");
       },
       ListOrders});
  commands.push_back(
      {"orders", "get", "ORDER_NUMBER [<ref>]", "one order with lines, shipments and payments",
       [](po::options_description& options, po::positional_options_description& positional) {
         AddCustomerRefOptions(options);
         options.add_options()("order-number", po::value<std::string>(), "the order number");
         positional.add("order-number", 1);
       },
       GetOrder});
}

}  // namespace omnihub::hubctl
