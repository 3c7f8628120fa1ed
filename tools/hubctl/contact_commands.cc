// hubctl contacts list, hubctl cases list.
#include <grpcpp/client_context.h>

#include "omnihub/v1/contact.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/contact_view.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/sources_view.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

void AddListOptions(po::options_description& options, po::positional_options_description&) {
  AddCustomerRefOptions(options);
  options.add_options()("page-size", po::value<int>(), "entries per page")(
      "page-token", po::value<std::string>(), "the page after the one that gave it");
}

template <typename Request>
void SetPaging(const po::variables_map& flags, Request& request) {
  if (flags.count("page-size")) request.set_page_size(flags["page-size"].as<int>());
  if (flags.count("page-token")) request.set_page_token(flags["page-token"].as<std::string>());
}

void PrintMore(const std::string& next_page_token, std::ostream& out) {
  if (!next_page_token.empty()) out << "\nmore: --page-token " << next_page_token << "\n";
}

int ListContacts(const po::variables_map& flags, HubConnection& hub) {
  v1::ListContactsRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  SetPaging(flags, request);
  v1::ListContactsResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->ListContacts(&context, request, &response);
  return Answer(status, response, hub,
                "no customer matches " + DescribeCustomerRef(request.customer()),
                [](std::ostream& out, const v1::ListContactsResponse& answer) {
                  out << "Contacts\n";
                  PrintContactTable(out, answer.contacts());
                  PrintMore(answer.next_page_token(), out);
                  PrintSources(out, answer.sources());
                });
}

int ListCases(const po::variables_map& flags, HubConnection& hub) {
  v1::ListCasesRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  SetPaging(flags, request);
  v1::ListCasesResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->ListCases(&context, request, &response);
  return Answer(status, response, hub,
                "no customer matches " + DescribeCustomerRef(request.customer()),
                [](std::ostream& out, const v1::ListCasesResponse& answer) {
                  out << "Cases\n";
                  PrintCaseTable(out, answer.cases());
                  PrintMore(answer.next_page_token(), out);
                });
}

}  // namespace

void AddContactCommands(std::vector<Command>& commands) {
  commands.push_back({"contacts", "list", "<ref> [--page-size N] [--page-token T]",
                      "contacts over every channel, newest first", AddListOptions, ListContacts});
  commands.push_back({"cases", "list", "<ref> [--page-size N] [--page-token T]",
                      "the customer's cases", AddListOptions, ListCases});
}

}  // namespace omnihub::hubctl
