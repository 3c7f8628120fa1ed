// hubctl cases list | get | open | update: the cases the hub keeps (ContactService).
#include <grpcpp/client_context.h>

#include "omnihub/v1/contact.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/contact_view.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/option_values.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

v1::CaseStatus ParseStatus(const std::string& text) {
  return ParseLabel<v1::CaseStatus>(text, "CASE_STATUS_", "status", v1::CaseStatus_Parse,
                                    v1::CaseStatus_Name, v1::CaseStatus_MIN + 1,
                                    v1::CaseStatus_MAX);
}

v1::CasePriority ParsePriority(const std::string& text) {
  return ParseLabel<v1::CasePriority>(text, "CASE_PRIORITY_", "priority", v1::CasePriority_Parse,
                                      v1::CasePriority_Name, v1::CasePriority_MIN + 1,
                                      v1::CasePriority_MAX);
}

void PrintOne(std::ostream& out, const v1::Case& c) {
  google::protobuf::RepeatedPtrField<v1::Case> one;
  *one.Add() = c;
  PrintCaseTable(out, one);
  if (!c.owner_agent_id().empty()) out << "owner: " << c.owner_agent_id() << "\n";
}

void AddCaseIdOption(po::options_description& options, po::positional_options_description& ids) {
  options.add_options()("case-id", po::value<std::string>(), "the case's id (K-...)");
  ids.add("case-id", 1);
}

std::string RequiredCaseId(const po::variables_map& flags, const char* command) {
  if (!flags.count("case-id")) throw UsageError(std::string("name the case: ") + command);
  return flags["case-id"].as<std::string>();
}

int ListCases(const po::variables_map& flags, HubConnection& hub) {
  v1::ListCasesRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  if (flags.count("status")) {
    for (const auto& status : flags["status"].as<std::vector<std::string>>()) {
      request.add_statuses(ParseStatus(status));
    }
  }
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

int GetCase(const po::variables_map& flags, HubConnection& hub) {
  v1::GetCaseRequest request;
  request.set_case_id(RequiredCaseId(flags, "cases get CASE_ID"));
  v1::Case response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->GetCase(&context, request, &response);
  return Answer(status, response, hub, "no case " + request.case_id(), PrintOne);
}

void AddOpenOptions(po::options_description& options, po::positional_options_description&) {
  AddCustomerRefOptions(options);
  options.add_options()("subject", po::value<std::string>(), "what the case is about (required)")(
      "priority", po::value<std::string>(), "low, normal (default), high or urgent")(
      "order", po::value<std::string>(), "the order number the case is about")(
      "owner", po::value<std::string>(), "the agent who owns the case")(
      "key", po::value<std::string>(),
      "idempotency key: the same command with the same key opens the case once (default: a new "
      "key, printed)");
}

int OpenCase(const po::variables_map& flags, HubConnection& hub) {
  v1::CreateCaseRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  if (!flags.count("subject")) throw UsageError("cases open needs --subject");
  auto* c = request.mutable_case_();
  c->set_subject(flags["subject"].as<std::string>());
  if (flags.count("priority")) c->set_priority(ParsePriority(flags["priority"].as<std::string>()));
  if (flags.count("order")) c->set_order_number(flags["order"].as<std::string>());
  if (flags.count("owner")) c->set_owner_agent_id(flags["owner"].as<std::string>());
  request.set_idempotency_key(flags.count("key") ? flags["key"].as<std::string>() : NewKey());
  v1::Case response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->CreateCase(&context, request, &response);
  return Answer(status, response, hub,
                "no customer matches " + DescribeCustomerRef(request.customer()),
                [&](std::ostream& out, const v1::Case& answer) {
                  out << "opened case " << answer.case_id() << " for " << answer.customer_id()
                      << " (key " << request.idempotency_key() << ")\n\n";
                  PrintOne(out, answer);
                });
}

void AddUpdateOptions(po::options_description& options,
                      po::positional_options_description& positional) {
  AddCaseIdOption(options, positional);
  options.add_options()("agent", po::value<std::string>(), "the agent's id (required)")(
      "status", po::value<std::string>(), "open, pending, resolved or closed")(
      "priority", po::value<std::string>(), "low, normal, high or urgent")(
      "subject", po::value<std::string>(), "a new subject")(
      "owner", po::value<std::string>(), "the agent who owns the case (\"\": nobody)");
}

int UpdateCase(const po::variables_map& flags, HubConnection& hub) {
  v1::UpdateCaseRequest request;
  auto* c = request.mutable_case_();
  c->set_case_id(RequiredCaseId(flags, "cases update CASE_ID --agent ID [--status S] ..."));
  if (!flags.count("agent")) throw UsageError("cases update needs --agent");
  request.set_agent_id(flags["agent"].as<std::string>());
  if (flags.count("status")) {
    c->set_status(ParseStatus(flags["status"].as<std::string>()));
    request.add_update_mask("status");
  }
  if (flags.count("priority")) {
    c->set_priority(ParsePriority(flags["priority"].as<std::string>()));
    request.add_update_mask("priority");
  }
  if (flags.count("subject")) {
    c->set_subject(flags["subject"].as<std::string>());
    request.add_update_mask("subject");
  }
  if (flags.count("owner")) {
    c->set_owner_agent_id(flags["owner"].as<std::string>());
    request.add_update_mask("owner_agent_id");
  }
  if (request.update_mask().empty()) {
    throw UsageError("cases update: say what changes (--status, --priority, --subject, --owner)");
  }
  v1::Case response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->UpdateCase(&context, request, &response);
  return Answer(status, response, hub, "no case " + c->case_id(),
                [](std::ostream& out, const v1::Case& answer) {
                  out << "changed case " << answer.case_id() << "\n\n";
                  PrintOne(out, answer);
                });
}

}  // namespace

void AddCaseCommands(std::vector<Command>& commands) {
  commands.push_back(
      {"cases", "list",
       std::string(CustomerRefSynopsis()) + " [--status S]... [--page-size N] [--page-token T]",
       "the customer's cases, most recently changed first",
       [](po::options_description& options, po::positional_options_description&) {
         AddCustomerRefOptions(options);
         AddPagingOptions(options);
         options.add_options()("status", po::value<std::vector<std::string>>(),
                               "only cases in this state (open, pending, resolved, closed); "
                               "may be repeated");
       },
       ListCases});
  commands.push_back({"cases", "get", "CASE_ID", "one case", AddCaseIdOption, GetCase});
  commands.push_back({"cases", "open",
                      std::string(CustomerRefSynopsis()) +
                          " --subject TEXT [--priority P] [--order N] [--owner ID] [--key K]",
                      "open a case for the customer in the hub's store", AddOpenOptions, OpenCase});
  commands.push_back({"cases", "update",
                      "CASE_ID --agent ID [--status S] [--priority P] [--subject T] [--owner ID]",
                      "change a case's status, priority, subject or owner", AddUpdateOptions,
                      UpdateCase});
}

}  // namespace omnihub::hubctl
