// hubctl contacts list | log, hubctl cases list.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/client_context.h>

#include <random>

#include "omnihub/v1/contact.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/contact_view.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/format.h"
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

// "phone" -> CONTACT_CHANNEL_PHONE (and likewise for directions); UsageError naming the known
// values otherwise.
template <typename Enum>
Enum ParseLabel(const std::string& text, const std::string& prefix, const char* option,
                bool (*parse)(const std::string&, Enum*), const std::string& (*name)(Enum),
                int first, int last) {
  std::string upper;
  for (char c : text) upper += c == '-' ? '_' : static_cast<char>(std::toupper(c));
  Enum value{};
  if (!text.empty() && parse(prefix + upper, &value) && static_cast<int>(value) >= first) {
    return value;
  }
  std::string known;
  for (int i = first; i <= last; ++i) {
    known += (known.empty() ? "" : ", ") + EnumLabel(name(static_cast<Enum>(i)), prefix);
  }
  throw UsageError(std::string("unknown ") + option + " '" + text + "' (known: " + known + ")");
}

// A key for one run of the command, when none is given: retrying the same command then logs
// another contact; give --key to retry safely.
std::string NewKey() {
  std::random_device random;
  char key[32];
  std::snprintf(key, sizeof key, "hubctl-%08x%08x", random(), random());
  return key;
}

void AddLogOptions(po::options_description& options, po::positional_options_description&) {
  AddCustomerRefOptions(options);
  options.add_options()("channel", po::value<std::string>(),
                        "phone, email, chat, social, store or sms (required)")(
      "direction", po::value<std::string>()->default_value("inbound"), "inbound or outbound")(
      "agent", po::value<std::string>(), "the agent's id (required)")(
      "summary", po::value<std::string>(), "what the contact was about (required)")(
      "case", po::value<std::string>(), "the case the contact belongs to")(
      "occurred-at", po::value<std::string>(), "when it happened, RFC 3339 (default: now)")(
      "key", po::value<std::string>(),
      "idempotency key: the same command with the same key logs the contact once (default: a "
      "new key, printed)");
}

int LogContact(const po::variables_map& flags, HubConnection& hub) {
  v1::LogContactRequest request;
  *request.mutable_customer() = RequiredCustomerRef(flags);
  for (const char* required : {"channel", "agent", "summary"}) {
    if (!flags.count(required)) {
      throw UsageError(std::string("contacts log needs --") + required);
    }
  }
  auto* contact = request.mutable_contact();
  contact->set_channel(ParseLabel<v1::ContactChannel>(
      flags["channel"].as<std::string>(), "CONTACT_CHANNEL_", "channel", v1::ContactChannel_Parse,
      v1::ContactChannel_Name, v1::ContactChannel_MIN + 1, v1::ContactChannel_MAX));
  contact->set_direction(ParseLabel<v1::ContactDirection>(
      flags["direction"].as<std::string>(), "CONTACT_DIRECTION_", "direction",
      v1::ContactDirection_Parse, v1::ContactDirection_Name, v1::ContactDirection_MIN + 1,
      v1::ContactDirection_MAX));
  contact->set_agent_id(flags["agent"].as<std::string>());
  contact->set_summary(flags["summary"].as<std::string>());
  if (flags.count("case")) contact->set_case_id(flags["case"].as<std::string>());
  if (flags.count("occurred-at") &&
      !google::protobuf::util::TimeUtil::FromString(flags["occurred-at"].as<std::string>(),
                                                    contact->mutable_occurred_at())) {
    throw UsageError("--occurred-at must be an RFC 3339 time, e.g. 2026-11-29T10:15:00Z");
  }
  request.set_idempotency_key(flags.count("key") ? flags["key"].as<std::string>() : NewKey());
  v1::Contact response;
  grpc::ClientContext context;
  hub.Prepare(context);
  const auto status =
      v1::ContactService::NewStub(hub.channel())->LogContact(&context, request, &response);
  // NOT_FOUND is about the customer or the case: the hub's message says which.
  return Answer(status, response, hub, "", [&](std::ostream& out, const v1::Contact& answer) {
    out << "logged contact " << answer.contact_id() << " for " << answer.customer_id() << " (key "
        << request.idempotency_key() << ")\n\n";
    google::protobuf::RepeatedPtrField<v1::Contact> one;
    *one.Add() = answer;
    PrintContactTable(out, one);
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
  commands.push_back({"contacts", "log",
                      std::string(CustomerRefSynopsis()) +
                          " --channel C --agent ID --summary TEXT [--direction D] [--case ID] "
                          "[--occurred-at T] [--key K]",
                      "log a contact with the customer in the hub's store (shown at once)",
                      AddLogOptions, LogContact});
  commands.push_back({"cases", "list", "<ref> [--page-size N] [--page-token T]",
                      "the customer's cases", AddListOptions, ListCases});
}

}  // namespace omnihub::hubctl
