// hubctl customer get | 360 | search | link | unlink.
#include <grpcpp/client_context.h>

#include "omnihub/v1/customer.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/customer_view.h"
#include "tools/hubctl/format.h"
#include "tools/hubctl/sources_view.h"
#include "tools/hubctl/table.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

std::string NoCustomer(const v1::CustomerRef& ref) {
  return "no customer matches " + DescribeCustomerRef(ref);
}

int GetCustomer(const po::variables_map& flags, HubConnection& hub) {
  v1::GetCustomerRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  v1::GetCustomerResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::CustomerService::NewStub(hub.channel())->GetCustomer(&context, request, &response);
  return Answer(status, response, hub, NoCustomer(request.customer()),
                [](std::ostream& out, const v1::GetCustomerResponse& answer) {
                  PrintProfile(out, answer.customer());
                  PrintSources(out, answer.sources());
                });
}

int GetCustomer360(const po::variables_map& flags, HubConnection& hub) {
  v1::GetCustomer360Request request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  if (flags.count("recent")) request.set_recent_limit(flags["recent"].as<int>());
  v1::Customer360 response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::CustomerService::NewStub(hub.channel())->GetCustomer360(&context, request, &response);
  return Answer(status, response, hub, NoCustomer(request.customer()), PrintCustomer360);
}

// The customer id, or for a customer only one backend knows (no golden id): "only SYSTEM:ACCOUNT".
std::string MatchId(const v1::Customer& customer) {
  if (!customer.customer_id().empty() || customer.accounts().empty()) {
    return OrDash(customer.customer_id());
  }
  return "only " + customer.accounts(0).system() + ":" + customer.accounts(0).account_id();
}

void PrintMatches(std::ostream& out, const v1::SearchCustomersResponse& answer) {
  if (answer.matches().empty()) {
    out << "no matches\n";
    if (!answer.sources().empty()) PrintSources(out, answer.sources());
    return;
  }
  Table table({"CUSTOMER ID", "NAME", "EMAIL", "POSTCODE", "MATCH", "SCORE", "EVIDENCE"});
  for (const auto& match : answer.matches()) {
    std::string evidence;
    for (const auto& item : match.evidence()) evidence += (evidence.empty() ? "" : "; ") + item;
    char score[16];
    std::snprintf(score, sizeof score, "%.2f", match.score());
    table.AddRow(
        {MatchId(match.customer()), OrDash(match.customer().display_name()),
         OrDash(match.customer().email()), OrDash(match.customer().address().postal_code()),
         EnumLabel(v1::MatchKind_Name(match.kind()), "MATCH_KIND_"), score, OrDash(evidence)});
  }
  table.Print(out, 0);
  if (!answer.next_page_token().empty()) {
    out << "\nmore: --page-token " << answer.next_page_token() << "\n";
  }
  // The backends asked by a name search (an identifier search asks none).
  if (!answer.sources().empty()) PrintSources(out, answer.sources());
}

int SearchCustomers(const po::variables_map& flags, HubConnection& hub) {
  v1::SearchCustomersRequest request;
  const auto ref = OptionalCustomerRef(flags);
  const bool by_name = flags.count("name") || flags.count("postcode");
  if (ref && by_name) throw UsageError("search by one reference or by --name and --postcode");
  std::string not_found;
  if (ref) {
    if (ref->has_customer_id()) {
      throw UsageError("search takes an identifier; for a customer id use: customer get --id");
    }
    *request.mutable_identifier() = ref->identifier();
    not_found = NoCustomer(*ref);
  } else if (by_name) {
    if (!flags.count("name")) throw UsageError("--postcode needs --name");
    request.mutable_name()->set_name(flags["name"].as<std::string>());
    if (flags.count("postcode")) {
      request.mutable_name()->set_postal_code(flags["postcode"].as<std::string>());
    }
    not_found = "no customer matches name " + request.name().name();
  } else {
    throw UsageError(std::string("search by ") + CustomerRefSynopsis() +
                     " or by --name NAME --postcode PC");
  }
  if (flags.count("page-size")) request.set_page_size(flags["page-size"].as<int>());
  if (flags.count("page-token")) request.set_page_token(flags["page-token"].as<std::string>());
  v1::SearchCustomersResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::CustomerService::NewStub(hub.channel())->SearchCustomers(&context, request, &response);
  return Answer(status, response, hub, not_found, PrintMatches);
}

// The identifier to link or unlink, named by one of the <ref> options other than --id.
v1::Identifier LinkedIdentifier(const po::variables_map& flags, const char* verb) {
  const auto ref = OptionalCustomerRef(flags);
  if (!ref || ref->has_customer_id()) {
    throw UsageError(std::string("name the identifier to ") + verb +
                     " with one of --email, --phone, --twitter, --facebook, --loyalty, --address "
                     "or --account; the customer is the CUSTOMER_ID argument");
  }
  return ref->identifier();
}

// LinkIdentifierRequest or UnlinkIdentifierRequest from the command line.
template <typename Request>
Request LinkRequest(const po::variables_map& flags, const char* verb) {
  if (!flags.count("customer-id")) {
    throw UsageError(std::string("name the customer: customer ") + verb +
                     " CUSTOMER_ID (as customer get shows it)");
  }
  if (!flags.count("agent") || !flags.count("reason")) {
    throw UsageError(std::string("customer ") + verb +
                     " needs --agent ID and --reason TEXT: both are kept in the audit trail");
  }
  Request request;
  request.set_customer_id(flags["customer-id"].as<std::string>());
  *request.mutable_identifier() = LinkedIdentifier(flags, verb);
  request.set_agent_id(flags["agent"].as<std::string>());
  request.set_reason(flags["reason"].as<std::string>());
  return request;
}

std::string IdentifierText(const v1::Identifier& identifier) {
  std::string text = EnumLabel(v1::IdentifierType_Name(identifier.type()), "IDENTIFIER_TYPE_");
  if (!identifier.system().empty()) text += " " + identifier.system() + ":";
  return text + (identifier.system().empty() ? " " : "") + identifier.value();
}

int LinkIdentifier(const po::variables_map& flags, HubConnection& hub) {
  const auto request = LinkRequest<v1::LinkIdentifierRequest>(flags, "link");
  v1::LinkIdentifierResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::CustomerService::NewStub(hub.channel())->LinkIdentifier(&context, request, &response);
  return Answer(status, response, hub, "",
                [&](std::ostream& out, const v1::LinkIdentifierResponse& answer) {
                  out << "linked " << IdentifierText(request.identifier()) << " to "
                      << answer.customer().customer_id() << "\n\n";
                  PrintProfile(out, answer.customer());
                });
}

int UnlinkIdentifier(const po::variables_map& flags, HubConnection& hub) {
  const auto request = LinkRequest<v1::UnlinkIdentifierRequest>(flags, "unlink");
  v1::UnlinkIdentifierResponse response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::CustomerService::NewStub(hub.channel())->UnlinkIdentifier(&context, request, &response);
  return Answer(status, response, hub, "",
                [&](std::ostream& out, const v1::UnlinkIdentifierResponse& answer) {
                  out << "unlinked " << IdentifierText(request.identifier()) << " from "
                      << answer.customer().customer_id() << "\n\n";
                  PrintProfile(out, answer.customer());
                });
}

void AddLinkOptions(po::options_description& options,
                    po::positional_options_description& positional) {
  AddCustomerRefOptions(options);
  options.add_options()("customer-id", po::value<std::string>(), "the golden customer id")(
      "agent", po::value<std::string>(), "who verified it (kept in the audit trail)")(
      "reason", po::value<std::string>(), "why (kept in the audit trail)");
  positional.add("customer-id", 1);
}

}  // namespace

void AddCustomerCommands(std::vector<Command>& commands) {
  auto ref_only = [](po::options_description& options, po::positional_options_description&) {
    AddCustomerRefOptions(options);
  };
  commands.push_back({"customer", "get", "<ref>",
                      "the merged profile, with the system each field came from", ref_only,
                      GetCustomer});
  commands.push_back({"customer", "360", "<ref> [--recent N]",
                      "profile, orders, payments, loyalty, contacts, open cases and sources",
                      [](po::options_description& options, po::positional_options_description&) {
                        AddCustomerRefOptions(options);
                        options.add_options()("recent", po::value<int>(),
                                              "recent orders and contacts to include (each)");
                      },
                      GetCustomer360});
  commands.push_back(
      {"customer", "search", "(<ref> | --name NAME --postcode PC) [--page-size N]",
       "find customers by an identifier, or candidates by name and postcode",
       [](po::options_description& options, po::positional_options_description&) {
         AddCustomerRefOptions(options);
         options.add_options()("name", po::value<std::string>(), "name to search for")(
             "postcode", po::value<std::string>(), "postal code to search in")(
             "page-size", po::value<int>(), "matches per page")(
             "page-token", po::value<std::string>(), "the page after the one that gave it");
       },
       SearchCustomers});
  commands.push_back({"customer", "link", "CUSTOMER_ID <identifier> --agent ID --reason TEXT",
                      "link an identifier to a customer after verifying it (audited)",
                      AddLinkOptions, LinkIdentifier});
  commands.push_back({"customer", "unlink", "CUSTOMER_ID <identifier> --agent ID --reason TEXT",
                      "remove an identifier from a customer, or undo a link (audited)",
                      AddLinkOptions, UnlinkIdentifier});
}

}  // namespace omnihub::hubctl
