// hubctl contacts list | log.
#include <google/protobuf/util/time_util.h>
#include <grpcpp/client_context.h>

#include "omnihub/v1/contact.grpc.pb.h"
#include "tools/hubctl/answer.h"
#include "tools/hubctl/command.h"
#include "tools/hubctl/contact_view.h"
#include "tools/hubctl/customer_ref.h"
#include "tools/hubctl/exit_codes.h"
#include "tools/hubctl/format.h"
#include "tools/hubctl/option_values.h"
#include "tools/hubctl/sources_view.h"

namespace omnihub::hubctl {
namespace {

namespace po = boost::program_options;

void AddListOptions(po::options_description& options, po::positional_options_description&) {
  AddCustomerRefOptions(options);
  AddPagingOptions(options);
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
}

}  // namespace omnihub::hubctl
